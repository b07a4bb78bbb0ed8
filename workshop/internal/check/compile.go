package check

import (
	"regexp"
	"slices"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkSolution checks that the solution of stage s passes go vet and its
// tests with the race detector.
func (v *verifier) checkSolution(s repo.Stage) result {
	dir := s.Solution.Dir
	if out, err := v.goCmd.Run(dir, nil, "vet", "./..."); err != nil {
		return fail("go vet fails", repo.Excerpt(out))
	}
	if out, err := v.goCmd.Run(dir, nil, "test", "-race", "-count=1", "./..."); err != nil {
		return testFailure(out)
	}
	return pass()
}

// checkExerciseCompiles checks that the exercise of stage s, as shipped,
// passes go vet and compiles with its tests.
func (v *verifier) checkExerciseCompiles(s repo.Stage) result {
	dir := s.Exercise.Dir
	if out, err := v.goCmd.Run(dir, nil, "vet", "./..."); err != nil {
		return fail("go vet fails", repo.Excerpt(out))
	}
	if out, err := v.goCmd.Run(dir, nil, "test", "-count=1", "-run", "^$", "./..."); err != nil {
		return fail("go test -run '^$' fails", repo.Excerpt(out))
	}
	return pass()
}

// testFailure describes the output of a failed go test run: the tests that
// failed, or that it failed before any test did (a build failure, a panic in
// init or TestMain).
func testFailure(out string) result {
	if names := failedTests(out); len(names) > 0 {
		return fail("failing tests: "+strings.Join(names, ", "), repo.Excerpt(out))
	}
	return fail("go test fails (no test failed: a build failure?)", repo.Excerpt(out))
}

// failLine matches the line go test prints for a failed top-level test.
var failLine = regexp.MustCompile(`(?m)^--- FAIL: (\S+)`)

// failedTests returns the top-level tests that the plain output of go test
// reports as failed.
func failedTests(output string) []string {
	var names []string
	for _, m := range failLine.FindAllStringSubmatch(output, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	return names
}
