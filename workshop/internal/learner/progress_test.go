package learner

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

func TestParseProgress(t *testing.T) {
	t.Parallel()
	st := repo.Stage{Name: "stage01-x", Exercise: repo.Module{Path: "m"}}
	declared := []repo.Test{
		{Package: "m/a", Name: "TestStep1A"},
		{Package: "m/a", Name: "TestStep2B"},
		{Package: "m/a", Name: "TestStep2C"},
		{Package: "m/b", Name: "TestStep3D"},
	}
	out := `{"Action":"run","Package":"m/a","Test":"TestStep1A"}
{"Action":"output","Package":"m/a","Test":"TestStep1A","Output":"=== RUN   TestStep1A\n"}
{"Action":"pass","Package":"m/a","Test":"TestStep1A"}
{"Action":"run","Package":"m/a","Test":"TestStep2B"}
{"Action":"output","Package":"m/a","Test":"TestStep2B/sub","Output":"    b_test.go:9: step 2: wrong\n"}
{"Action":"output","Package":"m/a","Test":"TestStep2B","Output":"--- FAIL: TestStep2B (0.00s)\n"}
{"Action":"fail","Package":"m/a","Test":"TestStep2B/sub"}
{"Action":"fail","Package":"m/a","Test":"TestStep2B"}
{"Action":"pass","Package":"m/a","Test":"TestOther"}
{"Action":"fail","Package":"m/a"}
{"ImportPath":"m/b [m/b.test]","Action":"build-output","Output":"b/b.go:3:1: syntax error\n"}
{"Action":"output","Package":"m/b","Output":"FAIL\tm/b [build failed]\n"}
{"Action":"fail","Package":"m/b"}
`
	p := parseProgress(st, declared, out, errors.New("exit status 1"))
	var got []string
	for _, s := range p.steps {
		for _, tst := range s.tests {
			got = append(got, tst.Name+"="+tst.Action)
		}
	}
	want := []string{"TestStep1A=pass", "TestStep2B=fail", "TestStep2C=", "TestStep3D="}
	if !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	if p.passedSteps() != 1 || p.done() || !p.started() {
		t.Errorf("passedSteps = %d, done = %v, started = %v; want 1, false, true", p.passedSteps(), p.done(), p.started())
	}
	if next, _ := p.nextStep(); next.number != 2 || next.firstFailure().Name != "TestStep2B" {
		t.Errorf("next step = %d, first failure %q; want step 2, TestStep2B", next.number, next.firstFailure().Name)
	}
	if out := p.steps[1].tests[0].Output; !slices.Equal(out, []string{"    b_test.go:9: step 2: wrong"}) {
		t.Errorf("TestStep2B output = %q; want the subtest's line without go test's markers", out)
	}
	if !strings.Contains(p.problem, "b/b.go:3:1: syntax error") {
		t.Errorf("problem = %q; want the build error of m/b", p.problem)
	}
}

func TestParseProgressGoFails(t *testing.T) {
	t.Parallel()
	p := parseProgress(repo.Stage{}, []repo.Test{{Package: "m", Name: "TestStep1A"}}, "go: updates to go.mod needed\n", errors.New("exit status 1"))
	if p.problem != "go: updates to go.mod needed" || p.ready() != true || p.done() {
		t.Errorf("problem = %q, ready = %v, done = %v", p.problem, p.ready(), p.done())
	}
	all := parseProgress(repo.Stage{}, []repo.Test{{Package: "m", Name: "TestStep1A"}}, `{"Action":"pass","Package":"m","Test":"TestStep1A"}`+"\n", nil)
	if !all.done() || all.problem != "" {
		t.Errorf("a passing run: done = %v, problem = %q", all.done(), all.problem)
	}
	if empty := parseProgress(repo.Stage{}, nil, "", nil); empty.ready() {
		t.Errorf("a stage without step tests is ready")
	}
}

func TestDeclaredStepTests(t *testing.T) {
	t.Parallel()
	root := fixture.Repo{
		"m/go.mod":               "module example.com/m\n",
		"m/a/step1_test.go":      "package a\n\nfunc TestStep1First(t *testing.T) {}\n\nfunc TestStep12Later(t *testing.T) {}\nfunc TestOther(t *testing.T) {}\n",
		"m/step2_test.go":        "package m\n\nfunc TestStep2Root( t *testing.T ) {}\n",
		"m/testdata/x_test.go":   "package x\n\nfunc TestStep3Skipped(t *testing.T) {}\n",
		"m/nested/go.mod":        "module example.com/n\n",
		"m/nested/step4_test.go": "package n\n\nfunc TestStep4Skipped(t *testing.T) {}\n",
	}.Write(t)
	tests, err := declaredStepTests(repo.Module{Dir: root + "/m", Path: "example.com/m"})
	var got []string
	for _, tst := range tests {
		got = append(got, tst.Package+"."+tst.Name)
	}
	want := []string{"example.com/m/a.TestStep1First", "example.com/m/a.TestStep12Later", "example.com/m.TestStep2Root"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("declaredStepTests = %q, %v; want %q", got, err, want)
	}
}
