package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFindRoot(t *testing.T) {
	t.Parallel()
	root := repo{"go.work": "go 1.26.0\n", "stage01-demo/calc/calc.go": "package calc\n"}.write(t)
	got, err := findRoot(filepath.Join(root, "stage01-demo", "calc"))
	if err != nil || got != root {
		t.Errorf("findRoot(stage01-demo/calc) = %q, %v; want %q", got, err, root)
	}
	_, err = findRoot(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "run this inside the workshop repository") {
		t.Errorf("findRoot(outside) error = %v; want one saying to run it inside the repository", err)
	}
}

func TestGoWorkUsesAndModuleDirs(t *testing.T) {
	t.Parallel()
	root := repo{
		"go.work":             "go 1.26.0 // a comment\n\nuse ./a\nuse (\n\t./b // b\n\t\"./c/d/\"\n)\n\nreplace x => ./y\n",
		"a/go.mod":            "module a\n",
		"b/go.mod":            "module b\n",
		"c/d/go.mod":          "module d\n",
		"c/testdata/m/go.mod": "module fixture\n",
		".hidden/go.mod":      "module hidden\n",
	}.write(t)
	uses, err := goWorkUses(root)
	if want := []string{"a", "b", "c/d"}; err != nil || !slices.Equal(uses, want) {
		t.Errorf("goWorkUses = %q, %v; want %q", uses, err, want)
	}
	mods, err := moduleDirs(root)
	if want := []string{"a", "b", "c/d"}; err != nil || !slices.Equal(mods, want) {
		t.Errorf("moduleDirs = %q, %v; want %q", mods, err, want)
	}
}

func TestModulePath(t *testing.T) {
	t.Parallel()
	for gomod, want := range map[string]string{
		"module example.com/a\n\ngo 1.26.0\n":      "example.com/a",
		"// Deprecated: no.\nmodule \"x.org/b\"\n": "x.org/b",
		"module x.org/c // comment\n":              "x.org/c",
		"go 1.26.0\n":                              "",
	} {
		if got := modulePath([]byte(gomod)); got != want {
			t.Errorf("modulePath(%q) = %q, want %q", gomod, got, want)
		}
	}
}

func TestFindAndSelectStages(t *testing.T) {
	t.Parallel()
	root := repo{
		"go.work":                         "go 1.26.0\n",
		"stage02-b/go.mod":                "module m/stage02-b\n",
		"stage01-a/go.mod":                "module m/stage01-a\n",
		"solutions/stage01-a/go.mod":      "module m/solutions/stage01-a\n",
		"solutions/stage03-only/go.mod":   "module m/solutions/stage03-only\n",
		"notastage/go.mod":                "module m/notastage\n",
		"stage1-short/go.mod":             "module m/stage1-short\n",
		"solutions/stage02-b/placeholder": "",
	}.write(t)
	all, err := findStages(root)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stageNames(all), []string{"stage01-a", "stage02-b", "stage03-only"}; !slices.Equal(got, want) {
		t.Fatalf("findStages = %q, want %q", got, want)
	}
	if all[0].solution.path != "m/solutions/stage01-a" || all[1].solution.path != "" || all[2].exercise.path != "" {
		t.Errorf("findStages modules = %+v", all)
	}
	chosen, err := selectStages(all, []string{"stage02-b/", "stage01"})
	if got, want := stageNames(chosen), []string{"stage01-a", "stage02-b"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("selectStages = %q, %v; want %q", got, err, want)
	}
	if _, err := selectStages(all, []string{"stage09"}); err == nil || !strings.Contains(err.Error(), "stage01-a, stage02-b, stage03-only") {
		t.Errorf("selectStages(unknown) error = %v; want one listing the stages", err)
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
		if got := string(rewritePath([]byte(in), from, to)); got != want {
			t.Errorf("rewritePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcerptAndFailedTests(t *testing.T) {
	t.Parallel()
	out := "ok  \tm/a\t0.1s\n--- FAIL: TestA (0.00s)\n    a_test.go:3: boom\n    --- FAIL: TestA/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\nFAIL\tm/b\t0.2s\n?   \tm/c\t[no test files]\n"
	if got, want := failedTests(out), []string{"TestA", "TestB"}; !slices.Equal(got, want) {
		t.Errorf("failedTests = %q, want %q", got, want)
	}
	want := "--- FAIL: TestA (0.00s)\n    a_test.go:3: boom\n    --- FAIL: TestA/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\tm/b\t0.2s"
	if got := excerpt(out); got != want {
		t.Errorf("excerpt =\n%s\nwant\n%s", got, want)
	}
	long := strings.Repeat("error line\n", 100)
	if got := strings.Count(excerpt(long), "\n") + 1; got != maxExcerptLines+1 {
		t.Errorf("excerpt of 100 lines has %d lines, want %d", got, maxExcerptLines+1)
	}
}

func TestParseStepTests(t *testing.T) {
	t.Parallel()
	out := `{"Action":"run","Package":"m/p","Test":"TestStep2B"}
{"Action":"run","Package":"m/p","Test":"TestStep1A"}
{"Action":"run","Package":"m/p","Test":"TestStep1A/sub"}
{"Action":"pass","Package":"m/p","Test":"TestStep1A/sub"}
{"Action":"output","Package":"m/p","Test":"TestStep1A","Output":"    a_test.go:3: boom\n"}
{"Action":"fail","Package":"m/p","Test":"TestStep1A"}
{"Action":"pass","Package":"m/p","Test":"TestStep2B"}
{"Action":"pass","Package":"m/p","Test":"TestOther"}
go: some plain error
`
	tests, text := parseStepTests(out)
	want := []stepTest{{"m/p", "TestStep1A", "1", "fail"}, {"m/p", "TestStep2B", "2", "pass"}}
	if !slices.Equal(tests, want) {
		t.Errorf("parseStepTests = %+v, want %+v", tests, want)
	}
	if text != "    a_test.go:3: boom\ngo: some plain error\n" {
		t.Errorf("parseStepTests text = %q", text)
	}
}

func TestReadmeTitle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("<!-- x -->\n## Not this\n# Stage 1: the service\n\n# Later\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readmeTitle(dir); got != "Stage 1: the service" {
		t.Errorf("readmeTitle = %q", got)
	}
}
