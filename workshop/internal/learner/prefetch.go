package learner

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// PrefetchAbout describes the prefetch command, for its -h.
const PrefetchAbout = `Gets a machine ready for a workshop without a network: the Go toolchain
go.work asks for, the modules every module of go.work needs (go mod download
in each), and every package built once in the workspace, as the tests build
them (go build, go test -run '^$', and again with -race; SQLite's C code
included), which fetches any other module a build needs. Then it prints
what it downloaded and how big the module and build caches are.`

// Prefetch is the prefetch command: download and build everything once,
// then report what it did (every module downloaded when verbose). It
// returns the exit status.
func Prefetch(verbose bool, stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	if !s.preflight() {
		return exit.Fail
	}
	return s.prefetch(context.Background(), verbose)
}

// prefetch downloads and builds everything, and reports what it did.
func (s *session) prefetch(ctx context.Context, verbose bool) int {
	c := s.color
	began := time.Now()
	out, err := s.goCmd.RunContext(ctx, s.root, nil, "env", "GOMODCACHE", "GOCACHE", "GOVERSION", "GOROOT")
	vals := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(vals) != 4 {
		fmt.Fprintln(s.errOut, "workshop prefetch: go env fails:", strings.TrimSpace(out))
		return exit.Fail
	}
	modCache, buildCache, goVersion, goRoot := vals[0], vals[1], vals[2], vals[3]
	downloads := filepath.Join(modCache, "cache", "download") // what came over the network: zips, go.mod files, checksums
	modBefore, buildBefore, downloadsBefore := dirSize(modCache), dirSize(buildCache), dirSize(downloads)
	zipsBefore := moduleZips(modCache)
	failed := 0

	fmt.Fprintln(s.out, c.bold("workshop prefetch: download and build everything the workshop needs, once"))
	fmt.Fprintln(s.out)

	// The toolchain: the go env above already ran in the workspace, so the
	// go command has fetched the version go.work asks for, if it needed one.
	wants := goWorkVersion(s.root)
	where := "installed here"
	if repo.Within(filepath.ToSlash(goRoot), filepath.ToSlash(modCache)) {
		where = "downloaded by the go command into the module cache"
	}
	fmt.Fprintf(s.out, "Go: go.work asks for go %s or newer; the go command uses %s (%s, %s).\n", wants, goVersion, goRoot, where)

	uses, err := repo.WorkUses(s.root)
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop prefetch:", err)
		return exit.Fail
	}
	// go mod download in each module on its own (GOWORK=off): the modules
	// that provide its packages and their tests. In the workspace, go mod
	// download would fetch the whole build list instead, several times as
	// much (all of Go kit's optional dependencies, the AWS SDK among them),
	// none of which a build needs. The builds below, in the workspace as
	// learners run them, fetch any version the workspace selects on top.
	fmt.Fprintf(s.out, "Modules: go mod download in each of the %d modules of go.work...\n", len(uses))
	for _, dir := range uses {
		s.showStatus("go mod download (" + dir + ")...")
		if out, err := s.goCmd.RunContext(ctx, filepath.Join(s.root, dir), []string{"GOWORK=off"}, "mod", "download"); err != nil {
			failed++
			fmt.Fprintf(s.out, "  %s %s: GOWORK=off go mod download: %s\n", c.red("FAIL"), dir, repo.Excerpt(out))
		}
	}
	s.showStatus("")

	fmt.Fprintln(s.out, "Build: go build ./..., go test -run '^$' ./..., the same with -race, in each module:")
	width := 0
	for _, dir := range uses {
		width = max(width, len(dir))
	}
	for _, dir := range uses {
		start := time.Now()
		var problem string
		for _, args := range [][]string{
			{"build", "./..."},
			{"test", "-run", "^$", "./..."},
			{"test", "-race", "-run", "^$", "./..."},
		} {
			s.showStatus(fmt.Sprintf("%s: go %s...", dir, strings.Join(args, " ")))
			if out, err := s.goCmd.RunContext(ctx, filepath.Join(s.root, dir), nil, args...); err != nil {
				problem = fmt.Sprintf("go %s fails:\n%s", strings.Join(args, " "), repo.Excerpt(out))
				break
			}
		}
		s.showStatus("")
		took := time.Since(start).Round(100 * time.Millisecond)
		if problem != "" {
			failed++
			fmt.Fprintf(s.out, "  %s  %-*s  %6s  %s\n", c.red("FAIL"), width, dir, took, indent(capLines(problem, 12), "        ")[8:])
			continue
		}
		fmt.Fprintf(s.out, "  %s    %-*s  %6s\n", c.green("ok"), width, dir, took)
	}

	s.reportDownloads(zipsBefore, moduleZips(modCache), dirSize(downloads)-downloadsBefore, verbose)
	fmt.Fprintln(s.out, "Caches:")
	modAfter, buildAfter := dirSize(modCache), dirSize(buildCache)
	fmt.Fprintf(s.out, "  GOMODCACHE  %-8s (%s) %s\n", formatSize(modAfter), signedSize(modAfter-modBefore), modCache)
	fmt.Fprintf(s.out, "  GOCACHE     %-8s (%s) %s\n", formatSize(buildAfter), signedSize(buildAfter-buildBefore), buildCache)
	fmt.Fprintf(s.out, "Took %s.\n", time.Since(began).Round(time.Second))
	if failed > 0 {
		fmt.Fprintln(s.out, c.red(fmt.Sprintf("%s failed: see above. What did succeed is cached.", plural(failed, "step"))))
		return exit.Fail
	}
	fmt.Fprintln(s.out, c.green("Ready: the tests, the race detector and SQLite now build without a network."))
	return exit.OK
}

// reportDownloads prints the modules whose zip files appeared in the module
// cache, and how much came over the network.
func (s *session) reportDownloads(before, after []string, fetched int64, verbose bool) {
	var fresh []string
	for _, z := range after {
		if _, found := slices.BinarySearch(before, z); !found {
			fresh = append(fresh, z)
		}
	}
	if len(fresh) == 0 {
		fmt.Fprintln(s.out, "Downloaded: nothing; every module was in the module cache already.")
		return
	}
	fmt.Fprintf(s.out, "Downloaded: %s, %s over the network", plural(len(fresh), "module"), formatSize(fetched))
	if !verbose {
		fmt.Fprintln(s.out, "; -v lists them.")
		return
	}
	fmt.Fprintln(s.out, ":")
	for _, m := range fresh {
		fmt.Fprintln(s.out, "    "+m)
	}
}

// moduleZips returns the modules (path@version) whose zip files the module
// cache at modCache holds, sorted.
func moduleZips(modCache string) []string {
	downloads := filepath.Join(modCache, "cache", "download")
	var mods []string
	filepath.WalkDir(downloads, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".zip") {
			return nil
		}
		rel, err := filepath.Rel(downloads, p)
		if err != nil {
			return nil
		}
		mod, version, ok := strings.Cut(filepath.ToSlash(rel), "/@v/")
		if ok {
			mods = append(mods, unescapeModulePath(mod)+"@"+strings.TrimSuffix(version, ".zip"))
		}
		return nil
	})
	slices.Sort(mods)
	return mods
}

// unescapeModulePath undoes the module cache's case encoding: "!x" is "X".
func unescapeModulePath(p string) string {
	var b strings.Builder
	upper := false
	for _, r := range p {
		switch {
		case r == '!':
			upper = true
		case upper:
			b.WriteString(strings.ToUpper(string(r)))
			upper = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// goWorkVersion returns the version on the toolchain line of go.work, else
// on its go line, else "?".
func goWorkVersion(root string) string {
	work, err := repo.ReadGoWork(root)
	switch {
	case err != nil:
		return "?"
	case work.Toolchain != "":
		return strings.TrimPrefix(work.Toolchain, "go")
	case work.Go != "":
		return work.Go
	}
	return "?"
}

// dirSize returns the total size of the files below dir (0 when it is missing).
func dirSize(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// formatSize formats a number of bytes in decimal units, e.g. "412 MB".
func formatSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// signedSize formats a change in size, e.g. "+120 MB".
func signedSize(n int64) string {
	if n < 0 {
		return "-" + formatSize(-n)
	}
	return "+" + formatSize(n)
}
