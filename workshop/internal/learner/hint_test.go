package learner

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestHint(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	cases := []struct {
		args []string
		code int
		out  string // part of stdout
		err  string // part of stderr
	}{
		{[]string{"stage01", "1"}, exit.OK, "stage01-demo, Step 1 — add\nfrom stage01-demo/README.md:9\n\nThe `+` operator adds & returns:\n\n```go\nreturn a + b // <not a tag>\n```\n", ""},
		{[]string{"2", "stage01-demo"}, exit.OK, "stage01-demo, Step 2 — subtract\nfrom stage01-demo/README.md:22\n\nUse `-`.\n", ""},
		{nil, exit.OK, "stage01-demo, Step 2 — subtract", ""},              // the next step of the current stage
		{[]string{"1"}, exit.OK, "stage01-demo, Step 1 — add", ""},         // step 1 of the current stage
		{[]string{"stage02"}, exit.OK, "This step has no folded hint", ""}, // the next step of stage 2
		{[]string{"stage01", "7"}, exit.Fail, "", `stage01-demo/README.md has no section "## Step 7" (its steps: 1, 2)`},
		{[]string{"stage01", "stage02"}, exit.Usage, "", "two stages named (stage01-demo, stage02)"},
		{[]string{"stage09"}, exit.Usage, "", `no stage "stage09"`},
	}
	for _, c := range cases {
		s, stdout, stderr := testSession(t, root)
		if code := s.hint(context.Background(), c.args, hintLevels{level: 1}); code != c.code {
			t.Errorf("hint %q: exit %d, want %d; stderr %q", c.args, code, c.code, stderr.String())
		}
		fixture.WantContains(t, stdout.String(), c.out)
		fixture.WantContains(t, stderr.String(), c.err)
	}

	fixture.Solve(t, root, 2)
	s, stdout, _ := testSession(t, root)
	if code := s.hint(context.Background(), []string{"stage01"}, hintLevels{level: 1}); code != exit.OK {
		t.Errorf("hint of a finished stage: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(),
		"Every step of stage01-demo passes: the stage is done.\nNext: stage02-demo. Start it: cd stage02-demo && go run ../workshop hint\n",
		"Read a hint of stage01 again: go run ./workshop hint stage01 <step>; its check-yourself answers: go run ./workshop hint stage01 check")
}

// TestHintFallbackLevels checks that a stage without a hint file shows its
// guide's one hint at any level, and has no check answers to show.
func TestHintFallbackLevels(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, stdout, _ := testSession(t, root)
	if code := s.hint(context.Background(), []string{"stage01", "2"}, hintLevels{level: 3}); code != exit.OK {
		t.Errorf("hint -level 3 of an unconverted stage: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(), "from stage01-demo/README.md:22\n\nUse `-`.\n", "(stage01-demo has no hint levels yet: this is all its guide holds.)")

	s, _, stderr := testSession(t, root)
	if code := s.hint(context.Background(), []string{"stage01", "check"}, hintLevels{level: 1}); code != exit.Fail {
		t.Errorf("hint stage01 check without a hint file: exit %d, want %d", code, exit.Fail)
	}
	fixture.WantContains(t, stderr.String(), "stage01-demo has no hint file yet (hints/stage01-demo.md): its check-yourself questions are in its guide, stage01-demo/README.md")
}

// TestHintLevels reads the hints of a converted stage at each level.
func TestHintLevels(t *testing.T) {
	t.Parallel()
	root := fixture.LearnerHinted().Write(t)
	// The solution of step 2 uses an import the learner's file lacks.
	writeFile(t, root+"/solutions/stage01-demo/calc/sub.go", "package calc\n\nimport \"math\"\n\n// Sub returns a minus b.\nfunc Sub(a, b int) int {\n\treturn a - b + int(math.Abs(0))\n}\n")
	cases := []struct {
		args  []string
		want  hintLevels
		code  int
		out   []string // parts of stdout
		notIn []string // texts stdout must not hold
		err   string   // part of stderr
	}{{
		args: []string{"stage01", "1"}, want: hintLevels{level: 1}, code: exit.OK,
		out: []string{
			"stage01-demo, Step 1 — add, level 1 of 3\n\nGo adds with an operator. Read: `go doc builtin.int`.\n\nMore: go run ./workshop hint -level 2 stage01 1\n",
		},
		notIn: []string{"One return statement", "return a + b"},
	}, {
		args: []string{"stage01", "1"}, want: hintLevels{level: 2}, code: exit.OK,
		out:   []string{"level 2 of 3\n\nOne return statement, of a and b.\n\nMore: go run ./workshop hint -level 3 stage01 1\n"},
		notIn: []string{"Go adds with", "return a + b"},
	}, {
		args: []string{"stage01", "1"}, want: hintLevels{level: 3}, code: exit.OK,
		out: []string{
			"level 3 of 3\n\nThe solution's body:\n\n" +
				"Add, for your stage01-demo/calc/calc.go (from solutions/stage01-demo/calc/calc.go:4)\n" +
				"```go\n// Add returns the sum of a and b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n```\n\n" +
				"That is the solution's code. Compare with yours: go run ./workshop diff stage01\n",
		},
		notIn: []string{"does not have yet"},
	}, {
		args: []string{"2", "stage01"}, want: hintLevels{level: 3}, code: exit.OK,
		out: []string{
			"stage01-demo, Step 2 — subtract, level 3 of 3",
			"func Sub(a, b int) int {\n\treturn a - b + int(math.Abs(0))\n}\n```\n",
			"This code uses imports that stage01-demo/calc/sub.go does not have yet: add them to its import block:\n\t\"math\"\n",
		},
		notIn: []string{"import \"math\""}, // only the declaration
	}, {
		args: []string{"stage01", "2"}, want: hintLevels{all: true, level: 1}, code: exit.OK,
		out: []string{
			"level 1 of 3\nfrom hints/stage01-demo.md:18\n\nThe opposite of step 1.\n\nstage01-demo, Step 2 — subtract, level 2 of 3\nfrom hints/stage01-demo.md:",
			"```go\nreturn a ? b\n```\n",
			"func Sub(a, b int) int {\n\treturn a - b + int(math.Abs(0))\n}\n```\n",
			"This code uses imports that stage01-demo/calc/sub.go does not have yet: add them to its import block:\n\t\"math\"\n",
			"That is the solution's code. Compare with yours: go run ./workshop diff stage01\n",
		},
		notIn: []string{"More:"},
	}, {
		args: []string{"stage01", "check"}, code: exit.OK,
		out: []string{
			"stage01-demo, check yourself: the answers",
			"\nQ1. Why does a stub return 0 and not panic?\nAnswer: A panic ends the test binary and hides every other result.\n",
			"\nQ3. What does the solution module path look like?\nAnswer: The exercise's, with solutions/ inside.\n",
		},
	}, {
		args: []string{"stage01", "7"}, want: hintLevels{level: 1}, code: exit.Fail,
		err: `hints/stage01-demo.md has no "## Step 7" (its steps: 1, 2)`,
	}, {
		args: nil, want: hintLevels{level: 1}, code: exit.OK, // the next step: step 1 of stage 1
		out:   []string{"stage01-demo, Step 1 — add, level 1 of 3\n"},
		notIn: []string{"Step 2"},
	}}
	for _, c := range cases {
		s, stdout, stderr := testSession(t, root)
		if code := s.hint(context.Background(), c.args, c.want); code != c.code {
			t.Errorf("hint %+v %q: exit %d, want %d; stderr %q", c.want, c.args, code, c.code, stderr.String())
		}
		fixture.WantContains(t, stdout.String(), c.out...)
		fixture.WantContains(t, stderr.String(), c.err)
		for _, no := range c.notIn {
			if strings.Contains(stdout.String(), no) {
				t.Errorf("hint %+v %q shows %q:\n%s", c.want, c.args, no, stdout.String())
			}
		}
	}
}

// TestHintInFinishedStage checks that hint in the folder of a finished
// stage says so and names the next stage, without showing its hints.
func TestHintInFinishedStage(t *testing.T) {
	t.Parallel()
	root := fixture.LearnerHinted().Write(t)
	fixture.Solve(t, root, 1)
	fixture.Solve(t, root, 2)
	root2 := root + "/stage02-demo"
	writeFile(t, root+"/hints/stage02-demo.md", "# Stage 02 hints\n\n## Step 1\n\n### Level 1\nSECRET OF STAGE 2\n")
	s, stdout, _ := testSession(t, root)
	s.cwd = root + "/stage01-demo/calc"
	if code := s.hint(context.Background(), nil, hintLevels{level: 1}); code != exit.OK {
		t.Errorf("hint in a finished stage: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(),
		"Every step of stage01-demo passes: the stage is done.\n",
		"Next: stage02-demo. Start it: cd ../../stage02-demo && go run ../workshop hint\n",
		"its check-yourself answers: go run ../../workshop hint stage01 check\n")
	if strings.Contains(stdout.String(), "SECRET") || strings.Contains(stdout.String(), "Step 1") {
		t.Errorf("hint in a finished stage shows the next stage's hint:\n%s", stdout.String())
	}

	// Named steps and the check of the folder's stage still answer there.
	s, stdout, _ = testSession(t, root)
	s.cwd = root + "/stage01-demo"
	if code := s.hint(context.Background(), []string{"check"}, hintLevels{level: 1}); code != exit.OK {
		t.Errorf("hint check in a stage folder: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(), "stage01-demo, check yourself: the answers")

	// The last stage names no next one.
	s, stdout, _ = testSession(t, root)
	s.cwd = root2
	solved, err := os.ReadFile(root + "/solutions/stage02-demo/double/double.go")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root2+"/double/double.go", string(solved))
	if code := s.hint(context.Background(), nil, hintLevels{level: 1}); code != exit.OK {
		t.Errorf("hint in the last, finished stage: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(), "Every step of stage02-demo passes: the stage is done.\nThat was the last stage.\n")
}

// writeFile writes text to the file at path.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
