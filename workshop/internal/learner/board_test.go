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
	s.board(s.testStages(context.Background(), s.stages))
	return stdout.String()
}

func TestBoardNothingDone(t *testing.T) {
	t.Parallel()
	out := boardOf(t, fixture.Learner().Write(t))
	fixture.WantContains(t, out,
		"[>] stage01-demo  0/2 steps    add numbers\n",
		"[ ] stage02-demo  0/1 steps    double numbers\n",
		"Start with stage01-demo: read stage01-demo/README.md from the top",
		"Stuck? The finished stage is in solutions/stage01-demo.",
		"Next: stage01-demo, Step 1 — add  (0 of 2 steps pass)\n",
		"  read  stage01-demo/README.md:9  (## Step 1 — add)\n",
		"  test  TestStep1Add fails:\n",
		"Add(2, 3) = 0, want 5 (step 1: write the body of Add)",
		"  hint  The `+` operator adds & returns:\n",
		"(code: go run ./workshop hint stage01 1)",
		"  run   cd stage01-demo && go test -failfast ./calc\n",
		"More: go run ./workshop watch",
	)
	if strings.Contains(out, "return a + b") {
		t.Errorf("the board shows the hint's code; it must stay folded:\n%s", out)
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
		"  hint  Use `-`.\n",
	)
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
