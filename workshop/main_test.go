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

func TestStart(t *testing.T) {
	t.Parallel()
	r := goodRepo()
	r["solutions/stage03-only/go.mod"] = "module m/solutions/stage03-only\n"
	all, err := findStages(r.write(t))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := start(all, &stdout, &stderr); code != exitOK {
		t.Fatalf("start: exit %d, stderr %q", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"stage01-demo         Stage 1: add numbers\n",
		"stage02-demo         Stage 2: double numbers\n",
		"Start with stage01-demo: read stage01-demo/README.md, then run:\n  cd stage01-demo && go test -failfast ./...\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("start output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "stage03-only") {
		t.Errorf("start lists a stage without an exercise:\n%s", out)
	}
}

func TestStartFromWorkingDirectory(t *testing.T) {
	// Not parallel: it changes the working directory.
	root := goodRepo().write(t)
	t.Chdir(root + "/stage02-demo/double")
	var stdout, stderr bytes.Buffer
	if code := run(nil, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "Start with stage01-demo") {
		t.Errorf("run() from inside a stage: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	t.Chdir(t.TempDir())
	stdout.Reset()
	if code := run(nil, &stdout, &stderr); code != exitFail || !strings.Contains(stderr.String(), "run this inside the workshop repository") {
		t.Errorf("run() outside the repository: exit %d, stderr %q", code, stderr.String())
	}
}
