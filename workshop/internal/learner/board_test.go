package learner

import (
	"context"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

// board runs the progress board on the fixture at root and returns its output.
func boardOf(t *testing.T, root string) string {
	t.Helper()
	s, stdout, _ := testSession(t, root)
	s.board(s.progressOf(context.Background(), s.stages, s.firstCandidate()))
	return stdout.String()
}

func TestBoardNothingDone(t *testing.T) {
	t.Parallel()
	out := boardOf(t, fixture.Learner().Write(t))
	fixture.WantContains(t, out,
		"[>] stage01-demo  0/2 steps    add numbers\n",
		"[ ] stage02-demo  0/1 steps    double numbers\n",
		"Start with stage01-demo: read stage01-demo/README.md from the top",
		"Stuck? Ask for a hint, one level at a time: go run ./workshop hint (then hint -level 2, -level 3).",
		"Next: stage01-demo, Step 1 — add  (0 of 2 steps pass)\n",
		"  read  stage01-demo/README.md:9  (## Step 1 — add)\n",
		"  test  TestStep1Add fails:\n",
		"Add(2, 3) = 0, want 5 (step 1: write the body of Add)",
		"  run   cd stage01-demo && go test ./calc -run 'TestStep1'\n",
		"  stuck? go run ./workshop hint\n",
		"More: go run ./workshop watch",
	)
	for _, hint := range []string{"operator adds", "return a + b", "hint  "} {
		if strings.Contains(out, hint) {
			t.Errorf("the board shows a hint's text (%q): hints come only when asked for\n%s", hint, out)
		}
	}
}

func TestBoardPartlyDone(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	out := boardOf(t, root)
	fixture.WantContains(t, out,
		"[>] stage01-demo  1/2 steps",
		"Next: stage01-demo, Step 2 — subtract  (1 of 2 steps pass)\n",
		"  test  TestStep2Sub fails:\n",
		"        step2_test.go:11: step 2: Sub(5, 3) = 0, want 2\n            write the body of Sub\n",
		"  stuck? go run ./workshop hint\n",
	)
	if strings.Contains(out, "Use `-`") {
		t.Errorf("the board shows the hint of step 2:\n%s", out)
	}
	if strings.Contains(out, "Start with") {
		t.Errorf("the board greets a learner who has started:\n%s", out)
	}
}

func TestBoardDoneAndBroken(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	fixture.Solve(t, root, 2)
	fixture.ReplaceInFile(t, root+"/stage02-demo/double/double.go", "return 0", `return "zero"`)
	out := boardOf(t, root)
	fixture.WantContains(t, out,
		"[x] stage01-demo  2/2 steps",
		"[!] stage02-demo  does not build",
		"Next: stage02-demo does not build (or its tests cannot start):\n",
		`double.go:7:9: cannot use "zero"`,
		"  run   cd stage02-demo && go test -failfast ./...\n",
	)
}

func TestBoardAllDone(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	fixture.Solve(t, root, 2)
	fixture.ReplaceInFile(t, root+"/stage02-demo/double/double.go", "\t// TODO(stage02, step 1): return a doubled, with calc.Add.\n\treturn 0", "\treturn calc.Add(a, a)")
	fixture.ReplaceInFile(t, root+"/stage02-demo/double/double.go", "package double\n", "package double\n\nimport \""+fixture.Sol1+"/calc\"\n")
	out := boardOf(t, root)
	fixture.WantContains(t, out,
		"[x] stage01-demo  2/2 steps",
		"[x] stage02-demo  1/1 steps",
		"Every step of every stage passes. Well done!",
		"go run ./workshop diff <stage>",
	)
}

// TestBoardRunsOnlyWhatChanged counts the go test runs of boards on one
// fixture: a stage as shipped is not started without a run, unless it is
// the current stage; a board with nothing changed runs nothing; an edit
// runs only the stage edited.
func TestBoardRunsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	shipped := shippedOf(t, root)
	board := func(wantRuns int32, want ...string) string {
		t.Helper()
		s, stdout, _ := testSession(t, root)
		s.shipped = parseShipped(shipped)
		s.board(s.progressOf(context.Background(), s.stages, s.firstCandidate()))
		out := stdout.String()
		if got := s.goTests.Load(); got != wantRuns {
			t.Errorf("go test ran %d times, want %d", got, wantRuns)
		}
		fixture.WantContains(t, out, want...)
		return out
	}

	// As shipped: stage 1 is current and runs, for its failing test; stage 2 does not.
	first := board(1,
		"[>] stage01-demo  0/2 steps    add numbers\n",
		"[ ] stage02-demo  not started  double numbers\n",
		"  test  TestStep1Add fails:\n",
		"Add(2, 3) = 0, want 5",
	)
	// Again, nothing changed: nothing runs, the same board.
	if again := board(0); again != first {
		t.Errorf("a board from the record differs from the first:\n%s\nfirst:\n%s", again, first)
	}
	// A save of stage 1 runs stage 1 only.
	fixture.Solve(t, root, 1)
	board(1, "[>] stage01-demo  1/2 steps", "[ ] stage02-demo  not started", "  test  TestStep2Sub fails:\n")
	board(0, "[>] stage01-demo  1/2 steps")
	// A stage edited is no longer as shipped: it runs, once.
	fixture.ReplaceInFile(t, root+"/stage02-demo/double/double.go", "return 0", "return a")
	board(1, "[ ] stage02-demo  0/1 steps")
	board(0, "[ ] stage02-demo  0/1 steps")
	if shippedOf(t, root) == shipped {
		t.Errorf("the exercises hash as shipped after edits")
	}
}

// shippedOf returns the shipped manifest of the fixture at root as it is now.
func shippedOf(t *testing.T, root string) string {
	t.Helper()
	s, _, _ := testSession(t, root)
	text, err := formatShipped(s.stages)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestBoardInAFinishedStage checks that in a finished stage's folder the
// board says the stage is done and names the next stage, without showing
// that stage's first step.
func TestBoardInAFinishedStage(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	fixture.Solve(t, root, 2)
	s, stdout, _ := testSessionIn(t, root, root+"/stage01-demo/calc")
	s.board(s.progressOf(context.Background(), s.stages, s.firstCandidate()))
	out := stdout.String()
	fixture.WantContains(t, out,
		"[x] stage01-demo  2/2 steps",
		"Done: every step of stage01-demo passes. Compare with the solution: go run ../../workshop diff stage01\n",
		"Next stage: stage02-demo (double numbers): read ../../stage02-demo/README.md, then from its folder:\n",
		"  cd ../../stage02-demo && go run ../workshop watch\n",
	)
	if strings.Contains(out, "Step 1") || strings.Contains(out, "TestStep1Double") {
		t.Errorf("the board in a finished stage shows the next stage's first step:\n%s", out)
	}
}
