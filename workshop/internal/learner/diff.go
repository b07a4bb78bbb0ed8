package learner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
	"github.com/gokit-workshop/workshop/workshop/internal/textdiff"
)

// DiffAbout describes the diff command, for its -h.
const DiffAbout = `Shows how your files of a stage differ from the solution's, as a unified
diff: lines starting with - are yours, lines starting with + the solution's.
The module path is set aside (the solution imports solutions/stageNN-...,
your copy stageNN-...). Without a stage, it takes the stage folder you are in.
It needs neither git nor a network.`

// Diff is the diff command: the learner's files of the stage named (the
// stage folder they are in when stage is "") against the solution's, the
// module path aside. It returns the exit status.
func Diff(stage string, stdout, stderr io.Writer) int {
	s := openSession(stdout, stderr)
	if s == nil {
		return exit.Fail
	}
	s.preflight() // diff needs no cgo, but the learner needs to know: it prints the fix
	var st repo.Stage
	var ok bool
	if stage != "" {
		st, ok = s.pickStage("diff", stage)
	} else if st, ok = s.stageOfCwd(); !ok {
		fmt.Fprintln(stderr, "workshop diff: name a stage, e.g. "+s.self()+" diff "+s.stages[0].Name)
	}
	if !ok {
		return exit.Usage
	}
	return s.diff(st)
}

// diff prints the differences between the exercise and the solution of st.
func (s *session) diff(st repo.Stage) int {
	if st.Solution.Path == "" {
		fmt.Fprintf(s.errOut, "workshop diff: %s has no solution in %s\n", st.Name, s.rel(st.Solution.Dir))
		return exit.Fail
	}
	mine, err := diffableFiles(st.Exercise.Dir)
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop diff:", err)
		return exit.Fail
	}
	theirs, err := diffableFiles(st.Solution.Dir)
	if err != nil {
		fmt.Fprintln(s.errOut, "workshop diff:", err)
		return exit.Fail
	}
	var changed, onlyMine, onlyTheirs []string
	var patches strings.Builder
	for _, f := range theirs {
		if !slices.Contains(mine, f) {
			onlyTheirs = append(onlyTheirs, f)
			continue
		}
		a, errA := os.ReadFile(filepath.Join(st.Exercise.Dir, f))
		b, errB := os.ReadFile(filepath.Join(st.Solution.Dir, f))
		if errA != nil || errB != nil {
			fmt.Fprintln(s.errOut, "workshop diff:", errors.Join(errA, errB))
			return exit.Fail
		}
		b = repo.RewritePath(b, st.Solution.Path, st.Exercise.Path)
		if bytes.Equal(a, b) {
			continue
		}
		changed = append(changed, f)
		if isBinary(a) || isBinary(b) {
			fmt.Fprintf(&patches, "Binary files %s and %s differ\n", s.rel(filepath.Join(st.Exercise.Dir, f)), s.rel(filepath.Join(st.Solution.Dir, f)))
			continue
		}
		patches.WriteString(s.colorDiff(textdiff.Unified(
			s.rel(filepath.Join(st.Exercise.Dir, f))+" (yours)",
			s.rel(filepath.Join(st.Solution.Dir, f))+" (solution)",
			string(a), string(b))))
	}
	for _, f := range mine {
		if !slices.Contains(theirs, f) {
			onlyMine = append(onlyMine, f)
		}
	}

	c := s.color
	fmt.Fprintf(s.out, "%s: your files against %s (module path aside)\n", c.bold(st.Name), s.rel(st.Solution.Dir))
	if len(changed)+len(onlyMine)+len(onlyTheirs) == 0 {
		fmt.Fprintln(s.out, "No difference: your files are the solution's.")
		return exit.OK
	}
	verb := "differ"
	if len(changed) == 1 {
		verb = "differs"
	}
	fmt.Fprintf(s.out, "%s %s; - lines are yours, + lines the solution's.\n\n", plural(len(changed), "file"), verb)
	fmt.Fprint(s.out, patches.String())
	if len(onlyMine) > 0 {
		fmt.Fprintf(s.out, "\nOnly in yours: %s\n", strings.Join(onlyMine, ", "))
	}
	if len(onlyTheirs) > 0 {
		fmt.Fprintf(s.out, "\nOnly in the solution: %s\n", strings.Join(onlyTheirs, ", "))
	}
	return exit.OK
}

// diffableFiles returns the files of a stage tree to compare: the twins
// (go.mod, go.sum and the guide aside), without the SQLite files a running
// server leaves behind.
func diffableFiles(dir string) ([]string, error) {
	files, err := repo.TwinFiles(dir)
	return slices.DeleteFunc(files, func(f string) bool {
		return strings.HasSuffix(f, ".db") || strings.HasSuffix(f, ".db-shm") || strings.HasSuffix(f, ".db-wal")
	}), err
}

// colorDiff colours a unified diff: headers bold, hunks cyan, deletions red,
// insertions green.
func (s *session) colorDiff(diff string) string {
	c := s.color
	if !c.on {
		return diff
	}
	var out strings.Builder
	for line := range strings.Lines(diff) {
		text := strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(text, "--- "), strings.HasPrefix(text, "+++ "):
			text = c.bold(text)
		case strings.HasPrefix(text, "@@"):
			text = c.cyan(text)
		case strings.HasPrefix(text, "-"):
			text = c.red(text)
		case strings.HasPrefix(text, "+"):
			text = c.green(text)
		}
		out.WriteString(text + "\n")
	}
	return out.String()
}

// isBinary reports whether data looks like a binary file (it holds a NUL byte).
func isBinary(data []byte) bool {
	return bytes.IndexByte(data, 0) >= 0
}
