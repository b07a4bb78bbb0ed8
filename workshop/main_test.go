package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestRunHelpAndUnknown(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help"}, &stdout, &stderr); code != exit.OK {
		t.Errorf("help: exit %d, want %d", code, exit.OK)
	}
	for _, c := range commands {
		if !strings.Contains(stdout.String(), c.name) {
			t.Errorf("usage does not list %s:\n%s", c.name, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != exit.Usage || !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"verify", "-x"}, &stdout, &stderr); code != exit.Usage || !strings.Contains(stderr.String(), "unknown flag -x") {
		t.Errorf("verify -x: exit %d, stderr %q", code, stderr.String())
	}
}

func TestRunUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"start"}, {"status", "x"}, {"watch", "a", "b"}, {"hint", "1", "2", "3"}, {"diff", "a", "b"}, {"reset"}, {"reset", "-x", "stage01"}, {"prefetch", "x"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exit.Usage || !strings.Contains(stderr.String(), "usage:") {
			t.Errorf("run(%q): exit %d, stderr %q; want %d and the usage", args, code, stderr.String(), exit.Usage)
		}
	}
	for _, cmd := range []string{"watch", "hint", "diff", "reset", "prefetch"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{cmd, "-h"}, &stdout, &stderr); code != exit.OK || !strings.Contains(stdout.String()+stderr.String(), "usage: go run ./workshop "+cmd) {
			t.Errorf("%s -h: exit %d, output %q", cmd, code, stdout.String()+stderr.String())
		}
	}
}

// TestGrammar checks the one grammar of every command: the command, its
// flags, then its arguments.
func TestGrammar(t *testing.T) {
	// Not parallel: it changes the working directory.
	t.Chdir(t.TempDir()) // outside any repository: a command that parses its line fails there
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"reset", "-y", "stage01"}, exit.Fail, "run this inside the workshop repository"},
		{[]string{"reset", "--yes", "stage01"}, exit.Fail, "run this inside the workshop repository"},
		{[]string{"reset", "stage01", "-y"}, exit.Usage, "workshop reset: -y after the arguments: flags come first"},
		{[]string{"prefetch", "-v"}, exit.Fail, "run this inside the workshop repository"},
		{[]string{"prefetch", "-v", "x"}, exit.Usage, "workshop prefetch: too many arguments: x"},
		{[]string{"reset"}, exit.Usage, "workshop reset: missing <stage>"},
		{[]string{"hint", "-lang", "ko"}, exit.Usage, "workshop hint: unknown flag -lang"},
		{[]string{"hint", "-level", "2", "-all", "stage01", "1"}, exit.Fail, "run this inside the workshop repository"},
		{[]string{"hint", "-level", "4", "stage01", "1"}, exit.Usage, "workshop hint: -level 4: the levels are 1 (the idea), 2 (a sketch) and 3 (the code)"},
		{[]string{"hint", "stage01", "1", "-level", "2"}, exit.Usage, "workshop hint: -level after the arguments: flags come first"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.err) {
			t.Errorf("run(%q): exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.err)
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"help"}, &stdout, &stderr)
	for _, want := range []string{"  reset [-y] <stage>  ", "  hint [-level N] [-all] [stage] [step|check]\n                           a step's hint", "  prefetch [-v]  ", "  verify [stage ...]  "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	run([]string{"reset", "-h"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "usage: go run ./workshop reset [-y] <stage>\n") || !strings.Contains(stdout.String(), "-yes") {
		t.Errorf("reset -h shows no synopsis or flags:\n%s", stdout.String())
	}
}

func TestStatusFromWorkingDirectory(t *testing.T) {
	// Not parallel: it changes the working directory.
	root := fixture.Learner().Write(t)
	t.Chdir(root + "/stage01-demo/calc")
	var stdout, stderr bytes.Buffer
	if code := run(nil, &stdout, &stderr); code != exit.OK {
		t.Fatalf("run() from inside a stage: exit %d, stderr %q", code, stderr.String())
	}
	fixture.WantContains(t, stdout.String(),
		"Start with stage01-demo: read ../README.md",
		"  run   cd .. && go test ./calc -run 'TestStep1'\n",
		"  stuck? go run ../../workshop hint\n",
	)

	// A learner who skipped stage 1 works in stage 2: that is the current stage.
	t.Chdir(root + "/stage02-demo/double")
	stdout.Reset()
	if code := run([]string{"status"}, &stdout, &stderr); code != exit.OK {
		t.Fatalf("run(status): exit %d, stderr %q", code, stderr.String())
	}
	fixture.WantContains(t, stdout.String(),
		"[ ] stage01-demo  0/2 steps",
		"[>] stage02-demo  0/1 steps",
		"Next: stage02-demo, Step 1 — double  (0 of 1 steps pass)\n  read  ../README.md:3  (## Step 1 — double)\n",
		"  run   cd .. && go test ./double -run 'TestStep1'\n",
	)
	if strings.Contains(stdout.String(), "Start with") {
		t.Errorf("the board sends a learner in stage 2 to the start")
	}

	t.Chdir(t.TempDir())
	for _, cmd := range []string{"status", "watch", "hint", "diff", "prefetch"} {
		stderr.Reset()
		args := []string{cmd}
		if code := run(args, &stdout, &stderr); code != exit.Fail || !strings.Contains(stderr.String(), "run this inside the workshop repository") {
			t.Errorf("%s outside the repository: exit %d, stderr %q", cmd, code, stderr.String())
		}
	}
}

func TestMain(m *testing.M) { fixture.Main(m) }
