package todomw

import (
	"context"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Logging returns service middleware that logs one line per call: the
// method, its key arguments and results (ids, a title, a count, never a
// whole todo), the error ("err", null when there is none) and the time taken
// ("took").
//
// A line's size is bounded, whatever the request: the title, which the
// caller chose and the service has not yet checked, is cut after
// todo.MaxTitleLength characters (every title the service accepts is logged
// whole), and a cut title is marked with "…" and the key title_bytes, the
// whole title's length.
//
// The service itself logs nothing: what to log is decided here, once.
func Logging(logger log.Logger) ServiceMiddleware {
	return func(next todo.Service) todo.Service {
		return logging{logger: logger, next: next}
	}
}

type logging struct {
	logger log.Logger
	next   todo.Service
}

var _ todo.Service = logging{}

func (s logging) Create(ctx context.Context, title string, order int64) (t todo.Todo, err error) {
	// TODO(stage04, step 1): pass the call on to the next service unchanged
	// and, once it has returned, log exactly one line with s.logger (the
	// README's step 1 lists the keys of each method). The line needs both
	// sides of the call: the arguments, what the call returned, and when it
	// began. The title is the caller's and not yet checked: the line carries
	// at most todo.MaxTitleLength of its characters; a longer one is cut
	// (never inside a character), ends with "…", and the line says the
	// whole title's length in bytes under one more key, title_bytes, right
	// after title.
	return s.next.Create(ctx, title, order)
}

func (s logging) Get(ctx context.Context, id int64) (t todo.Todo, err error) {
	// TODO(stage04, step 1): as Create: pass on, then one line.
	return s.next.Get(ctx, id)
}

func (s logging) List(ctx context.Context) (todos []todo.Todo, err error) {
	// TODO(stage04, step 1): as Create: pass on, then one line, which says
	// how many todos came back, not what they are.
	return s.next.List(ctx)
}

func (s logging) Update(ctx context.Context, id int64, p todo.Patch) (t todo.Todo, err error) {
	// TODO(stage04, step 1): as Create: pass on, then one line, which says
	// which fields the patch changes, never their new values.
	return s.next.Update(ctx, id, p)
}

func (s logging) Delete(ctx context.Context, id int64) (err error) {
	// TODO(stage04, step 1): as Create: pass on, then one line.
	return s.next.Delete(ctx, id)
}

func (s logging) DeleteAll(ctx context.Context) (err error) {
	// TODO(stage04, step 1): as Create: pass on, then one line.
	return s.next.DeleteAll(ctx)
}
