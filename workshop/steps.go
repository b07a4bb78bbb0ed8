package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// stepTestName matches the name of a step test and captures its step number,
// e.g. TestStep2CreateAndGet (step 2).
var stepTestName = regexp.MustCompile(`^TestStep([0-9]+)`)

// testEvent is one event of go test -json (see go doc test2json).
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// mustFail says why a step test that passes as shipped is a failure.
const mustFail = "a step test must fail until the learner does the step"

// stepTest is a top-level step test and the last action go test reported for it.
type stepTest struct {
	pkg, name, step, action string
}

// checkStepsFail runs the exercise's tests of stage s as shipped and checks
// that there are step tests and that none of them passes: a step test must
// fail until the learner does its step.
func (v *verifier) checkStepsFail(s stage) result {
	out, err := v.goCmd.run(s.exercise.dir, nil, "test", "-count=1", "-timeout", "120s", "-json", "./...")
	tests, text := parseStepTests(out)
	if len(tests) == 0 {
		if err == nil {
			return fail("no step tests (top-level TestStep<K>... functions in stepK_test.go files)", "")
		}
		return fail("no step test ran", excerpt(text))
	}
	var passed, steps, detail []string
	for _, t := range tests {
		if t.action == "pass" {
			passed = append(passed, t.name)
			steps = append(steps, t.step)
			detail = append(detail, t.pkg+": "+t.name+" passed")
		}
	}
	switch len(passed) {
	case 0:
		return passNote(fmt.Sprintf("all %d fail", len(tests)))
	case 1:
		return fail(fmt.Sprintf("%s passes as shipped (step %s); %s", passed[0], steps[0], mustFail), strings.Join(detail, "\n"))
	default:
		slices.Sort(steps)
		return fail(fmt.Sprintf("%s pass as shipped (steps %s); %s", strings.Join(passed, ", "), strings.Join(slices.Compact(steps), ", "), mustFail), strings.Join(detail, "\n"))
	}
}

// parseStepTests reads go test -json output and returns the top-level step
// tests it ran, sorted by package and name, and the plain text it printed
// (test output, build errors, go command errors).
func parseStepTests(out string) ([]stepTest, string) {
	var tests []stepTest
	var text strings.Builder
	for line := range strings.Lines(out) {
		var ev testEvent
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &ev) != nil {
			text.WriteString(line)
			continue
		}
		text.WriteString(ev.Output)
		m := stepTestName.FindStringSubmatch(ev.Test)
		if m == nil || strings.Contains(ev.Test, "/") {
			continue
		}
		switch ev.Action {
		case "run", "pass", "fail", "skip":
			i := slices.IndexFunc(tests, func(t stepTest) bool { return t.pkg == ev.Package && t.name == ev.Test })
			if i < 0 {
				tests = append(tests, stepTest{pkg: ev.Package, name: ev.Test, step: m[1]})
				i = len(tests) - 1
			}
			tests[i].action = ev.Action
		}
	}
	slices.SortFunc(tests, func(a, b stepTest) int {
		return cmp.Or(strings.Compare(a.pkg, b.pkg), strings.Compare(a.name, b.name))
	})
	return tests, text.String()
}
