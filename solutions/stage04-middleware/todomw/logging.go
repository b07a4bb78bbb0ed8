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
	defer func(begin time.Time) {
		shown, cut := boundTitle(title)
		keyvals := []any{"method", "Create", "title", shown}
		if cut {
			keyvals = append(keyvals, "title_bytes", len(title))
		}
		s.logger.Log(append(keyvals, "order", order, "id", t.ID, "err", err, "took", time.Since(begin))...)
	}(time.Now())
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
	defer func(begin time.Time) {
		s.logger.Log("method", "Update", "id", id, "title", p.Title != nil, "completed", p.Completed != nil,
			"order", p.Order != nil, "err", err, "took", time.Since(begin))
	}(time.Now())
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

// boundTitle returns title as a log line shows it: whole when it has at most
// todo.MaxTitleLength runes, else cut after that many (on a rune boundary,
// so that the line stays valid UTF-8) and ended with "…", and cut is true.
func boundTitle(title string) (shown string, cut bool) {
	runes := 0
	for i := range title {
		if runes == todo.MaxTitleLength {
			return title[:i] + "…", true
		}
		runes++
	}
	return title, false
}
