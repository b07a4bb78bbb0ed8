package check

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// checkHintsOf writes r and returns the hints check of its stage01-demo.
func checkHintsOf(t *testing.T, r fixture.Repo) result {
	t.Helper()
	root := r.Write(t)
	stages, err := repo.FindStages(root)
	if err != nil {
		t.Fatal(err)
	}
	return newVerifier(root, new(bytes.Buffer), os.Environ()).checkHints(stages[0])
}

// TestCheckHints breaks the hint file of the converted fixture stage in one
// way per case and checks that the hints check fails for that cause.
func TestCheckHints(t *testing.T) {
	t.Parallel()
	const hintFile = "hints/stage01-demo.md"
	cases := []struct {
		name    string
		breakIt func(t *testing.T, r fixture.Repo)
		status  string
		want    string // part of the summary
		detail  string // part of the detail
	}{{
		name:    "good",
		breakIt: func(*testing.T, fixture.Repo) {},
		status:  statusOK, want: "1 steps, 1 code lines, 3 questions",
	}, {
		name:    "not converted",
		breakIt: func(t *testing.T, r fixture.Repo) { delete(r, hintFile) },
		status:  statusSkip, want: "not converted yet (no hints/stage01-demo.md)",
	}, {
		name: "a level missing",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "### Level 2\nOne return statement, of a and b.\n\n", "")
		},
		status: statusFail, want: `hints/stage01-demo.md:3: step 1 has no "### Level 2"`,
	}, {
		name: "an empty level",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "Go adds with an operator. Read: `go doc builtin.int`.\n", "")
		},
		status: statusFail, want: "hints/stage01-demo.md:5: step 1, level 1 is empty",
	}, {
		name: "level 3 without code",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "code: calc/calc.go Add\n", "")
		},
		status: statusFail, want: "step 1, level 3 has no code line (code: <file> <Name>)",
	}, {
		name: "a code line names nothing",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "code: calc/calc.go Add\n", "code: calc/calc.go Add\ncode: calc/calc.go Mul\n")
		},
		status: statusFail, want: "hints/stage01-demo.md:15: code: calc/calc.go Mul: calc/calc.go declares no Mul (it declares: Add)",
	}, {
		name: "a code line names a missing file",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "code: calc/calc.go Add\n", "code: calc/calc.go Add\ncode: calc/mul.go Mul\n")
		},
		status: statusFail, want: "code: calc/mul.go Mul: open solutions/stage01-demo/calc/mul.go: no such file or directory",
	}, {
		name: "a code line names two declarations",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["solutions/stage01-demo/calc/calc.go"] += "\nvar _, Add2 = 1, 2\n\nfunc (T) Add() {}\n\nfunc (*T) Add() {}\n\ntype T int\n"
			r.Edit(t, hintFile, "code: calc/calc.go Add\n", "code: calc/calc.go Add\ncode: calc/calc.go T.Add\n")
		},
		status: statusFail, want: "code: calc/calc.go T.Add: calc/calc.go declares T.Add 2 times",
	}, {
		name: "a learner's declaration that no code line names",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "code: calc/calc.go Add\n", "code: calc/path.go ImportPath\n")
		},
		status: statusFail,
		want:   "stage01-demo/calc/calc.go:6: Add has a TODO of step 1, but no level 3 code line of step 1 names it (code: calc/calc.go Add)",
	}, {
		name: "a step without hints",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n## Step 2 — later\n"
		},
		status: statusFail, want: `hints/stage01-demo.md has no "## Step 2" (the stage has steps 1, 2)`,
	}, {
		name: "hints for a step the stage has not",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "## Check", "## Step 3\n\n### Level 1\nx\n\n### Level 2\ny\n\n### Level 3\ncode: calc/calc.go Add\n\n## Check")
		},
		status: statusFail, want: ":16: a hint for step 3, which the stage does not have (its steps: 1)",
	}, {
		name: "too few questions",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r[hintFile] = r[hintFile][:strings.Index(r[hintFile], "### Q3")]
		},
		status: statusFail, want: ":16: the Check section has 2 questions; it needs 3 to 5",
	}, {
		name: "a question without an answer",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "#### Answer\nIn stepK_test.go, one file per step.\n", "")
		},
		status: statusFail, want: "Q2 has no answer",
	}, {
		name: "questions out of order",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "### Q2", "### Q5")
		},
		status: statusFail, want: "question Q5 is number 2 of the Check section",
	}, {
		name: "no Check section",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r[hintFile] = r[hintFile][:strings.Index(r[hintFile], "## Check")]
		},
		status: statusFail, want: `hints/stage01-demo.md has no "## Check" section (3 to 5 questions, each with "#### Answer")`,
	}, {
		name: "a folded hint left in the README",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["stage01-demo/README.md"] += "\n<details><summary>Hint</summary>\n\nreturn a + b\n</details>\n"
		},
		status: statusFail,
		want:   `stage01-demo/README.md:3 holds <details>, which a terminal does not fold: the hints of a converted stage live in hints/stage01-demo.md only ("<details><summary>Hint</summary>")`,
	}, {
		name: "a translation of another structure",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["hints/stage01-demo.ko.md"] = strings.Replace(r[hintFile], "code: calc/calc.go Add\n", "", 1)
		},
		status: statusFail,
		want:   "hints/stage01-demo.ko.md does not keep the structure of hints/stage01-demo.md: the English has step 1, level 3, code: calc/calc.go Add where it has check Q1",
	}, {
		name: "a translation that lacks the end",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["hints/stage01-demo.ko.md"] = strings.Replace(r[hintFile], "#### Answer\nThe exercise's, with solutions/ inside.\n", "", 1)
		},
		status: statusFail,
		want:   "hints/stage01-demo.ko.md does not keep the structure of hints/stage01-demo.md: it lacks check Q3, answer",
	}, {
		name: "a translation of the same structure",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r["hints/stage01-demo.ko.md"] = "# 1단계 힌트\n\n## Step 1 — 더하기\n\n### Level 1\n연산자.\n\n### Level 2\n스케치.\n\n### Level 3\ncode: calc/calc.go Add\n\n" +
				"## Check\n\n### Q1\n질문?\n#### Answer\n답.\n\n### Q2\n질문?\n#### Answer\n답.\n\n### Q3\n질문?\n#### Answer\n답.\n"
		},
		status: statusOK, want: "translations keep the structure: ko",
	}, {
		name: "a broken structure",
		breakIt: func(t *testing.T, r fixture.Repo) {
			r.Edit(t, hintFile, "### Level 2", "### Level two")
		},
		status: statusFail, want: "the hint file does not parse",
		detail: `hints/stage01-demo.md:8: unknown heading "### Level two"`,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := fixture.Hinted()
			c.breakIt(t, r)
			got := checkHintsOf(t, r)
			if got.status != c.status || !strings.Contains(got.summary, c.want) || !strings.Contains(got.detail, c.detail) {
				t.Errorf("hints check = %s: %s\n%s\nwant %s, a summary with %q, a detail with %q", got.status, got.summary, got.detail, c.status, c.want, c.detail)
			}
		})
	}
}

// TestVerifyRunsHintsCheck checks that verify runs the hints check of each
// stage: it passes for the converted stage and skips the other.
func TestVerifyRunsHintsCheck(t *testing.T) {
	t.Parallel()
	out, _, failed := verifyFixture(t, fixture.Hinted())
	if failed != 0 {
		t.Errorf("verify of a fixture with a good hint file: %d failed", failed)
	}
	wantLines(t, out,
		[2]string{"ok stage01-demo hints: every step has its levels; code lines name the solution", "1 steps, 1 code lines, 3 questions"},
		[2]string{"skip stage02-demo hints: every step has its levels; code lines name the solution", "not converted yet"},
	)
}
