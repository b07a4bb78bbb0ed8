package learner

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestPreflight(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, _, stderr := testSession(t, root, "CGO_ENABLED=0")
	if s.preflight() {
		t.Fatal("preflight passed with CGO_ENABLED=0")
	}
	fixture.WantContains(t, stderr.String(),
		"workshop: cgo does not work here: CGO_ENABLED=0\n",
		"  fix: unset CGO_ENABLED",
		"  why: go-sqlite3 needs cgo",
	)
	if ok, _, _ := testSession(t, root); !ok.preflight() {
		t.Errorf("preflight failed where cgo works")
	}
}

func TestSessionWithoutGo(t *testing.T) {
	// Not parallel: it empties PATH.
	root := fixture.Learner().Write(t)
	t.Setenv("PATH", t.TempDir())
	_, err := newSession(root, root, os.Environ(), new(bytes.Buffer), new(bytes.Buffer))
	if err == nil {
		t.Fatal("newSession succeeded without a go command")
	}
	fixture.WantContains(t, "workshop: "+err.Error(), "workshop: the go command is not on your PATH", "fix: install Go 1.26 or newer")
}

func TestSessionPaths(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	s, err := newSession(root, filepath.Join(root, "solutions", "stage01-demo", "calc"), nil, new(bytes.Buffer), new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.self(); got != "go run ../../../workshop" {
		t.Errorf("self = %q", got)
	}
	if got := s.cdInto(s.stages[1].Exercise.Dir); got != "cd ../../../stage02-demo && " {
		t.Errorf("cdInto = %q", got)
	}
	if st, ok := s.stageOfCwd(); !ok || st.Name != "stage01-demo" {
		t.Errorf("stageOfCwd = %v, %v; want stage01-demo", st.Name, ok)
	}
	s.cwd = root
	if got := s.self(); got != "go run ./workshop" {
		t.Errorf("self at the root = %q", got)
	}
	if _, ok := s.stageOfCwd(); ok {
		t.Errorf("stageOfCwd at the root found a stage")
	}
	if _, err := newSession(t.TempDir(), root, nil, nil, nil); err == nil {
		t.Errorf("newSession on a folder without stages succeeded")
	}
}

func TestPalette(t *testing.T) {
	t.Parallel()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{new(bytes.Buffer), f} {
		if p := paletteFor(w, nil); p.on || p.red("x") != "x" || p.clearScreen() != "" {
			t.Errorf("palette for %T is on", w)
		}
	}
	if p := paletteFor(os.Stdout, []string{"NO_COLOR=1"}); p.on {
		t.Errorf("palette is on with NO_COLOR=1")
	}
	on := palette{on: true}
	if got := on.green("ok"); got != "\x1b[32mok\x1b[0m" {
		t.Errorf("green = %q", got)
	}
	if got := pad(on.green("ok"), 4); got != "\x1b[32mok\x1b[0m  " {
		t.Errorf("pad of a coloured text = %q", got)
	}
}

func TestMain(m *testing.M) { fixture.Main(m) }

// testSession returns a session on the fixture at root for a learner at
// the root, with its output in buffers.
func testSession(t *testing.T, root string, env ...string) (*session, *fixture.SyncBuffer, *fixture.SyncBuffer) {
	t.Helper()
	stdout, stderr := new(fixture.SyncBuffer), new(fixture.SyncBuffer)
	s, err := newSession(root, root, append(os.Environ(), env...), stdout, stderr)
	if err != nil {
		t.Fatal(err)
	}
	return s, stdout, stderr
}

// testSessionIn is testSession for a learner in directory cwd.
func testSessionIn(t *testing.T, root, cwd string, env ...string) (*session, *fixture.SyncBuffer, *fixture.SyncBuffer) {
	t.Helper()
	stdout, stderr := new(fixture.SyncBuffer), new(fixture.SyncBuffer)
	s, err := newSession(root, cwd, append(os.Environ(), env...), stdout, stderr)
	if err != nil {
		t.Fatal(err)
	}
	return s, stdout, stderr
}
