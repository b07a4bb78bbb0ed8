package learner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

// learnerWork changes the exercise of stage 1 of the committed fixture at
// root as a learner would: an edit, a deletion, a new file, a database.
func learnerWork(t *testing.T, root string) {
	t.Helper()
	fixture.Solve(t, root, 1)
	if err := os.Remove(root + "/stage01-demo/calc/path.go"); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(root+"/stage01-demo/extra/deeper", 0o755)
	os.WriteFile(root+"/stage01-demo/extra/deeper/mine.go", []byte("package deeper\n"), 0o644)
	os.WriteFile(root+"/stage01-demo/todo.db", []byte("data"), 0o644)
}

func TestReset(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.GitCommitAll(t, root)
	learnerWork(t, root)
	s, stdout, stderr := testSession(t, root)
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)
	if code := s.reset(s.stages[0], false, strings.NewReader("y\n"), now); code != exit.OK {
		t.Fatalf("reset: exit %d, stderr %q\n%s", code, stderr.String(), stdout.String())
	}
	backup := ".workshop/backup/stage01-demo-20261125-093000"
	fixture.WantContains(t, stdout.String(),
		"Reset stage01-demo to the files as shipped (git HEAD):\n",
		"  restore calc/calc.go  (changed)\n",
		"  restore calc/path.go  (deleted)\n",
		"  remove  extra/deeper/mine.go  (a file you added)\n",
		"Your versions go to "+backup+"/ first.\n",
		"Reset? Type y and Enter: ",
		"stage01-demo is as shipped again. Your 2 files are in "+backup+"/ (git ignores that folder).\n",
	)
	for file, want := range map[string]string{
		"stage01-demo/calc/calc.go":           fixture.CalcExercise,
		backup + "/calc/calc.go":              strings.Replace(fixture.CalcExercise, fixture.AddTODO, fixture.AddSolved, 1),
		backup + "/extra/deeper/mine.go":      "package deeper\n",
		"stage01-demo/todo.db":                "data", // ignored: kept
		".workshop/.gitignore":                "# Backups of the workshop command: not part of the workshop.\n*\n",
		"stage01-demo/calc/path.go":           strings.ReplaceAll(fixture.Learner()["stage01-demo/calc/path.go"], "MOD", fixture.Ex1),
		"solutions/stage01-demo/calc/calc.go": fixture.Learner()["solutions/stage01-demo/calc/calc.go"],
		"stage01-demo/calc/step1_test.go":     fixture.Learner()["stage01-demo/calc/step1_test.go"],
	} {
		if got, err := os.ReadFile(filepath.Join(root, file)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", file, got, err, want)
		}
	}
	if _, err := os.Stat(root + "/stage01-demo/extra"); !os.IsNotExist(err) {
		t.Errorf("the folder of the added file is still there: %v", err)
	}
	if out, _ := s.git(root, "status", "--porcelain"); out != "" {
		t.Errorf("git status after reset:\n%s", out)
	}

	stdout.Buf().Reset()
	if code := s.reset(s.stages[0], false, strings.NewReader(""), now); code != exit.OK || !strings.Contains(stdout.String(), "stage01-demo is as shipped: nothing to reset.") {
		t.Errorf("reset of a stage as shipped: exit %d, output %q", code, stdout.String())
	}
}

func TestResetAsks(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.GitCommitAll(t, root)
	fixture.Solve(t, root, 2)
	s, stdout, _ := testSession(t, root)
	now := time.Now()
	for answer, wantCode := range map[string]int{"n\n": exit.OK, "": exit.Fail} {
		stdout.Buf().Reset()
		if code := s.reset(s.stages[0], false, strings.NewReader(answer), now); code != wantCode {
			t.Errorf("reset answered %q: exit %d, want %d", answer, code, wantCode)
		}
		fixture.WantContains(t, stdout.String(), "Nothing changed.")
		if data, _ := os.ReadFile(root + "/stage01-demo/calc/sub.go"); !strings.Contains(string(data), fixture.SubSolved) {
			t.Errorf("reset answered %q changed the learner's file", answer)
		}
	}
	if entries, _ := os.ReadDir(root + "/.workshop/backup"); len(entries) != 0 {
		t.Errorf("declined resets left backups: %v", entries)
	}

	stdout.Buf().Reset()
	if code := s.reset(s.stages[0], true, strings.NewReader(""), now); code != exit.OK || strings.Contains(stdout.String(), "Reset?") {
		t.Errorf("reset -y: exit %d, output %q; want no question", code, stdout.String())
	}
	if data, _ := os.ReadFile(root + "/stage01-demo/calc/sub.go"); string(data) != fixture.SubExercise {
		t.Errorf("reset -y left sub.go = %q", data)
	}
}

func TestResetWithoutGit(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t) // not a git repository
	s, _, stderr := testSession(t, root, "GIT_CEILING_DIRECTORIES="+filepath.Dir(root))
	if code := s.reset(s.stages[0], true, strings.NewReader(""), time.Now()); code != exit.Fail || !strings.Contains(stderr.String(), "not a git clone") {
		t.Errorf("reset outside git: exit %d, stderr %q", code, stderr.String())
	}
}
