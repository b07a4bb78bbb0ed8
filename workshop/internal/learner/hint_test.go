package learner

import (
	"context"
	"testing"

	"github.com/gokit-workshop/workshop/workshop/internal/exit"
	"github.com/gokit-workshop/workshop/workshop/internal/fixture"
)

func TestHint(t *testing.T) {
	t.Parallel()
	root := fixture.Learner().Write(t)
	fixture.Solve(t, root, 1)
	cases := []struct {
		args []string
		code int
		out  string // part of stdout
		err  string // part of stderr
	}{
		{[]string{"stage01", "1"}, exit.OK, "stage01-demo, Step 1 — add\nfrom stage01-demo/README.md:9\n\nThe `+` operator adds & returns:\n\n```go\nreturn a + b // <not a tag>\n```\n", ""},
		{[]string{"2", "stage01-demo"}, exit.OK, "stage01-demo, Step 2 — subtract\nfrom stage01-demo/README.md:22\n\nUse `-`.\n", ""},
		{nil, exit.OK, "stage01-demo, Step 2 — subtract", ""},              // the next step of the current stage
		{[]string{"1"}, exit.OK, "stage01-demo, Step 1 — add", ""},         // step 1 of the current stage
		{[]string{"stage02"}, exit.OK, "This step has no folded hint", ""}, // the next step of stage 2
		{[]string{"stage01", "7"}, exit.Fail, "", `stage01-demo/README.md has no section "## Step 7" (its steps: 1, 2)`},
		{[]string{"stage01", "stage02"}, exit.Usage, "", "two stages named (stage01-demo, stage02)"},
		{[]string{"stage09"}, exit.Usage, "", `no stage "stage09"`},
	}
	for _, c := range cases {
		s, stdout, stderr := testSession(t, root)
		if code := s.hint(context.Background(), c.args); code != c.code {
			t.Errorf("hint %q: exit %d, want %d; stderr %q", c.args, code, c.code, stderr.String())
		}
		fixture.WantContains(t, stdout.String(), c.out)
		fixture.WantContains(t, stderr.String(), c.err)
	}

	fixture.Solve(t, root, 2)
	s, stdout, _ := testSession(t, root)
	if code := s.hint(context.Background(), []string{"stage01"}); code != exit.OK {
		t.Errorf("hint of a finished stage: exit %d", code)
	}
	fixture.WantContains(t, stdout.String(), "Every step of stage01-demo passes. Name a step to read its hint again: go run ./workshop hint stage01 <step>")
}
