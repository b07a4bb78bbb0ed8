package check

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

// verifyFixture writes r, runs verify on it (restricted to stages, if any)
// and returns its output and counts.
func verifyFixture(t *testing.T, r fixture.Repo, stages ...string) (out string, passed, failed int) {
	t.Helper()
	root := r.Write(t)
	var buf bytes.Buffer
	passed, failed = Run(root, stages, &buf, os.Environ())
	t.Logf("verify output:\n%s", buf.String())
	return buf.String(), passed, failed
}

// wantLines fails the test unless out holds a line starting with each prefix
// (status, stage and check; extra spaces ignored) and containing the rest.
func wantLines(t *testing.T, out string, want ...[2]string) {
	t.Helper()
	for _, w := range want {
		found := false
		for line := range strings.Lines(out) {
			line = strings.Join(strings.Fields(line), " ")
			if strings.HasPrefix(line, w[0]) && strings.Contains(line, w[1]) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("output has no line starting %q containing %q", w[0], w[1])
		}
	}
}

func TestVerifyGoodRepo(t *testing.T) {
	t.Parallel()
	out, passed, failed := verifyFixture(t, fixture.Good())
	// cgo; 7 checks for each of 2 stages; go.work, gofmt, the workshop's tests.
	if passed != 18 || failed != 0 {
		t.Errorf("verify = %d passed, %d failed; want 18 passed, 0 failed", passed, failed)
	}
	if !strings.HasSuffix(out, "\n18 passed, 0 failed\n") {
		t.Errorf("output does not end with the closing line")
	}
	wantLines(t, out,
		[2]string{"ok repo cgo", ""},
		[2]string{"ok stage01-demo solution: vet and tests with -race", ""},
		[2]string{"ok stage02-demo modules: no exercise imported", ""},
		[2]string{"ok repo workshop: the workshop command's own tests pass", ""},
	)
}

// TestVerifyFails breaks the good fixture in one way per case and checks that
// verify fails and names the cause.
func TestVerifyFails(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		stages  []string // verify only these (faster); nil: every stage
		breakIt func(t *testing.T, r fixture.Repo)
		want    [][2]string // lines: prefix, then a part of the rest
		absent  string      // if set, a text the output must not hold
	}{{
		name:   "step test passes as shipped",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "stage01-demo/calc/calc.go", "return 0", "return a + b")
		},
		want: [][2]string{{"FAIL stage01-demo exercise: step tests fail as shipped",
			"TestStep1Add passes as shipped (step 1); a step test must fail until the learner does the step"}},
	}, {
		name:   "test file differs",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "solutions/stage01-demo/calc/step1_test.go", "Add(2, 3); got", "Add(3, 2); got")
		},
		want: [][2]string{
			{"FAIL stage01-demo twins", "differ but for the module path: calc/step1_test.go"},
			{"calc/step1_test.go, line 10:", ""},
			{`exercise: "\tif got := calc.Add(2, 3)`, ""},
			{`solution: "\tif got := calc.Add(3, 2)`, ""},
		},
	}, {
		name:   "provided file differs",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "solutions/stage01-demo/calc/path.go", "// ImportPath is", "// ImportPath holds")
		},
		want: [][2]string{{"FAIL stage01-demo twins", "differ but for the module path: calc/path.go"}},
	}, {
		name:   "TODO left in the solution, file only in one tree",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["solutions/stage01-demo/calc/calc.go"] = fixture.CalcExercise
			r["stage01-demo/calc/extra.go"] = "package calc\n"
		},
		want: [][2]string{{"FAIL stage01-demo twins",
			"only in the exercise: calc/extra.go; TODO marker left in the solution: calc/calc.go:6"}},
	}, {
		name:   "solution fails",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "solutions/stage01-demo/calc/calc.go", "return a + b", "return a - b")
		},
		want: [][2]string{
			{"FAIL stage01-demo solution: vet and tests with -race", "failing tests: TestStep1Add"},
			{"--- FAIL: TestStep1Add", ""},
			{"FAIL stage01-demo solvable", "failing tests: TestStep1Add"},
		},
	}, {
		name:   "exercise does not compile",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "stage01-demo/calc/calc.go", "return 0", `return "zero"`)
		},
		want: [][2]string{
			{"FAIL stage01-demo exercise: compiles", "go vet fails"},
			{"calc/calc.go:7:9:", `cannot use "zero"`},
			{"skip stage01-demo exercise: step tests fail as shipped", "the compile check failed"},
		},
	}, {
		name:   "exercise imports another exercise",
		stages: []string{"stage02-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "stage02-demo/double/triple.go", fixture.Sol1+"/calc", fixture.Ex1+"/calc")
			r["stage02-demo/go.mod"] = fixture.GoMod(fixture.Ex2, "..", map[string]string{fixture.Ex1: "stage01-demo"})
		},
		want: [][2]string{{"FAIL stage02-demo modules: no exercise imported",
			fixture.Ex2 + "/double imports " + fixture.Ex1 + "/calc"}},
	}, {
		name:   "module missing from go.work, unformatted file",
		stages: []string{"stage01-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["tools/go.mod"] = "module example.com/fx/tools\n\ngo 1.26.0\n"
			for _, f := range []string{"stage01-demo/calc/path.go", "solutions/stage01-demo/calc/path.go"} {
				r.Edit(t, f, "const ImportPath", "const  ImportPath")
			}
		},
		want: [][2]string{
			{"FAIL repo modules: go.work lists every module", "go.work does not use tools"},
			{"ok stage01-demo solution", ""},
			{"FAIL repo gofmt", "not gofmt-clean: solutions/stage01-demo/calc/path.go, stage01-demo/calc/path.go"},
		},
	}, {
		name: "go.work uses a directory without go.mod",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "go.work", "./workshop", "./workshop\n\t./gone")
		},
		want: [][2]string{
			{"FAIL repo modules: go.work lists every module", "go.work uses directories without a go.mod: gone"},
			{"1 passed, 1 failed", ""},
		},
		absent: "solution: vet",
	}, {
		name:   "module not tidy",
		stages: []string{"stage02-demo"},
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["stage02-demo/go.mod"] += "\nrequire example.com/unused v1.0.0\n"
		},
		want: [][2]string{
			{"FAIL stage02-demo modules: build and go mod tidy -diff with GOWORK=off",
				"stage02-demo: go mod tidy -diff is not clean"},
			{"-require example.com/unused v1.0.0", ""},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := fixture.Good()
			c.breakIt(t, r)
			out, _, failed := verifyFixture(t, r, c.stages...)
			if failed == 0 {
				t.Errorf("verify found no failure")
			}
			wantLines(t, out, c.want...)
			if c.absent != "" && strings.Contains(out, c.absent) {
				t.Errorf("output holds %q", c.absent)
			}
		})
	}
}

func TestVerifyStopsWithoutCgo(t *testing.T) {
	t.Parallel()
	root := fixture.Good().Write(t)
	var buf bytes.Buffer
	env := append(os.Environ(), "CGO_ENABLED=0")
	v := newVerifier(root, &buf, env)
	v.run(nil)
	out := buf.String()
	t.Logf("verify output:\n%s", out)
	if v.failed != 1 || v.passed != 0 {
		t.Errorf("verify = %d passed, %d failed; want 0 passed, 1 failed", v.passed, v.failed)
	}
	wantLines(t, out,
		[2]string{"FAIL repo cgo", "CGO_ENABLED=0"},
		[2]string{"fix: unset CGO_ENABLED", ""},
		[2]string{"why: go-sqlite3 needs cgo", ""},
	)
	if strings.Contains(out, "stage01-demo ") {
		t.Errorf("verify went on to check the stages")
	}
}

func TestVerifyNamesMissingCompiler(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("the fix checked here is the Debian one")
	}
	root := fixture.Repo{"go.work": "go 1.26.0\n"}.Write(t)
	var buf bytes.Buffer
	v := newVerifier(root, &buf, append(os.Environ(), "CC=/nonexistent/cc"))
	v.run(nil)
	t.Logf("verify output:\n%s", buf.String())
	wantLines(t, buf.String(),
		[2]string{"FAIL repo cgo", "no C compiler (/nonexistent/cc)"},
		[2]string{"fix: sudo apt-get install -y gcc", ""},
	)
}

func TestVerifyRefusesToRecurse(t *testing.T) {
	t.Parallel()
	root := fixture.Good().Write(t)
	var buf bytes.Buffer
	v := newVerifier(root, &buf, append(os.Environ(), recursionGuard+"="+root))
	v.run(nil)
	if v.failed != 1 || !strings.Contains(buf.String(), "already running inside a verify") {
		t.Errorf("verify ran inside its own run:\n%s", buf.String())
	}
}

func TestSelfTestsFailing(t *testing.T) {
	t.Parallel()
	r := fixture.Good()
	r["workshop/self_test.go"] = "package workshop\n\nimport \"testing\"\n\nfunc TestSelf(t *testing.T) { t.Fatal(\"broken\") }\n"
	root := r.Write(t)
	v := newVerifier(root, new(bytes.Buffer), os.Environ())
	res := v.checkSelfTests()
	if res.status != statusFail || res.summary != "failing tests: TestSelf" {
		t.Errorf("checkSelfTests = %+v, want a failure naming TestSelf", res)
	}
}

func TestMain(m *testing.M) { fixture.Main(m) }
