package main

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseProgress(t *testing.T) {
	t.Parallel()
	st := stage{name: "stage01-x", exercise: module{path: "m"}}
	declared := []testOutcome{
		{pkg: "m/a", name: "TestStep1A"},
		{pkg: "m/a", name: "TestStep2B"},
		{pkg: "m/a", name: "TestStep2C"},
		{pkg: "m/b", name: "TestStep3D"},
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
			got = append(got, tst.name+"="+tst.action)
		}
	}
	want := []string{"TestStep1A=pass", "TestStep2B=fail", "TestStep2C=", "TestStep3D="}
	if !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	if p.passedSteps() != 1 || p.done() || !p.started() {
		t.Errorf("passedSteps = %d, done = %v, started = %v; want 1, false, true", p.passedSteps(), p.done(), p.started())
	}
	if next, _ := p.nextStep(); next.number != 2 || next.firstFailure().name != "TestStep2B" {
		t.Errorf("next step = %d, first failure %q; want step 2, TestStep2B", next.number, next.firstFailure().name)
	}
	if out := p.steps[1].tests[0].output; !slices.Equal(out, []string{"    b_test.go:9: step 2: wrong"}) {
		t.Errorf("TestStep2B output = %q; want the subtest's line without go test's markers", out)
	}
	if !strings.Contains(p.problem, "b/b.go:3:1: syntax error") {
		t.Errorf("problem = %q; want the build error of m/b", p.problem)
	}
}

func TestParseProgressGoFails(t *testing.T) {
	t.Parallel()
	p := parseProgress(stage{}, []testOutcome{{pkg: "m", name: "TestStep1A"}}, "go: updates to go.mod needed\n", errors.New("exit status 1"))
	if p.problem != "go: updates to go.mod needed" || p.ready() != true || p.done() {
		t.Errorf("problem = %q, ready = %v, done = %v", p.problem, p.ready(), p.done())
	}
	all := parseProgress(stage{}, []testOutcome{{pkg: "m", name: "TestStep1A"}}, `{"Action":"pass","Package":"m","Test":"TestStep1A"}`+"\n", nil)
	if !all.done() || all.problem != "" {
		t.Errorf("a passing run: done = %v, problem = %q", all.done(), all.problem)
	}
	if empty := parseProgress(stage{}, nil, "", nil); empty.ready() {
		t.Errorf("a stage without step tests is ready")
	}
}

func TestDeclaredStepTests(t *testing.T) {
	t.Parallel()
	root := repo{
		"m/go.mod":               "module example.com/m\n",
		"m/a/step1_test.go":      "package a\n\nfunc TestStep1First(t *testing.T) {}\n\nfunc TestStep12Later(t *testing.T) {}\nfunc TestOther(t *testing.T) {}\n",
		"m/step2_test.go":        "package m\n\nfunc TestStep2Root( t *testing.T ) {}\n",
		"m/testdata/x_test.go":   "package x\n\nfunc TestStep3Skipped(t *testing.T) {}\n",
		"m/nested/go.mod":        "module example.com/n\n",
		"m/nested/step4_test.go": "package n\n\nfunc TestStep4Skipped(t *testing.T) {}\n",
	}.write(t)
	tests, err := declaredStepTests(module{dir: root + "/m", path: "example.com/m"})
	var got []string
	for _, tst := range tests {
		got = append(got, tst.pkg+"."+tst.name)
	}
	want := []string{"example.com/m/a.TestStep1First", "example.com/m/a.TestStep12Later", "example.com/m.TestStep2Root"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("declaredStepTests = %q, %v; want %q", got, err, want)
	}
}
