package repo

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A TestRun is what one run of go test -json reported.
type TestRun struct {
	// Tests are the top-level tests, in the order the run first named them.
	Tests []Test
	// Output is everything the run printed, as go test without -json would
	// print it, with the go command's own lines.
	Output string
	// Problems is what the run printed outside any test: build errors,
	// package failures, go command errors.
	Problems string
	// Events counts the JSON events: none means go failed before testing.
	Events int

	failedPkgs        []string        // packages that failed
	pkgWithFailedTest map[string]bool // packages in which some test failed
}

// A Test is one top-level test of a TestRun.
type Test struct {
	Package string   // import path of its package
	Name    string   // e.g. TestStep2InsertReturnsTheTodoWithAnID
	Action  string   // "pass", "fail", "skip", or "" when it did not finish
	Output  []string // what it and its subtests printed, without go test's markers
}

// testEvent is one line of go test -json (see go doc test2json); build
// output comes with ImportPath instead of Package.
type testEvent struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
}

// ParseTestJSON reads the output of go test -json (with any plain lines the
// go command mixed in).
func ParseTestJSON(out string) TestRun {
	run := TestRun{pkgWithFailedTest: map[string]bool{}}
	var all, problems strings.Builder
	for line := range strings.Lines(out) {
		var ev testEvent
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &ev) != nil {
			all.WriteString(line)
			problems.WriteString(line)
			continue
		}
		run.Events++
		all.WriteString(ev.Output)
		top, _, _ := strings.Cut(ev.Test, "/")
		switch {
		case ev.Action == "build-output":
			problems.WriteString(ev.Output)
		case ev.Test == "":
			if ev.Action == "output" {
				problems.WriteString(ev.Output)
			} else if ev.Action == "fail" {
				run.failedPkgs = append(run.failedPkgs, ev.Package)
			}
		default:
			if ev.Action == "fail" {
				run.pkgWithFailedTest[ev.Package] = true
			}
			i := slices.IndexFunc(run.Tests, func(t Test) bool { return t.Package == ev.Package && t.Name == top })
			if i < 0 {
				run.Tests = append(run.Tests, Test{Package: ev.Package, Name: top})
				i = len(run.Tests) - 1
			}
			switch {
			case ev.Action == "output" && !isTestMarker(ev.Output):
				run.Tests[i].Output = append(run.Tests[i].Output, strings.TrimRight(ev.Output, "\r\n"))
			case ev.Test == top && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip"):
				run.Tests[i].Action = ev.Action
			}
		}
	}
	run.Output, run.Problems = all.String(), problems.String()
	return run
}

// Broken reports whether a package failed with no failing test: it did not
// build, or broke before its tests ran (a panic in init or TestMain).
func (r TestRun) Broken() bool {
	return slices.ContainsFunc(r.failedPkgs, func(pkg string) bool { return !r.pkgWithFailedTest[pkg] })
}

// Failed reports whether a package or a test failed.
func (r TestRun) Failed() bool {
	return len(r.failedPkgs) > 0 || len(r.pkgWithFailedTest) > 0
}

// isTestMarker reports whether a line of test output is one of go test's own
// markers (=== RUN, --- PASS, ...) rather than something a test printed.
func isTestMarker(line string) bool {
	t := strings.TrimSpace(line)
	for _, prefix := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS", "--- FAIL", "--- SKIP"} {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return t == ""
}

// stepTestName matches the name of a step test and captures its step number,
// e.g. TestStep2CreateAndGet (step 2).
var stepTestName = regexp.MustCompile(`^TestStep([0-9]+)`)

// StepOf returns the step a test belongs to: K for a top-level TestStepK…
// test; ok is false for any other test.
func StepOf(testName string) (step int, ok bool) {
	m := stepTestName.FindStringSubmatch(testName)
	if m == nil || strings.Contains(testName, "/") {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}
