package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
)

// goRunner runs the go command for the checks.
type goRunner struct {
	env    []string // environment of every command; later entries win
	gowork string   // GOWORK of every command unless the caller overrides it
}

// run runs `go args...` in dir and returns its combined output. extraEnv
// entries (KEY=value) are added to the environment and win over it.
func (g goRunner) run(dir string, extraEnv []string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = slices.Concat(g.env, []string{"PWD=" + dir, "GOWORK=" + g.gowork}, extraEnv)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// failLine matches the line go test prints for a failed top-level test.
var failLine = regexp.MustCompile(`(?m)^--- FAIL: (\S+)`)

// failedTests returns the top-level tests that go test output reports as failed.
func failedTests(output string) []string {
	var names []string
	for _, m := range failLine.FindAllStringSubmatch(output, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	return names
}

// maxExcerptLines caps the output shown under a failed check.
const maxExcerptLines = 40

// excerpt returns the part of go command output that explains a failure:
// everything but the lines of packages and tests that passed, at most
// maxExcerptLines lines.
func excerpt(output string) string {
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
	if len(kept) > maxExcerptLines {
		more := len(kept) - maxExcerptLines
		kept = append(kept[:maxExcerptLines], fmt.Sprintf("... (%d more lines)", more))
	}
	return strings.Join(kept, "\n")
}

// runContext is run with a context: when ctx is done, the go command is
// interrupted (so that go test stops its test binaries), then killed if it
// has not ended a few seconds later.
func (g goRunner) runContext(ctx context.Context, dir string, extraEnv []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = slices.Concat(g.env, []string{"PWD=" + dir, "GOWORK=" + g.gowork}, extraEnv)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 3 * time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}
