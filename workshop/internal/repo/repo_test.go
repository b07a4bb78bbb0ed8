package repo

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestFindRoot(t *testing.T) {
	t.Parallel()
	root := fixture.Repo{"go.work": "go 1.26.0\n", "stage01-demo/calc/calc.go": "package calc\n"}.Write(t)
	got, err := FindRoot(filepath.Join(root, "stage01-demo", "calc"))
	if err != nil || got != root {
		t.Errorf("FindRoot(stage01-demo/calc) = %q, %v; want %q", got, err, root)
	}
	_, err = FindRoot(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "run this inside the workshop repository") {
		t.Errorf("FindRoot(outside) error = %v; want one saying to run it inside the repository", err)
	}
}

func TestGoWorkUsesAndModuleDirs(t *testing.T) {
	t.Parallel()
	root := fixture.Repo{
		"go.work":             "go 1.26.0 // a comment\n\nuse ./a\nuse (\n\t./b // b\n\t\"./c/d/\"\n)\n\nreplace x => ./y\n",
		"a/go.mod":            "module a\n",
		"b/go.mod":            "module b\n",
		"c/d/go.mod":          "module d\n",
		"c/testdata/m/go.mod": "module fixture\n",
		".hidden/go.mod":      "module hidden\n",
	}.Write(t)
	uses, err := WorkUses(root)
	if want := []string{"a", "b", "c/d"}; err != nil || !slices.Equal(uses, want) {
		t.Errorf("goWorkUses = %q, %v; want %q", uses, err, want)
	}
	mods, err := ModuleDirs(root)
	if want := []string{"a", "b", "c/d"}; err != nil || !slices.Equal(mods, want) {
		t.Errorf("moduleDirs = %q, %v; want %q", mods, err, want)
	}
}

func TestReadModule(t *testing.T) {
	t.Parallel()
	for gomod, want := range map[string]string{
		"module example.com/a\n\ngo 1.26.0\n":      "example.com/a",
		"// Deprecated: no.\nmodule \"x.org/b\"\n": "x.org/b",
		"module x.org/c // comment\n":              "x.org/c",
		"go 1.26.0\n":                              "",
		"module a b c\n":                           "", // not a go.mod the go command reads
	} {
		dir := fixture.Repo{"go.mod": gomod}.Write(t)
		if got := ReadModule(dir); got.Path != want || got.Dir != dir {
			t.Errorf("ReadModule(%q) = %+v, want path %q", gomod, got, want)
		}
	}
	dir := t.TempDir()
	if got := ReadModule(dir); got.Path != "" {
		t.Errorf("ReadModule without go.mod = %+v", got)
	}
	// No go.mod in dir: ReadModule must not read the one above it.
	root := fixture.Repo{"go.mod": "module up\n", "sub/x.go": "package sub\n"}.Write(t)
	if got := ReadModule(root + "/sub"); got.Path != "" {
		t.Errorf("ReadModule of a folder without go.mod read %q", got.Path)
	}
}

func TestReadGoWork(t *testing.T) {
	t.Parallel()
	root := fixture.Repo{"go.work": "go 1.26.0\n\ntoolchain go1.26.3\n\nuse ./a\n"}.Write(t)
	work, err := ReadGoWork(root)
	if err != nil || work.Go != "1.26.0" || work.Toolchain != "go1.26.3" || len(work.Use) != 1 {
		t.Errorf("ReadGoWork = %+v, %v", work, err)
	}
	if _, err := ReadGoWork(t.TempDir()); err == nil {
		t.Errorf("ReadGoWork without go.work succeeded")
	}
}

func TestFindAndSelectStages(t *testing.T) {
	t.Parallel()
	root := fixture.Repo{
		"go.work":                         "go 1.26.0\n",
		"stage02-b/go.mod":                "module m/stage02-b\n",
		"stage01-a/go.mod":                "module m/stage01-a\n",
		"solutions/stage01-a/go.mod":      "module m/solutions/stage01-a\n",
		"solutions/stage03-only/go.mod":   "module m/solutions/stage03-only\n",
		"notastage/go.mod":                "module m/notastage\n",
		"stage1-short/go.mod":             "module m/stage1-short\n",
		"solutions/stage02-b/placeholder": "",
	}.Write(t)
	all, err := FindStages(root)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := StageNames(all), []string{"stage01-a", "stage02-b", "stage03-only"}; !slices.Equal(got, want) {
		t.Fatalf("findStages = %q, want %q", got, want)
	}
	if all[0].Solution.Path != "m/solutions/stage01-a" || all[1].Solution.Path != "" || all[2].Exercise.Path != "" {
		t.Errorf("findStages modules = %+v", all)
	}
	chosen, err := SelectStages(all, []string{"stage02-b/", "stage01"})
	if got, want := StageNames(chosen), []string{"stage01-a", "stage02-b"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("selectStages = %q, %v; want %q", got, err, want)
	}
	if _, err := SelectStages(all, []string{"stage09"}); err == nil || !strings.Contains(err.Error(), "stage01-a, stage02-b, stage03-only") {
		t.Errorf("SelectStages(unknown) error = %v; want one listing the stages", err)
	}
}

func TestRewritePath(t *testing.T) {
	t.Parallel()
	const from, to = "example.com/w/solutions/stage01-x", "example.com/w/stage01-x"
	for in, want := range map[string]string{
		`import "example.com/w/solutions/stage01-x/todo"`: `import "example.com/w/stage01-x/todo"`,
		`"example.com/w/solutions/stage01-x"`:             `"example.com/w/stage01-x"`,
		`"example.com/w/solutions/stage01-x2/todo"`:       `"example.com/w/solutions/stage01-x2/todo"`,
		`"sub.example.com/w/solutions/stage01-x/todo"`:    `"sub.example.com/w/solutions/stage01-x/todo"`,
		`"example.com/w/solutions/stage00-y/todo"`:        `"example.com/w/solutions/stage00-y/todo"`,
		"a example.com/w/solutions/stage01-x\nb " + from:  "a " + to + "\nb " + to,
	} {
		if got := string(RewritePath([]byte(in), from, to)); got != want {
			t.Errorf("RewritePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	out := "ok  \tm/a\t0.1s\n--- FAIL: TestA (0.00s)\n    a_test.go:3: boom\n    --- FAIL: TestA/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\nFAIL\tm/b\t0.2s\n?   \tm/c\t[no test files]\n"
	want := "--- FAIL: TestA (0.00s)\n    a_test.go:3: boom\n    --- FAIL: TestA/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\tm/b\t0.2s"
	if got := Excerpt(out); got != want {
		t.Errorf("excerpt =\n%s\nwant\n%s", got, want)
	}
	long := strings.Repeat("error line\n", 100)
	if got := strings.Count(Excerpt(long), "\n") + 1; got != MaxExcerptLines+1 {
		t.Errorf("excerpt of 100 lines has %d lines, want %d", got, MaxExcerptLines+1)
	}
}

func TestParseTestJSON(t *testing.T) {
	t.Parallel()
	out := `{"Action":"run","Package":"m/a","Test":"TestStep1A"}
{"Action":"output","Package":"m/a","Test":"TestStep1A","Output":"=== RUN   TestStep1A\n"}
{"Action":"pass","Package":"m/a","Test":"TestStep1A"}
{"Action":"run","Package":"m/a","Test":"TestStep2B"}
{"Action":"output","Package":"m/a","Test":"TestStep2B/sub","Output":"    b_test.go:9: step 2: wrong\n"}
{"Action":"output","Package":"m/a","Test":"TestStep2B","Output":"--- FAIL: TestStep2B (0.00s)\n"}
{"Action":"fail","Package":"m/a","Test":"TestStep2B/sub"}
{"Action":"fail","Package":"m/a","Test":"TestStep2B"}
{"Action":"run","Package":"m/a","Test":"TestStep3Hangs"}
{"Action":"pass","Package":"m/a","Test":"TestOther"}
{"Action":"fail","Package":"m/a"}
{"ImportPath":"m/b [m/b.test]","Action":"build-output","Output":"b/b.go:3:1: syntax error\n"}
{"Action":"output","Package":"m/b","Output":"FAIL\tm/b [build failed]\n"}
{"Action":"fail","Package":"m/b"}
go: some plain error
`
	run := ParseTestJSON(out)
	var got []string
	for _, tst := range run.Tests {
		got = append(got, tst.Package+"."+tst.Name+"="+tst.Action)
	}
	want := []string{"m/a.TestStep1A=pass", "m/a.TestStep2B=fail", "m/a.TestStep3Hangs=", "m/a.TestOther=pass"}
	if !slices.Equal(got, want) {
		t.Errorf("tests = %q, want %q", got, want)
	}
	if out := run.Tests[1].Output; !slices.Equal(out, []string{"    b_test.go:9: step 2: wrong"}) {
		t.Errorf("TestStep2B output = %q; want the subtest's line without go test's markers", out)
	}
	if want := "b/b.go:3:1: syntax error\nFAIL\tm/b [build failed]\ngo: some plain error\n"; run.Problems != want {
		t.Errorf("Problems = %q, want %q", run.Problems, want)
	}
	for _, line := range []string{"=== RUN   TestStep1A", "    b_test.go:9: step 2: wrong", "b/b.go:3:1: syntax error", "go: some plain error"} {
		if !strings.Contains(run.Output, line+"\n") {
			t.Errorf("Output lacks %q", line)
		}
	}
	if !run.Broken() || !run.Failed() || run.Events != 14 {
		t.Errorf("Broken = %v, Failed = %v, Events = %d; want true, true, 14", run.Broken(), run.Failed(), run.Events)
	}
	passing := ParseTestJSON(`{"Action":"pass","Package":"m","Test":"TestStep1A"}` + "\n" + `{"Action":"pass","Package":"m"}` + "\n")
	if passing.Broken() || passing.Failed() {
		t.Errorf("a passing run: Broken = %v, Failed = %v", passing.Broken(), passing.Failed())
	}
	failing := ParseTestJSON(`{"Action":"fail","Package":"m","Test":"TestStep1A"}` + "\n" + `{"Action":"fail","Package":"m"}` + "\n")
	if failing.Broken() || !failing.Failed() {
		t.Errorf("a failing test: Broken = %v, Failed = %v; want false, true", failing.Broken(), failing.Failed())
	}
}

func TestStepOf(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]int{"TestStep1A": 1, "TestStep12Later": 12, "TestStep2": 2, "TestStep1A/sub": 0, "TestOther": 0, "TestStepX": 0} {
		if got, ok := StepOf(name); got != want || ok != (want > 0) {
			t.Errorf("StepOf(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
}

func TestCheckCgo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if p := NewGo(dir, os.Environ()).CheckCgo(dir); p != nil {
		t.Fatalf("CheckCgo where cgo works = %+v", p)
	}
	p := NewGo(dir, append(os.Environ(), "CGO_ENABLED=0")).CheckCgo(dir)
	if p == nil || p.Summary != "CGO_ENABLED=0" || !strings.Contains(p.Detail, "fix: unset CGO_ENABLED") || !strings.Contains(p.Detail, "why: go-sqlite3 needs cgo") {
		t.Errorf("CheckCgo with CGO_ENABLED=0 = %+v", p)
	}
	p = NewGo(dir, append(os.Environ(), "CC=/nonexistent/cc")).CheckCgo(dir)
	if p == nil || p.Summary != "no C compiler (/nonexistent/cc)" || !strings.Contains(p.Detail, "fix: ") {
		t.Errorf("CheckCgo with a missing compiler = %+v", p)
	}
}
