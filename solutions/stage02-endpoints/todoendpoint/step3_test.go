package todoendpoint_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 3: the door for middleware (README, "Step 3").

func TestStep3WrapAppliesMiddlewareInOrder(t *testing.T) {
	var trace []string
	record := func(name string) todoendpoint.Middleware {
		return func(method string, next endpoint.Endpoint) endpoint.Endpoint {
			return func(ctx context.Context, request any) (any, error) {
				trace = append(trace, name+" "+method)
				return next(ctx, request)
			}
		}
	}
	e := todoendpoint.New(todotest.NewService(t), record("outer"), record("inner"))

	// Call each endpoint once, in the order of Methods(); the answers do not
	// matter here, only who saw the calls.
	calls := []struct {
		ep      endpoint.Endpoint
		request any
	}{
		{e.CreateEndpoint, todoendpoint.CreateRequest{Title: "one"}},
		{e.GetEndpoint, todoendpoint.GetRequest{ID: 1}},
		{e.ListEndpoint, todoendpoint.ListRequest{}},
		{e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: 1, Patch: todo.Patch{Completed: new(true)}}},
		{e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: 1}},
		{e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{}},
	}
	for _, c := range calls {
		call(t, 3, "a wrapped endpoint", c.ep, c.request)
	}

	var want []string
	for _, m := range todoendpoint.Methods() {
		want = append(want, "outer "+m.Name, "inner "+m.Name)
	}
	if len(want) != 12 {
		t.Fatalf("step 3: todoendpoint.Methods() lists %d methods; want the six of todo.Service (methods.go is provided: restore it) %s", len(want)/2, stuck(3))
	}
	if !slices.Equal(trace, want) {
		t.Fatalf("step 3: New(svc, outer, inner): the middlewares saw %s\nwant %s.\n"+
			"Wrap must wrap every endpoint, tell each middleware the method's name, and make mw[0] the outermost, "+
			"as kit's endpoint.Chain does %s", seen(trace), seen(want), stuck(3))
	}

	before := len(trace)
	call(t, 3, "the Get endpoint after e.Wrap()", e.Wrap().GetEndpoint, todoendpoint.GetRequest{ID: 1})
	if got := trace[before:]; !slices.Equal(got, []string{"outer Get", "inner Get"}) {
		t.Fatalf("step 3: e.Wrap() with no middleware: the Get endpoint went through %s; want %s: "+
			"with no middleware, the endpoints of e stay as they are %s", seen(got), seen([]string{"outer Get", "inner Get"}), stuck(3))
	}
}

// TestStep3MiddlewareSeesOnlyEndpointErrors is what the two roads are for,
// seen from a middleware that counts failures, as a circuit breaker or a
// retry does: it counts the errors endpoints return, and nothing else.
func TestStep3MiddlewareSeesOnlyEndpointErrors(t *testing.T) {
	var calls, failures atomic.Int64
	countFailures := func(method string, next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			calls.Add(1)
			response, err := next(ctx, request)
			if err != nil {
				failures.Add(1)
			}
			return response, err
		}
	}
	needStep1(t, 3)

	live := todoendpoint.New(todotest.NewService(t), countFailures)
	response, err := call(t, 3, "the Delete endpoint of New(svc, mw) given an unknown id", live.DeleteEndpoint, todoendpoint.DeleteRequest{ID: 4242})
	if calls.Load() != 1 {
		t.Fatalf("step 3: after one call of the Delete endpoint of New(svc, mw), the middleware saw %d calls; want 1: "+
			"New passes its middlewares to Wrap %s", calls.Load(), stuck(3))
	}
	if err != nil {
		t.Fatalf("step 3: the Delete endpoint of an unknown id returned the error %s, and the middleware counted %d failure(s); "+
			"want a response that failed with todo.ErrNotFound, and no failure counted.\n"+
			"The endpoint itself returned the not-found: that is the road split chose (step 1), and it is what a circuit breaker "+
			"or a retry would count %s", show(err), failures.Load(), stuck(3))
	}
	failed, _ := response.(endpoint.Failer)
	if failed == nil || !errors.Is(failed.Failed(), todo.ErrNotFound) || failures.Load() != 0 {
		t.Fatalf("step 3: the Delete endpoint of an unknown id answered a %T, and the middleware counted %d failure(s); "+
			"want a response that failed with todo.ErrNotFound, and no failure counted: "+
			"a middleware must pass on what the endpoint it wraps answers, unchanged %s", response, failures.Load(), stuck(3))
	}

	closed := todoendpoint.New(closedService(t), countFailures)
	if _, err := call(t, 3, "the List endpoint on a closed store", closed.ListEndpoint, todoendpoint.ListRequest{}); err == nil || failures.Load() != 1 {
		t.Fatalf("step 3: on a closed store, the List endpoint of New(svc, mw) returned the error %s, and the middleware counted %d failure(s); "+
			"want an internal error, counted once: a circuit breaker must see it %s", show(err), failures.Load(), stuck(3))
	}
}

// seen writes the calls a middleware saw, in order, for a failure message.
func seen(trace []string) string {
	if len(trace) == 0 {
		return "no call"
	}
	return strings.Join(trace, ", ")
}
