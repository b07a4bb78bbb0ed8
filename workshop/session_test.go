package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestPreflight(t *testing.T) {
	t.Parallel()
	root := learnerRepo().write(t)
	s, _, stderr := testSession(t, root, "CGO_ENABLED=0")
	if s.preflight() {
		t.Fatal("preflight passed with CGO_ENABLED=0")
	}
	wantContains(t, stderr.String(),
		"workshop: cgo does not work here: CGO_ENABLED=0\n",
		"  fix: unset CGO_ENABLED",
		"  why: go-sqlite3 needs cgo",
	)
	if ok, _, _ := testSession(t, root); !ok.preflight() {
		t.Errorf("preflight failed where cgo works")
	}
}

func TestPreflightWithoutGo(t *testing.T) {
	// Not parallel: it empties PATH.
	root := learnerRepo().write(t)
	t.Setenv("PATH", t.TempDir())
	s, _, stderr := testSession(t, root)
	if s.preflight() {
		t.Fatal("preflight passed without a go command")
	}
	wantContains(t, stderr.String(), "workshop: the go command is not on your PATH", "fix: install Go 1.26 or newer")
}

func TestSessionPaths(t *testing.T) {
	t.Parallel()
	root := learnerRepo().write(t)
	s, err := newSession(root, filepath.Join(root, "solutions", "stage01-demo", "calc"), nil, new(bytes.Buffer), new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.self(); got != "go run ../../../workshop" {
		t.Errorf("self = %q", got)
	}
	if got := s.cdInto(s.stages[1].exercise.dir); got != "cd ../../../stage02-demo && " {
		t.Errorf("cdInto = %q", got)
	}
	if st, ok := s.stageOfCwd(); !ok || st.name != "stage01-demo" {
		t.Errorf("stageOfCwd = %v, %v; want stage01-demo", st.name, ok)
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
