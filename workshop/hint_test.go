package main

import (
	"context"
	"testing"
)

func TestHint(t *testing.T) {
	t.Parallel()
	root := learnerRepo().write(t)
	solve(t, root, 1)
	cases := []struct {
		args []string
		code int
		out  string // part of stdout
		err  string // part of stderr
	}{
		{[]string{"stage01", "1"}, exitOK, "stage01-demo, Step 1 — add\nfrom stage01-demo/README.md:9\n\nThe `+` operator adds & returns:\n\n```go\nreturn a + b // <not a tag>\n```\n", ""},
		{[]string{"2", "stage01-demo"}, exitOK, "stage01-demo, Step 2 — subtract\nfrom stage01-demo/README.md:22\n\nUse `-`.\n", ""},
		{nil, exitOK, "stage01-demo, Step 2 — subtract", ""},              // the next step of the current stage
		{[]string{"1"}, exitOK, "stage01-demo, Step 1 — add", ""},         // step 1 of the current stage
		{[]string{"stage02"}, exitOK, "This step has no folded hint", ""}, // the next step of stage 2
		{[]string{"stage01", "7"}, exitFail, "", `stage01-demo/README.md has no section "## Step 7" (its steps: 1, 2)`},
		{[]string{"stage01", "stage02"}, exitUsage, "", "usage: go run ./workshop hint"},
		{[]string{"stage09"}, exitUsage, "", `no stage "stage09"`},
	}
	for _, c := range cases {
		s, stdout, stderr := testSession(t, root)
		if code := s.hint(context.Background(), c.args); code != c.code {
			t.Errorf("hint %q: exit %d, want %d; stderr %q", c.args, code, c.code, stderr.String())
		}
		wantContains(t, stdout.String(), c.out)
		wantContains(t, stderr.String(), c.err)
	}

	solve(t, root, 2)
	s, stdout, _ := testSession(t, root)
	if code := s.hint(context.Background(), []string{"stage01"}); code != exitOK {
		t.Errorf("hint of a finished stage: exit %d", code)
	}
	wantContains(t, stdout.String(), "Every step of stage01-demo passes. Name a step to read its hint again: go run ./workshop hint stage01 <step>")
}
