package todoendpoint_test

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/stage02-endpoints/todoendpoint"
)

// Step 4: the door for middleware (README, "Step 4").

func TestStep4WrapAppliesMiddlewareInOrder(t *testing.T) {
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
		call(t, 4, "a wrapped endpoint", c.ep, c.request)
	}

	var want []string
	for _, m := range todoendpoint.Methods() {
		want = append(want, "outer "+m.Name, "inner "+m.Name)
	}
	if len(want) != 12 {
		t.Fatalf("step 4: todoendpoint.Methods() lists %d methods; want the six of todo.Service", len(want)/2)
	}
	if !slices.Equal(trace, want) {
		t.Fatalf("step 4: New(svc, outer, inner): the middlewares saw %q\nwant %q.\n"+
			"Wrap must wrap every endpoint, give each middleware its method name, and make mw[0] the outermost: "+
			"apply them from the last to the first", trace, want)
	}

	before := len(trace)
	call(t, 4, "the Get endpoint after e.Wrap()", e.Wrap().GetEndpoint, todoendpoint.GetRequest{ID: 1})
	if got := trace[before:]; !slices.Equal(got, []string{"outer Get", "inner Get"}) {
		t.Fatalf("step 4: e.Wrap() with no middleware: the Get endpoint went through %q; want %q (the endpoints of e as they are)",
			got, []string{"outer Get", "inner Get"})
	}
}

// TestStep4MiddlewareSeesOnlyEndpointErrors is why domain errors travel in
// the response: a circuit breaker or a retry, written as endpoint middleware,
// counts the errors endpoints return. A not-found must not count; a closed
// database must.
func TestStep4MiddlewareSeesOnlyEndpointErrors(t *testing.T) {
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
	ctx := context.Background()

	live := todoendpoint.New(todotest.NewService(t), countFailures)
	err := live.Delete(ctx, 4242)
	if calls.Load() != 1 {
		t.Fatalf("step 4: after one Endpoints.Delete through New(svc, mw), the middleware saw %d calls; want 1.\n"+
			"New passes its middlewares to Wrap: write Wrap", calls.Load())
	}
	if !errors.Is(err, todo.ErrNotFound) || failures.Load() != 0 {
		t.Fatalf("step 4: Endpoints.Delete(ctx, 4242) returned the error %s, and the middleware counted %d failures; "+
			"want todo.ErrNotFound and no failure counted.\n"+
			"A not-found is an answer, not a failure: split (step 1) keeps it in the response", show(err), failures.Load())
	}

	closed := todoendpoint.New(closedService(t), countFailures)
	if _, err := closed.List(ctx); err == nil || failures.Load() != 1 {
		t.Fatalf("step 4: on a closed store, Endpoints.List returned the error %s, and the middleware counted %d failures; "+
			"want an internal error, counted once: a circuit breaker must see it", show(err), failures.Load())
	}
}
