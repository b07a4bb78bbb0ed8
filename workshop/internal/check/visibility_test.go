package check

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkVisibilityOf writes r and runs the visibility check on its stage 1.
func checkVisibilityOf(t *testing.T, r fixture.Repo) result {
	t.Helper()
	root := r.Write(t)
	all, err := repo.FindStages(root)
	if err != nil {
		t.Fatal(err)
	}
	v := newVerifier(root, new(bytes.Buffer), os.Environ())
	res := v.checkVisibility(all[0], all)
	t.Logf("%s: %s\n%s", res.status, res.summary, res.detail)
	return res
}

// The learner's Mean (fixture.MeanSolved) shown as a README code block:
// 15 tokens, of which "for _, x := range xs" is also in the provided Max.
const meanLoop = "total := 0\nfor _, x := range xs {\n\ttotal += x\n}\n"

func TestVisibility(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(t *testing.T, r fixture.Repo)
		status string
		want   []string // in the summary or the detail
	}{{
		name:   "converted stage showing nothing",
		change: func(*testing.T, fixture.Repo) {},
		status: statusOK,
		want:   []string{"0 allowed; "},
	}, {
		name:   "not converted",
		change: func(_ *testing.T, r fixture.Repo) { delete(r, "hints/stage01-demo.md") },
		status: statusSkip,
		want:   []string{"not converted yet (no hints/stage01-demo.md)"},
	}, {
		name: "README code block with the solution's lines",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n```go\n" + meanLoop + "```\n"
		},
		status: statusFail,
		want: []string{
			"1 run of 7+ tokens of the solution shown (0 allowed)",
			"README.md:4: 15 tokens of calc/mean.go Mean: total := 0 for _, x := range xs { total += x }",
			"fix: state the contract instead of the code, or add to hints/visibility-allow.txt a line: stage01-demo <file>",
		},
	}, {
		name: "TODO comment quoting the code",
		change: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "stage01-demo/calc/mean.go", "the mean of xs; ErrEmpty when xs is empty.",
				"sum them:\n\t// `total := 0; for _, x := range xs {`\n\t//     `total += x`\n\t// `}`, don't forget ErrEmpty.")
		},
		status: statusFail,
		want:   []string{"calc/mean.go:11: 15 tokens of calc/mean.go Mean: total := 0 for"},
	}, {
		name: "failure message quoting the code",
		change: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "stage01-demo/calc/step1_test.go", "write the body of Add", "return total / len(xs), nil")
		},
		status: statusFail,
		want:   []string{`calc/step1_test.go:11: 9 tokens of calc/mean.go Mean: return total / len(xs), nil`},
	}, {
		name: "6 tokens of the solution",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\nReturn `total / len(xs)` when the loop is done.\n"
		},
		status: statusOK,
	}, {
		name: "an idiom of the provided code",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n```go\nif len(xs) == 0 {\n\treturn 0, ErrEmpty\n}\n```\n"
		},
		status: statusOK,
	}, {
		name: "bare syntax: if err != nil { return 0, err }",
		change: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, "solutions/stage01-demo/calc/mean.go", "if len(xs) == 0 {\n\t\treturn 0, ErrEmpty\n\t}",
				"if _, err := Max(xs); err != nil {\n\t\treturn 0, err\n\t}")
			r["stage01-demo/README.md"] += "\n```go\nif err != nil {\n\treturn 0, err\n}\n```\n"
		},
		status: statusOK,
	}, {
		name: "allowlisted run",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n```go\n" + meanLoop + "```\n"
			r["hints/visibility-allow.txt"] = "# exceptions\n\nstage01-demo README.md \"total := 0; for _, x := range xs { total += x }\" -- the loop is the stage's example of range\n"
		},
		status: statusOK,
		want:   []string{"1 allowed; "},
	}, {
		name: "allowlist entry quoting part of the run",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n```go\n" + meanLoop + "```\n"
			r["hints/visibility-allow.txt"] = "stage01-demo README.md \"total := 0 for _, x := range xs\" -- the example of range\n"
		},
		status: statusOK,
		want:   []string{"1 allowed; "},
	}, {
		name: "stale allowlist entry",
		change: func(_ *testing.T, r fixture.Repo) {
			r["hints/visibility-allow.txt"] = "stage01-demo README.md \"total := 0; for _, x := range xs { total += x }\" -- was shown once\n"
		},
		status: statusFail,
		want: []string{"bad allowlist entries",
			`hints/visibility-allow.txt:1: stale: README.md "total := 0; for _, x := range xs { total += x }" matches no run of the solution any more; remove the line`},
	}, {
		name: "allowlist entry without a reason, or too short",
		change: func(_ *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n```go\n" + meanLoop + "```\n"
			r["hints/visibility-allow.txt"] = "stage01-demo README.md \"total := 0; for _, x := range xs { total += x }\"\n" +
				"stage01-demo README.md \"total += x\" -- short\n" +
				"stage09-gone README.md \"total := 0; for _, x := range xs { total += x }\" -- no such stage\n"
		},
		status: statusFail,
		want: []string{
			"1 run of 7+ tokens of the solution shown (0 allowed); bad allowlist entries",
			`hints/visibility-allow.txt:1: README.md "total := 0; for _, x := range xs { total += x }" has no reason: add -- <why the learner may see it>`,
			`hints/visibility-allow.txt:2: README.md "total += x" has 3 tokens: an entry quotes a run of 7 or more`,
			"hints/visibility-allow.txt:3: no stage stage09-gone",
		},
	}, {
		name: "allowlist entry of a stage not converted",
		change: func(_ *testing.T, r fixture.Repo) {
			delete(r, "hints/stage01-demo.md")
			r["hints/visibility-allow.txt"] = "stage01-demo README.md \"total := 0; for _, x := range xs { total += x }\" -- early\n"
		},
		status: statusFail,
		want:   []string{"stage01-demo is not converted yet (no hints/stage01-demo.md): the rule does not apply there"},
	}, {
		name: "hints name a declaration the solution lacks",
		change: func(_ *testing.T, r fixture.Repo) {
			r["hints/stage01-demo.md"] += "code: calc/mean.go Median\n"
		},
		status: statusFail,
		want:   []string{"hints/stage01-demo.md names calc/mean.go Median, which the solution does not declare"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := fixture.Converted()
			c.change(t, r)
			res := checkVisibilityOf(t, r)
			if res.status != c.status {
				t.Errorf("status %q, want %q", res.status, c.status)
			}
			for _, w := range c.want {
				if !strings.Contains(res.summary+"\n"+res.detail, w) {
					t.Errorf("result lacks %q", w)
				}
			}
		})
	}
}

// TestVisibilityHintsNameTheAnswer checks that a declaration named only by
// the hints (no TODO marker in its twin) is part of the learner's answer.
func TestVisibilityHintsNameTheAnswer(t *testing.T) {
	t.Parallel()
	r := fixture.Converted()
	r.Edit(t, "stage01-demo/calc/mean.go", "\t// TODO(stage01, step 1): the mean of xs; ErrEmpty when xs is empty.\n", "")
	r["stage01-demo/README.md"] += "\n```go\n" + meanLoop + "```\n"
	if res := checkVisibilityOf(t, r); res.status != statusFail {
		t.Errorf("status %q, want FAIL: the hints name Mean", res.status)
	}
	r["hints/stage01-demo.md"] = "# Stage 01 hints\n\n## Step 1\n\n### Level 1\n\nThe mean.\n"
	if res := checkVisibilityOf(t, r); res.status != statusOK {
		t.Errorf("status %q, want ok: nothing names Mean as the learner's", res.status)
	}
}

func TestDeclNames(t *testing.T) {
	t.Parallel()
	src := []byte("package p\n\ntype T[K any] struct{}\n\nfunc (t *T[K]) M() { _ = 1 }\n\nfunc F() {}\n\nvar a, b = 1, 2\n")
	bodies, err := declBodies(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"T", "T.M", "F", "a", "b"} {
		if _, ok := bodies[name]; !ok {
			t.Errorf("declBodies has no %s; has %v", name, slices.Collect(mapKeys(bodies)))
		}
	}
	if got := string(bodies["T.M"]); got != " _ = 1 " {
		t.Errorf("body of T.M = %q, want %q", got, " _ = 1 ")
	}
}

func TestScanProse(t *testing.T) {
	t.Parallel()
	toks := scanProse("Don't write `x := f('a')`;\nthe learner's `y` isn't", 0)
	var texts []string
	for _, tk := range toks {
		texts = append(texts, tk.text)
	}
	want := []string{"Don", "t", "write", "x", ":=", "f", "(", "'a'", ")", "the", "learner", "s", "y", "isn", "t"}
	if !slices.Equal(texts, want) {
		t.Errorf("scanProse = %q, want %q", texts, want)
	}
	if toks[len(toks)-1].line != 2 {
		t.Errorf("last token on line %d, want 2", toks[len(toks)-1].line)
	}
}

// mapKeys returns an iterator over the keys of m.
func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
