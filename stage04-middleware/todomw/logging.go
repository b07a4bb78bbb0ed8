package todomw

import (
	"context"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Logging returns service middleware that logs one line per call: the
// method, its key arguments and results (ids, a title, a count, never a
// whole todo), the error ("err", null when there is none) and the time taken
// ("took").
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
	// TODO(stage04, step 1): pass the call on to the next service, and once
	// it has returned, log one line: method=Create, the arguments (title,
	// order), the id of the new todo, err (null when there is none) and
	// took, how long the call took. The line needs what the call returned,
	// so it is written after the return, like the finished methods below.
	return s.next.Create(ctx, title, order)
}

func (s logging) Get(ctx context.Context, id int64) (t todo.Todo, err error) {
	defer func(begin time.Time) {
		s.logger.Log("method", "Get", "id", id, "err", err, "took", time.Since(begin))
	}(time.Now())
	return s.next.Get(ctx, id)
}

func (s logging) List(ctx context.Context) (todos []todo.Todo, err error) {
	defer func(begin time.Time) {
		s.logger.Log("method", "List", "n", len(todos), "err", err, "took", time.Since(begin))
	}(time.Now())
	return s.next.List(ctx)
}

func (s logging) Update(ctx context.Context, id int64, p todo.Patch) (t todo.Todo, err error) {
	// TODO(stage04, step 1): log one line per call, after it: method=Update,
	// the id, then title, completed and order, each true when the patch
	// sets that field and false when it does not (never the new values: a
	// log says what happened, it is not a copy of the data), err and took.
	return s.next.Update(ctx, id, p)
}

func (s logging) Delete(ctx context.Context, id int64) (err error) {
	defer func(begin time.Time) {
		s.logger.Log("method", "Delete", "id", id, "err", err, "took", time.Since(begin))
	}(time.Now())
	return s.next.Delete(ctx, id)
}

func (s logging) DeleteAll(ctx context.Context) (err error) {
	defer func(begin time.Time) {
		s.logger.Log("method", "DeleteAll", "err", err, "took", time.Since(begin))
	}(time.Now())
	return s.next.DeleteAll(ctx)
}
