package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunHelpAndUnknown(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help"}, &stdout, &stderr); code != exitOK {
		t.Errorf("help: exit %d, want %d", code, exitOK)
	}
	for _, c := range commands {
		if !strings.Contains(stdout.String(), c.name) {
			t.Errorf("usage does not list %s:\n%s", c.name, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"verify", "-x"}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "unknown flag -x") {
		t.Errorf("verify -x: exit %d, stderr %q", code, stderr.String())
	}
}

func TestRunAliasAndUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"start", "x"}, {"status", "x"}, {"watch", "a", "b"}, {"hint", "1", "2", "3"}, {"diff", "a", "b"}, {"reset"}, {"reset", "-x", "stage01"}, {"prefetch", "x"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "usage:") {
			t.Errorf("run(%q): exit %d, stderr %q; want %d and the usage", args, code, stderr.String(), exitUsage)
		}
	}
	for _, cmd := range []string{"watch", "hint", "diff", "reset", "prefetch"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{cmd, "-h"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String()+stderr.String(), "usage: go run ./workshop "+cmd) {
			t.Errorf("%s -h: exit %d, output %q", cmd, code, stdout.String()+stderr.String())
		}
	}
}

func TestStatusFromWorkingDirectory(t *testing.T) {
	// Not parallel: it changes the working directory.
	root := learnerRepo().write(t)
	t.Chdir(root + "/stage01-demo/calc")
	var stdout, stderr bytes.Buffer
	if code := run(nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("run() from inside a stage: exit %d, stderr %q", code, stderr.String())
	}
	wantContains(t, stdout.String(),
		"Start with stage01-demo: read ../README.md",
		"  run   cd .. && go test -failfast ./calc\n",
		"(code: go run ../../workshop hint stage01 1)",
	)

	// A learner who skipped stage 1 works in stage 2: that is the current stage.
	t.Chdir(root + "/stage02-demo/double")
	stdout.Reset()
	if code := run([]string{"start"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("run(start): exit %d, stderr %q", code, stderr.String())
	}
	wantContains(t, stdout.String(),
		"[ ] stage01-demo  0/2 steps",
		"[>] stage02-demo  0/1 steps",
		"Next: stage02-demo, Step 1 — double  (0 of 1 steps pass)\n  read  ../README.md:3  (## Step 1 — double)\n",
		"  run   cd .. && go test -failfast ./...\n",
	)
	if strings.Contains(stdout.String(), "Start with") {
		t.Errorf("the board sends a learner in stage 2 to the start")
	}

	t.Chdir(t.TempDir())
	for _, cmd := range []string{"status", "watch", "hint", "diff", "prefetch"} {
		stderr.Reset()
		args := []string{cmd}
		if code := run(args, &stdout, &stderr); code != exitFail || !strings.Contains(stderr.String(), "run this inside the workshop repository") {
			t.Errorf("%s outside the repository: exit %d, stderr %q", cmd, code, stderr.String())
		}
	}
}
