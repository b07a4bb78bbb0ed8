package learner

import (
	"os"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 2)
	os.WriteFile(root+"/stage01-demo/calc/notes.txt", []byte("mine\n"), 0o644)
	os.WriteFile(root+"/stage01-demo/todo.db", []byte("SQLite format 3\x00"), 0o644)
	s, stdout, stderr := testSession(t, root)
	if code := s.diff(s.stages[0]); code != exit.OK {
		t.Fatalf("diff: exit %d, stderr %q", code, stderr.String())
	}
	out := stdout.String()
	fixture.WantContains(t, out,
		"stage01-demo: your files against solutions/stage01-demo (module path aside)\n",
		"1 file differs; - lines are yours, + lines the solution's.\n",
		"--- stage01-demo/calc/calc.go (yours)\n+++ solutions/stage01-demo/calc/calc.go (solution)\n",
		"@@ -3,6 +3,5 @@\n",
		"-\t// TODO(stage01, step 1): return the sum of a and b.\n-\treturn 0\n+\treturn a + b\n",
		"Only in yours: calc/notes.txt\n",
	)
	for _, absent := range []string{"path.go", "sub.go", "todo.db", "step1_test.go"} {
		if strings.Contains(out, absent) {
			t.Errorf("diff shows %s, which is the same but for the module path (or a database)", absent)
		}
	}

	fixture.Solve(t, root, 1)
	os.Remove(root + "/stage01-demo/calc/notes.txt")
	stdout.Buf().Reset()
	s.diff(s.stages[0])
	fixture.WantContains(t, stdout.String(), "No difference: your files are the solution's.")
}

func TestDiffStageFromWorkingDirectory(t *testing.T) {
	// Not parallel: it changes the working directory.
	root := fixture.Learner().Write(t)
	t.Chdir(root + "/stage01-demo/calc")
	var stdout, stderr strings.Builder
	if code := Diff("", &stdout, &stderr); code != exit.OK {
		t.Fatalf("diff in a stage folder: exit %d, stderr %q", code, stderr.String())
	}
	fixture.WantContains(t, stdout.String(), "--- calc.go (yours)\n+++ ../../solutions/stage01-demo/calc/calc.go (solution)\n")
	t.Chdir(root)
	if code := Diff("", &stdout, &stderr); code != exit.Usage || !strings.Contains(stderr.String(), "name a stage") {
		t.Errorf("diff at the root without a stage: exit %d, stderr %q", code, stderr.String())
	}
	if code := Diff("stage07", &stdout, &stderr); code != exit.Usage || !strings.Contains(stderr.String(), `no stage "stage07"`) {
		t.Errorf("diff of an unknown stage: exit %d, stderr %q", code, stderr.String())
	}
}
