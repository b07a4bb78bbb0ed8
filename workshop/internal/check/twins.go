package check

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
	"github.com/gokit-workshop/workshop/workshop/internal/textdiff"
)

// todoMarker marks a learner's body in an exercise: // TODO(stageNN, step K): what to do.
var todoMarker = regexp.MustCompile(`TODO\(stage[0-9]{2}`)

// checkTwins checks that exercise and solution of stage s hold the same
// files, that every test file and every TODO-free exercise file is identical
// to its twin but for the module path, and that the solution has no TODO marker.
func (v *verifier) checkTwins(s repo.Stage) result {
	exFiles, err := repo.TwinFiles(s.Exercise.Dir)
	if err != nil {
		return fail(err.Error(), "")
	}
	solFiles, err := repo.TwinFiles(s.Solution.Dir)
	if err != nil {
		return fail(err.Error(), "")
	}
	var differ, onlyEx, onlySol, todos, detail []string
	for _, f := range exFiles {
		if !slices.Contains(solFiles, f) {
			onlyEx = append(onlyEx, f)
		}
	}
	for _, f := range solFiles {
		sol, err := os.ReadFile(filepath.Join(s.Solution.Dir, f))
		if err != nil {
			return fail(err.Error(), "")
		}
		if line := markerLine(sol); line > 0 {
			todos = append(todos, fmt.Sprintf("%s:%d", f, line))
		}
		if !slices.Contains(exFiles, f) {
			onlySol = append(onlySol, f)
			continue
		}
		ex, err := os.ReadFile(filepath.Join(s.Exercise.Dir, f))
		if err != nil {
			return fail(err.Error(), "")
		}
		if !strings.HasSuffix(f, "_test.go") && todoMarker.Match(ex) {
			continue // the learner's file: it differs by design
		}
		sol = repo.RewritePath(sol, s.Solution.Path, s.Exercise.Path)
		if !bytes.Equal(ex, sol) {
			differ = append(differ, f)
			detail = append(detail, textdiff.FirstDifference(f, "exercise", ex, "solution", sol))
		}
	}

	var problems []string
	if len(differ) > 0 {
		problems = append(problems, "differ but for the module path: "+strings.Join(differ, ", "))
	}
	if len(onlyEx) > 0 {
		problems = append(problems, "only in the exercise: "+strings.Join(onlyEx, ", "))
	}
	if len(onlySol) > 0 {
		problems = append(problems, "only in the solution: "+strings.Join(onlySol, ", "))
	}
	if len(todos) > 0 {
		problems = append(problems, "TODO marker left in the solution: "+strings.Join(todos, ", "))
	}
	if len(problems) > 0 {
		return fail(strings.Join(problems, "; "), strings.Join(detail, "\n"))
	}
	return pass()
}

// markerLine returns the number of the first line holding a TODO marker, or 0.
func markerLine(data []byte) int {
	loc := todoMarker.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]], []byte("\n")) + 1
}
