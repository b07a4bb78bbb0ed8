package todoendpoint_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
)

// Helpers shared by the step tests.

// call calls ep with request, as a transport would, and ends the test with a
// step message if the endpoint panics: a panic would end the whole test run.
// what names the call in messages.
func call(t *testing.T, step int, what string, ep endpoint.Endpoint, request any) (response any, err error) {
	t.Helper()
	return callWith(context.Background(), t, step, what, ep, request)
}

// callWith is call with the context ctx.
func callWith(ctx context.Context, t *testing.T, step int, what string, ep endpoint.Endpoint, request any) (response any, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("step %d: %s panicked: %v\n"+
				"An endpoint must never panic: return a non-nil endpoint, and check the request type "+
				"with the two-value assertion req, ok := request.(…)", step, what, r)
		}
	}()
	return ep(ctx, request)
}

// noPanic runs f and ends the test with a step message if it panics.
func noPanic(t *testing.T, step int, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("step %d: %s panicked: %v\n"+
				"A client method must never panic: check the response type "+
				"with the two-value assertion resp, ok := response.(…)", step, what, r)
		}
	}()
	f()
}

// as returns response as an R, or ends the test: endpoints answer response
// values, never pointers.
func as[R any](t *testing.T, step int, what string, response any) R {
	t.Helper()
	r, ok := response.(R)
	if !ok {
		t.Fatalf("step %d: %s answered a response of type %T; want a %T (a value, not a pointer)", step, what, response, r)
	}
	return r
}

// closedService returns the service on a store that is already closed: every
// call that reaches the database fails with an internal error, a real one.
func closedService(t *testing.T) todo.Service {
	t.Helper()
	store := todotest.NewStore(t)
	if err := store.Close(); err != nil {
		t.Fatalf("closing the store: %v", err)
	}
	return todo.NewService(store, nil)
}

// mustCreate creates a todo through the service itself (the stage 01
// solution), or ends the test.
func mustCreate(t *testing.T, svc todo.Service, title string, order int64) todo.Todo {
	t.Helper()
	created, err := svc.Create(context.Background(), title, order)
	if err != nil {
		t.Fatalf("svc.Create(ctx, %q, %d) = %v; the stage 01 service must work before the endpoints can", title, order, err)
	}
	return created
}

// show writes an error for a failure message: nil, or its text quoted.
func show(err error) string {
	if err == nil {
		return "nil"
	}
	return strconv.Quote(err.Error())
}

// sentinel names a domain error sentinel for a failure message.
func sentinel(err error) string {
	switch err {
	case todo.ErrNotFound:
		return "todo.ErrNotFound"
	case todo.ErrInvalid:
		return "todo.ErrInvalid"
	}
	return show(err)
}
