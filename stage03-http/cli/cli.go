package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Usage lists the subcommands.
const Usage = `commands:
  list                 show every todo
  add <title>          add a todo
  done <id>            mark a todo completed
  undo <id>            mark a todo not completed
  rename <id> <title>  change a todo's title
  rm <id>              remove a todo
  clear                remove every todo`

// ErrUsage is returned, wrapped, when the arguments are wrong.
var ErrUsage = errors.New("usage")

// Run runs the subcommand in args against svc and prints its result to
// stdout.
func Run(ctx context.Context, svc todo.Service, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "list":
		return list(ctx, svc, stdout)
	case "add":
		if len(args) == 0 {
			return usageError("add needs a title")
		}
		t, err := svc.Create(ctx, strings.Join(args, " "), 0)
		return show(stdout, t, err)
	case "done", "undo":
		id, err := oneID(cmd, args)
		if err != nil {
			return err
		}
		t, err := svc.Update(ctx, id, todo.Patch{Completed: new(cmd == "done")})
		return show(stdout, t, err)
	case "rename":
		if len(args) < 2 {
			return usageError("rename needs an id and a title")
		}
		id, err := oneID(cmd, args[:1])
		if err != nil {
			return err
		}
		t, err := svc.Update(ctx, id, todo.Patch{Title: new(strings.Join(args[1:], " "))})
		return show(stdout, t, err)
	case "rm":
		id, err := oneID(cmd, args)
		if err != nil {
			return err
		}
		return svc.Delete(ctx, id)
	case "clear":
		return svc.DeleteAll(ctx)
	}
	return usageError(fmt.Sprintf("unknown command %q", cmd))
}

// list prints every todo, one a line.
func list(ctx context.Context, svc todo.Service, stdout io.Writer) error {
	todos, err := svc.List(ctx)
	if err != nil {
		return err
	}
	if len(todos) == 0 {
		fmt.Fprintln(stdout, "nothing to do")
	}
	for _, t := range todos {
		show(stdout, t, nil)
	}
	return nil
}

// show prints one todo as "  3 [x] title", or returns err.
func show(stdout io.Writer, t todo.Todo, err error) error {
	if err != nil {
		return err
	}
	box := "[ ]"
	if t.Completed {
		box = "[x]"
	}
	fmt.Fprintf(stdout, "%3d %s %s\n", t.ID, box, t.Title)
	return nil
}

// oneID reads the single id argument of cmd.
func oneID(cmd string, args []string) (int64, error) {
	if len(args) != 1 {
		return 0, usageError(cmd + " needs one id")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return 0, usageError(fmt.Sprintf("%s: %q is not a todo id (a number)", cmd, args[0]))
	}
	return id, nil
}

// usageError wraps ErrUsage with what is wrong.
func usageError(what string) error {
	return fmt.Errorf("%w: %s", ErrUsage, what)
}
