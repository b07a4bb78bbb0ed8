package todoendpoint_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
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
				"An endpoint must never panic, whatever it is given: a request of the wrong type is an error, "+
				"and a type assertion has a form that reports failure instead of panicking %s", step, what, r, stuck(step))
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
				"A client method must never panic, whatever its endpoint answers: a response of the wrong type is an error, "+
				"and a type assertion has a form that reports failure instead of panicking %s", step, what, r, stuck(step))
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
		t.Fatalf("step %d: %s answered a response of type %T; want a %T (a value, not a pointer): "+
			"the client side and the transports assert the value type %s", step, what, response, r, stuck(step))
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
		t.Fatalf("svc.Create(ctx, %q, %d) = %v; the stage 01 service (the solution) must work before the endpoints can: "+
			"run go test in ../solutions/stage01-service", title, order, err)
	}
	return created
}

// stuck is the end of every failure message of step: where to ask for a
// hint.
func stuck(step int) string {
	return fmt.Sprintf("(stuck? go run ../workshop hint stage02 %d)", step)
}

// needStep1 ends a test of a later step with "finish step 1 first" unless
// the server side of step 1 answers good requests: split, and the Create and
// Get endpoints. (How they treat errors is step 1's to test.)
func needStep1(t *testing.T, step int) {
	t.Helper()
	svc := todotest.NewService(t)
	ctx := context.Background()
	ok := func() bool {
		defer func() { _ = recover() }()
		response, err := todoendpoint.MakeCreateEndpoint(svc)(ctx, todoendpoint.CreateRequest{Title: "step 1?"})
		created, isCreate := response.(todoendpoint.CreateResponse)
		if err != nil || !isCreate || created.Err != nil || created.Todo.ID == 0 {
			return false
		}
		response, err = todoendpoint.MakeGetEndpoint(svc)(ctx, todoendpoint.GetRequest{ID: created.Todo.ID})
		got, isGet := response.(todoendpoint.GetResponse)
		return err == nil && isGet && got.Err == nil && got.Todo.ID == created.Todo.ID
	}()
	if !ok {
		t.Fatalf("step %d needs step 1, and its endpoints do not answer yet: finish step 1 first "+
			"(go test ./todoendpoint -run TestStep1)", step)
	}
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
