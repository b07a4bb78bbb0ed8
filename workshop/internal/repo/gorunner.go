package repo

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Go runs the go command in a repository: every run gets the same
// environment and the repository's go.work.
type Go struct {
	Env    []string // environment of every command; later entries win
	GoWork string   // GOWORK of every command, unless extraEnv overrides it
}

// NewGo returns the go runner of the repository at root, whose commands run
// in env.
func NewGo(root string, env []string) Go {
	return Go{Env: env, GoWork: filepath.Join(root, "go.work")}
}

// Run runs `go args...` in dir and returns its combined output. extraEnv
// entries (KEY=value) are added to the environment and win over it.
func (g Go) Run(dir string, extraEnv []string, args ...string) (string, error) {
	return g.RunContext(context.Background(), dir, extraEnv, args...)
}

// RunContext is Run with a context: when ctx is done (a timeout, Ctrl-C),
// the go command is interrupted, so that go test stops its test binaries,
// then killed if it has not ended a few seconds later.
func (g Go) RunContext(ctx context.Context, dir string, extraEnv []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = slices.Concat(g.Env, []string{"PWD=" + dir, "GOWORK=" + g.GoWork}, extraEnv)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 3 * time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Getenv returns the value of key in env (the last one wins), or "".
func Getenv(env []string, key string) string {
	for _, kv := range slices.Backward(env) {
		if value, ok := strings.CutPrefix(kv, key+"="); ok {
			return value
		}
	}
	return ""
}

// MaxExcerptLines caps the output Excerpt keeps.
const MaxExcerptLines = 40

// Excerpt returns the part of go command output that explains a failure:
// everything but the lines of packages and tests that passed, at most
// MaxExcerptLines lines.
func Excerpt(output string) string {
	var kept []string
	for line := range strings.Lines(output) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case strings.HasPrefix(line, "ok  \t"),
			strings.HasPrefix(line, "?   \t"),
			strings.HasPrefix(line, "=== "),
			strings.HasPrefix(line, "--- PASS"),
			strings.HasPrefix(line, "--- SKIP"),
			line == "PASS",
			line == "FAIL",
			strings.TrimSpace(line) == "":
			continue
		}
		kept = append(kept, line)
	}
	if len(kept) > MaxExcerptLines {
		more := len(kept) - MaxExcerptLines
		kept = append(kept[:MaxExcerptLines], fmt.Sprintf("... (%d more lines)", more))
	}
	return strings.Join(kept, "\n")
}
