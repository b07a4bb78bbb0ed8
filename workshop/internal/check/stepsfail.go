package check

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// mustFail says why a step test that passes as shipped is a failure.
const mustFail = "a step test must fail until the learner does the step"

// checkStepsFail runs the exercise's tests of stage s as shipped and checks
// that there are step tests and that none of them passes: a step test must
// fail until the learner does its step.
func (v *verifier) checkStepsFail(s repo.Stage) result {
	out, err := v.goCmd.Run(s.Exercise.Dir, nil, "test", "-count=1", "-timeout", "120s", "-json", "./...")
	run := repo.ParseTestJSON(out)
	tests := slices.DeleteFunc(run.Tests, func(t repo.Test) bool {
		_, isStep := repo.StepOf(t.Name)
		return !isStep
	})
	if len(tests) == 0 {
		if err == nil {
			return fail("no step tests (top-level TestStep<K>... functions in stepK_test.go files)", "")
		}
		return fail("no step test ran", repo.Excerpt(run.Output))
	}
	slices.SortFunc(tests, func(a, b repo.Test) int {
		return cmp.Or(strings.Compare(a.Package, b.Package), strings.Compare(a.Name, b.Name))
	})
	var passed, steps, detail []string
	for _, t := range tests {
		if t.Action == "pass" {
			step, _ := repo.StepOf(t.Name)
			passed = append(passed, t.Name)
			steps = append(steps, strconv.Itoa(step))
			detail = append(detail, t.Package+": "+t.Name+" passed")
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
