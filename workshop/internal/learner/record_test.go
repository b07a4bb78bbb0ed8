package learner

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// TestStageKey checks what changes the record's key of a stage: a file of
// its exercise, a file of an earlier solution it imports, go.work; and what
// does not: its guide, a database a server left, another stage's exercise,
// \r\n line ends.
func TestStageKey(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, _, _ := testSession(t, root)
	st1, st2 := s.stages[0], s.stages[1]
	k1, k2 := s.keyOf(st1), s.keyOf(st2)
	if k1.key == "" || k2.key == "" || k1.key == k2.key || k1.exercise == "" {
		t.Fatalf("keys %+v, %+v: want two different, non-empty keys", k1, k2)
	}
	step := func(what string, change func(), key1Changes, key2Changes bool) {
		t.Helper()
		change()
		n1, n2 := s.keyOf(st1), s.keyOf(st2)
		if (n1.key != k1.key) != key1Changes || (n2.key != k2.key) != key2Changes {
			t.Errorf("%s: stage 1 key changed %v (want %v), stage 2 key changed %v (want %v)",
				what, n1.key != k1.key, key1Changes, n2.key != k2.key, key2Changes)
		}
		k1, k2 = n1, n2
	}
	write := func(name, text string) func() {
		return func() {
			if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	step("an exercise file of stage 2 changes", func() {
		fixture.ReplaceInFile(t, root+"/stage02-demo/double/double.go", "return 0", "return a")
	}, false, true)
	step("stage 2's guide changes", write("stage02-demo/README.md", "# Stage 02 — notes\n"), false, false)
	step("a database appears in stage 2", write("stage02-demo/todo.db", "x"), false, false)
	step("the solution of stage 1, which stage 2 imports, changes", func() {
		fixture.ReplaceInFile(t, root+"/solutions/stage01-demo/calc/calc.go", "return a + b", "return b + a")
	}, false, true)
	step("the solution of stage 2, which nothing imports, changes", func() {
		fixture.ReplaceInFile(t, root+"/solutions/stage02-demo/double/double.go", "calc.Add(a, a)", "calc.Add(a, a) // twice")
	}, false, false)
	step("a new file in stage 1", write("stage01-demo/calc/more.go", "package calc\n"), true, false)
	step("go.work changes", func() {
		fixture.ReplaceInFile(t, root+"/go.work", "go 1.26.0", "go 1.26.0\n")
	}, true, true)
	step("a file of stage 1 gets \\r\\n line ends", write("stage01-demo/calc/more.go", "package calc\r\n"), false, false)
}

// TestRecordSurvives checks that a run is recorded on disk, that another
// session recalls it, and that a damaged record only costs a run.
func TestRecordSurvives(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, _, _ := testSession(t, root)
	st := s.stages[0]
	p := s.testStage(context.Background(), st)
	if s.goTests.Load() != 1 || p.passedSteps() != 0 || p.notRun {
		t.Fatalf("first testStage: %d runs, %d steps passed, not run %v; want 1 run, 0 passed", s.goTests.Load(), p.passedSteps(), p.notRun)
	}
	again, _, _ := testSession(t, root)
	q := again.testStage(context.Background(), st)
	if again.goTests.Load() != 0 || len(q.steps) != 2 || q.steps[0].firstFailure().Name != "TestStep1Add" ||
		len(q.steps[0].firstFailure().Output) == 0 {
		t.Fatalf("recalled: %d runs, %+v; want no run and the recorded failure", again.goTests.Load(), q.steps)
	}
	if err := os.WriteFile(filepath.Join(root, recordFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged, _, _ := testSession(t, root)
	if damaged.testStage(context.Background(), st); damaged.goTests.Load() != 1 {
		t.Errorf("with a damaged record: %d runs, want 1", damaged.goTests.Load())
	}
}

var update = flag.Bool("update", false, "rewrite shipped.txt from the repository's exercises")

// TestShippedIsCurrent checks that shipped.txt holds the hash of every
// exercise of the repository this command is in, as it is: the workshop's
// own tests run in the repository as shipped (the maintainer check runs
// them). After changing an exercise, regenerate it:
//
//	go test ./internal/learner -run TestShippedIsCurrent -update
func TestShippedIsCurrent(t *testing.T) {
	root, err := repo.FindRoot("../../..")
	if err != nil {
		t.Skip("not in a workshop repository:", err)
	}
	all, err := repo.FindStages(root)
	if err != nil {
		t.Fatal(err)
	}
	var stages []repo.Stage
	for _, st := range all {
		if st.Exercise.Path != "" {
			stages = append(stages, st)
		}
	}
	if len(stages) == 0 {
		t.Skip("no stages in", root)
	}
	want, err := formatShipped(stages)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(shippedFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if shippedText != want {
		t.Errorf("%s is not current: an exercise changed since it was written.\n"+
			"Stages whose hash differs are never shown as \"not started\" without a run (slower boards).\n"+
			"fix: cd workshop && go test ./internal/learner -run TestShippedIsCurrent -update\ngot:\n%s\nwant:\n%s", shippedFile, shippedText, want)
	}
}
