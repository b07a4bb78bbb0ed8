package cli_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/cli"
)

func TestCommands(t *testing.T) {
	svc := todotest.NewService(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"list"}, "nothing to do\n"},
		{[]string{"add", "buy", "milk"}, "  1 [ ] buy milk\n"},
		{[]string{"add", "walk the dog"}, "  2 [ ] walk the dog\n"},
		{[]string{"done", "1"}, "  1 [x] buy milk\n"},
		{[]string{"rename", "2", "walk", "the", "cat"}, "  2 [ ] walk the cat\n"},
		{[]string{"undo", "1"}, "  1 [ ] buy milk\n"},
		{[]string{"rm", "2"}, ""},
		{[]string{"list"}, "  1 [ ] buy milk\n"},
		{[]string{"clear"}, ""},
		{[]string{"list"}, "nothing to do\n"},
	} {
		var out bytes.Buffer
		if err := cli.Run(context.Background(), svc, tc.args, &out); err != nil {
			t.Fatalf("todocli %s: %v", strings.Join(tc.args, " "), err)
		}
		if out.String() != tc.want {
			t.Fatalf("todocli %s printed %q; want %q", strings.Join(tc.args, " "), out.String(), tc.want)
		}
	}
}

func TestBadArguments(t *testing.T) {
	svc := todotest.NewService(t)
	for _, args := range [][]string{nil, {"frobnicate"}, {"add"}, {"done"}, {"done", "x"}, {"rename", "1"}, {"rm", "1", "2"}} {
		err := cli.Run(context.Background(), svc, args, &bytes.Buffer{})
		if !errors.Is(err, cli.ErrUsage) {
			t.Fatalf("todocli %q = %v; want a usage error", args, err)
		}
	}
	if err := cli.Run(context.Background(), svc, []string{"done", "99"}, &bytes.Buffer{}); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("todocli done 99 = %v; want not found", err)
	}
}
