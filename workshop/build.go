package main

import "strings"

// checkSolution checks that the solution of stage s passes go vet and its
// tests with the race detector.
func (v *verifier) checkSolution(s stage) result {
	dir := s.solution.dir
	if out, err := v.goCmd.run(dir, nil, "vet", "./..."); err != nil {
		return fail("go vet fails", excerpt(out))
	}
	if out, err := v.goCmd.run(dir, nil, "test", "-race", "-count=1", "./..."); err != nil {
		return testFailure(out)
	}
	return pass()
}

// checkExerciseCompiles checks that the exercise of stage s, as shipped,
// passes go vet and compiles with its tests.
func (v *verifier) checkExerciseCompiles(s stage) result {
	dir := s.exercise.dir
	if out, err := v.goCmd.run(dir, nil, "vet", "./..."); err != nil {
		return fail("go vet fails", excerpt(out))
	}
	if out, err := v.goCmd.run(dir, nil, "test", "-count=1", "-run", "^$", "./..."); err != nil {
		return fail("go test -run '^$' fails", excerpt(out))
	}
	return pass()
}

// testFailure describes the output of a failed go test run: the tests that
// failed, or that it failed before any test did (a build failure, a panic in
// init or TestMain).
func testFailure(out string) result {
	if names := failedTests(out); len(names) > 0 {
		return fail("failing tests: "+strings.Join(names, ", "), excerpt(out))
	}
	return fail("go test fails (no test failed: a build failure?)", excerpt(out))
}
