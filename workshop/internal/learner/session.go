package learner

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/gokit-workshop/workshop/workshop/internal/guide"
	"github.com/gokit-workshop/workshop/workshop/internal/repo"
)

// A session is one run of a learner's command: the repository, the stages,
// where the learner stands in it and where the output goes.
type session struct {
	root   string
	stages []repo.Stage // the stages that have an exercise, in order
	cwd    string       // the learner's working directory: paths are shown relative to it
	env    []string
	goCmd  repo.Go
	hints  guide.HintSource
	out    io.Writer
	errOut io.Writer
	color  palette // of out
	status bool    // show a status line on errOut while tests run (errOut is a terminal)

	record  *record           // what the last runs of each stage's tests found
	shipped map[string]string // the HashTree of each exercise as shipped, by stage name
	goTests atomic.Int32      // how many times go test ran: tests count them
}

// openSession opens the repository holding the working directory for a
// learner's command. On failure it prints why to stderr and returns nil.
func openSession(stdout, stderr io.Writer) *session {
	root, err := repo.FindRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return nil
	}
	s, err := newSession(root, cwd, os.Environ(), stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "workshop:", err)
		return nil
	}
	return s
}

// newSession returns a session on the repository at root for a learner in
// directory cwd, whose commands run in env.
func newSession(root, cwd string, env []string, stdout, stderr io.Writer) (*session, error) {
	// Every command needs the go command, to read the stages' go.mod files
	// first.
	if _, err := exec.LookPath("go"); err != nil {
		return nil, errors.New("the go command is not on your PATH (" + err.Error() + ").\n" +
			"fix: install Go 1.26 or newer from https://go.dev/dl/, then open a new terminal and check with `go version`.")
	}
	all, err := repo.FindStages(root)
	if err != nil {
		return nil, err
	}
	var stages []repo.Stage
	for _, st := range all {
		if st.Exercise.Path != "" {
			stages = append(stages, st)
		}
	}
	if len(stages) == 0 {
		return nil, errors.New("no stages found in " + root + " (directories like stage01-service with a go.mod)")
	}
	s := &session{
		root:    root,
		stages:  stages,
		cwd:     cwd,
		env:     env,
		goCmd:   repo.NewGo(root, env),
		hints:   guide.GuideHints{},
		out:     stdout,
		errOut:  stderr,
		color:   paletteFor(stdout, env),
		record:  openRecord(root),
		shipped: parseShipped(shippedText),
	}
	if f, ok := stderr.(*os.File); ok && isTerminal(f) && repo.Getenv(env, "TERM") != "dumb" {
		s.status = true
	}
	return s, nil
}

// preflight checks that cgo works (the check verify makes first:
// repo.Go.CheckCgo); go-sqlite3 builds a stub
// that fails for the wrong reason without cgo. On failure it prints the exact fix to errOut and
// returns false.
func (s *session) preflight() bool {
	p := s.goCmd.CheckCgo(s.root)
	if p == nil {
		return true
	}
	fmt.Fprintln(s.errOut, "workshop: cgo does not work here: "+p.Summary)
	for line := range strings.Lines(p.Detail) {
		fmt.Fprint(s.errOut, "  "+line)
	}
	fmt.Fprintln(s.errOut)
	return false
}

// showStatus shows what runs now on one line of a terminal, replacing the
// last one; an empty text clears it. It does nothing off a terminal.
func (s *session) showStatus(text string) {
	if !s.status {
		return
	}
	fmt.Fprint(s.errOut, "\r\x1b[K"+text)
}

// rel returns path relative to the learner's working directory, with
// forward slashes, as the learner would type it.
func (s *session) rel(path string) string {
	rel, err := filepath.Rel(s.cwd, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// cdInto returns "cd DIR && " for a command to run in dir, or "" when the
// learner is there already.
func (s *session) cdInto(dir string) string {
	if rel := s.rel(dir); rel != "." {
		return "cd " + rel + " && "
	}
	return ""
}

// self returns how the learner runs the workshop command from where they
// are, e.g. "go run ./workshop" at the root, "go run ../workshop" in a stage.
func (s *session) self() string {
	rel := s.rel(filepath.Join(s.root, "workshop"))
	if !strings.HasPrefix(rel, ".") && !strings.HasPrefix(rel, "/") {
		rel = "./" + rel
	}
	return "go run " + rel
}

// selfFrom returns how the learner runs the workshop command from dir.
func (s *session) selfFrom(dir string) string {
	rel, err := filepath.Rel(dir, filepath.Join(s.root, "workshop"))
	if err != nil {
		return s.self()
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, ".") {
		rel = "./" + rel
	}
	return "go run " + rel
}

// stageOfCwd returns the stage whose exercise or solution holds the
// learner's working directory, if any.
func (s *session) stageOfCwd() (repo.Stage, bool) {
	for _, st := range s.stages {
		for _, dir := range []string{st.Exercise.Dir, st.Solution.Dir} {
			if rel, err := filepath.Rel(dir, s.cwd); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				return st, true
			}
		}
	}
	return repo.Stage{}, false
}

// pickStage returns the stage an argument names, or prints the stages and
// returns false.
func (s *session) pickStage(cmd, arg string) (repo.Stage, bool) {
	chosen, err := repo.SelectStages(s.stages, []string{arg})
	if err != nil {
		fmt.Fprintf(s.errOut, "workshop %s: %v\n", cmd, err)
		return repo.Stage{}, false
	}
	return chosen[0], true
}
