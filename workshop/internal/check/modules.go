package check

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkGoWork checks that the go.work at root uses exactly the directories
// below root that hold a go.mod (hidden directories and testdata aside).
// broken is true when go.work uses a directory without a go.mod, which makes
// every go command in the workspace fail.
func checkGoWork(root string) (r result, broken bool) {
	uses, err := repo.WorkUses(root)
	if err != nil {
		return fail(err.Error(), ""), true
	}
	mods, err := repo.ModuleDirs(root)
	if err != nil {
		return fail(err.Error(), ""), false
	}
	// The modules under tools/ hold tool dependencies (buf, say) whose
	// versions must not move the stages': they stay out of go.work.
	mods = slices.DeleteFunc(mods, func(dir string) bool { return strings.HasPrefix(dir, toolsDir+"/") })
	var problems []string
	if missing := without(mods, uses); len(missing) > 0 {
		problems = append(problems, "go.work does not use "+strings.Join(missing, ", "))
	}
	extra := without(uses, mods)
	if len(extra) > 0 {
		problems = append(problems, "go.work uses directories without a go.mod: "+strings.Join(extra, ", "))
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), ""), len(extra) > 0
	}
	return pass(), false
}

// without returns the elements of a that are not in b.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// checkStandalone checks that both modules of stage s build, and are tidy,
// without the workspace: each carries the replace directives it needs.
func (v *verifier) checkStandalone(s repo.Stage) result {
	noWork := []string{"GOWORK=off"}
	var problems, detail []string
	for _, m := range []repo.Module{s.Solution, s.Exercise} {
		if out, err := v.goCmd.Run(m.Dir, noWork, "build", "-o", os.DevNull, "./..."); err != nil {
			problems = append(problems, v.rel(m.Dir)+": GOWORK=off go build fails")
			detail = append(detail, v.rel(m.Dir)+": GOWORK=off go build ./...", repo.Excerpt(out))
			continue
		}
		if out, err := v.goCmd.Run(m.Dir, noWork, "mod", "tidy", "-diff"); err != nil {
			problems = append(problems, v.rel(m.Dir)+": go mod tidy -diff is not clean")
			detail = append(detail, v.rel(m.Dir)+": GOWORK=off go mod tidy -diff", repo.Excerpt(out))
		}
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), strings.Join(detail, "\n"))
	}
	return pass()
}

// checkImports checks, with the workspace, that no package or test of stage
// s imports an exercise: the exercise only itself, the solution none at all.
// all is every stage of the repository.
func (v *verifier) checkImports(s repo.Stage, all []repo.Stage) result {
	var problems, detail []string
	for _, m := range []repo.Module{s.Exercise, s.Solution} {
		imports, out, err := v.listImports(m)
		if err != nil {
			problems = append(problems, v.rel(m.Dir)+": go list fails")
			detail = append(detail, repo.Excerpt(out))
			continue
		}
		for _, imp := range imports {
			if !repo.Within(imp.from, m.Path) {
				continue // a dependency's own imports are checked with its own stage
			}
			for _, other := range all {
				if other.Exercise.Path == m.Path || !repo.Within(imp.to, other.Exercise.Path) {
					continue
				}
				problems = append(problems, fmt.Sprintf("%s imports %s", imp.from, imp.to))
				detail = append(detail, fmt.Sprintf("%s: %s imports exercise %s; import the solution %s instead",
					v.rel(m.Dir), imp.from, other.Exercise.Path, other.Solution.Path))
			}
		}
	}
	if len(problems) > 0 {
		return fail(strings.Join(slices.Compact(problems), "; "), strings.Join(slices.Compact(detail), "\n"))
	}
	return pass()
}

// anImport is one import: package from imports package to.
type anImport struct {
	from, to string
}

// listImports lists every import of every package and test that module m
// builds, its dependencies' included.
func (v *verifier) listImports(m repo.Module) ([]anImport, string, error) {
	out, err := v.goCmd.Run(m.Dir, nil, "list", "-deps", "-test",
		"-f", "{{.ImportPath}}{{range .Imports}}\t{{.}}{{end}}", "./...")
	if err != nil {
		return nil, out, err
	}
	var imports []anImport
	for line := range strings.Lines(out) {
		fields := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		importer := packagePath(fields[0])
		for _, f := range fields[1:] {
			imports = append(imports, anImport{importer, packagePath(f)})
		}
	}
	slices.SortFunc(imports, func(a, b anImport) int {
		return strings.Compare(a.from+"\t"+a.to, b.from+"\t"+b.to)
	})
	return slices.Compact(imports), out, nil
}

// packagePath strips the test variant suffix go list adds, as in
// "example.com/m/p [example.com/m/p.test]", and the ".test" of a test main.
func packagePath(listed string) string {
	p, _, _ := strings.Cut(listed, " ")
	return strings.TrimSuffix(p, ".test")
}
