package todomw

import (
	"context"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Instrumenting returns service middleware that counts every call in
// m.Requests (by method and outcome) and observes its duration in seconds in
// m.Duration (by method). The outcome is "ok" or the domain code of the
// error: "invalid", "not_found", or "internal" for anything else.
func Instrumenting(m Metrics) ServiceMiddleware {
	return func(next todo.Service) todo.Service {
		return instrumenting{m: m, next: next}
	}
}

type instrumenting struct {
	m    Metrics
	next todo.Service
}

var _ todo.Service = instrumenting{}

// observe records one call; use it as defer s.observe("Create", time.Now(), &err).
func (s instrumenting) observe(method string, begin time.Time, err *error) {
	outcome := "ok"
	if *err != nil {
		outcome = string(todo.ErrorCode(*err))
	}
	s.m.Requests.With("method", method, "outcome", outcome).Add(1)
	s.m.Duration.With("method", method).Observe(time.Since(begin).Seconds())
}

func (s instrumenting) Create(ctx context.Context, title string, order int64) (t todo.Todo, err error) {
	defer s.observe("Create", time.Now(), &err)
	return s.next.Create(ctx, title, order)
}

func (s instrumenting) Get(ctx context.Context, id int64) (t todo.Todo, err error) {
	defer s.observe("Get", time.Now(), &err)
	return s.next.Get(ctx, id)
}

func (s instrumenting) List(ctx context.Context) (todos []todo.Todo, err error) {
	defer s.observe("List", time.Now(), &err)
	return s.next.List(ctx)
}

func (s instrumenting) Update(ctx context.Context, id int64, p todo.Patch) (t todo.Todo, err error) {
	defer s.observe("Update", time.Now(), &err)
	return s.next.Update(ctx, id, p)
}

func (s instrumenting) Delete(ctx context.Context, id int64) (err error) {
	defer s.observe("Delete", time.Now(), &err)
	return s.next.Delete(ctx, id)
}

func (s instrumenting) DeleteAll(ctx context.Context) (err error) {
	defer s.observe("DeleteAll", time.Now(), &err)
	return s.next.DeleteAll(ctx)
}
