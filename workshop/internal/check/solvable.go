package check

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkSolvable lays the solution's non-test files of stage s over the
// exercise (go test -overlay, module path rewritten) and checks that every
// exercise test passes: the exercise is solvable as its tests specify.
//
// The overlay holds every non-test .go file of the solution, and any other
// file whose exercise version carries a TODO marker (an embedded schema, say).
// It only changes what the compiler reads: files the tests open at run time
// (testdata) are the exercise's own, which the twins check keeps identical.
func (v *verifier) checkSolvable(s repo.Stage) result {
	files, err := repo.TwinFiles(s.Solution.Dir)
	if err != nil {
		return fail(err.Error(), "")
	}
	tmp, err := os.MkdirTemp("", "workshop-overlay-")
	if err != nil {
		return fail(err.Error(), "")
	}
	defer os.RemoveAll(tmp)

	replace := map[string]string{} // exercise-side path -> file holding the solution's content
	for i, f := range files {
		exPath := filepath.Join(s.Exercise.Dir, filepath.FromSlash(f))
		if strings.HasSuffix(f, "_test.go") || (!strings.HasSuffix(f, ".go") && !hasMarker(exPath)) {
			continue
		}
		content, err := os.ReadFile(filepath.Join(s.Solution.Dir, filepath.FromSlash(f)))
		if err != nil {
			return fail(err.Error(), "")
		}
		backing := filepath.Join(tmp, fmt.Sprintf("%d-%s", i, path.Base(f)))
		if err := os.WriteFile(backing, repo.RewritePath(content, s.Solution.Path, s.Exercise.Path), 0o644); err != nil {
			return fail(err.Error(), "")
		}
		replace[exPath] = backing
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return fail(err.Error(), "")
	}
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		return fail(err.Error(), "")
	}

	if out, err := v.goCmd.Run(s.Exercise.Dir, nil, "test", "-count=1", "-overlay", overlayFile, "./..."); err != nil {
		return testFailure(out)
	}
	return pass()
}

// hasMarker reports whether the file at path exists and holds a TODO marker.
func hasMarker(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && todoMarker.Match(data)
}
