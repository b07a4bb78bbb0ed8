package todoendpoint_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/stage02-endpoints/todoendpoint"
)

// Step 1: the error split and the server side (README, "Step 1"): split and
// the endpoints that answer a todo (Create, Get, Update) are the learner's;
// List, Delete and DeleteAll are provided and go through split too.

func TestStep1CreateEndpointCreatesTheTodo(t *testing.T) {
	svc := todotest.NewService(t)
	const what = `MakeCreateEndpoint(svc) given CreateRequest{Title: "  Buy milk ", Order: 3}`

	response, err := call(t, 1, what, todoendpoint.MakeCreateEndpoint(svc),
		todoendpoint.CreateRequest{Title: "  Buy milk ", Order: 3})
	if err != nil {
		t.Fatalf("step 1: %s returned the error %q; want a CreateResponse and a nil error: "+
			"a good request is answered, never returned as an error %s", what, err, stuck(1))
	}
	resp := as[todoendpoint.CreateResponse](t, 1, what, response)
	if resp.Err != nil {
		t.Fatalf("step 1: %s answered Err = %v; want nil for a good title %s", what, resp.Err, stuck(1))
	}
	if resp.Todo.ID <= 0 || resp.Todo.Title != "Buy milk" || resp.Todo.Order != 3 || resp.Todo.CreatedAt.IsZero() {
		t.Fatalf("step 1: %s answered a todo with ID %d, title %q, order %d; want the todo svc.Create returned "+
			"(a positive ID, the title trimmed, order 3, CreatedAt set) %s", what, resp.Todo.ID, resp.Todo.Title, resp.Todo.Order, stuck(1))
	}
	stored, err := svc.Get(context.Background(), resp.Todo.ID)
	if err != nil || !todotest.Same(stored, resp.Todo) {
		t.Fatalf("step 1: after the endpoint, svc.Get(ctx, %d) = %s; want the todo the endpoint answered, %q.\n"+
			"The endpoint must create the todo through svc.Create %s", resp.Todo.ID, show(err), resp.Todo.Title, stuck(1))
	}
}

func TestStep1GetAndUpdateEndpointsAnswerTheTodo(t *testing.T) {
	svc := todotest.NewService(t)
	mustCreate(t, svc, "other", 1)
	kept := mustCreate(t, svc, "kept", 2)

	what := fmt.Sprintf("MakeGetEndpoint(svc) given GetRequest{ID: %d}", kept.ID)
	response, err := call(t, 1, what, todoendpoint.MakeGetEndpoint(svc), todoendpoint.GetRequest{ID: kept.ID})
	if err != nil {
		t.Fatalf("step 1: %s returned the error %q; want a GetResponse and a nil error %s", what, err, stuck(1))
	}
	if got := as[todoendpoint.GetResponse](t, 1, what, response); got.Err != nil || !todotest.Same(got.Todo, kept) {
		t.Fatalf("step 1: %s answered todo %d %q, Err %s; want todo %d %q, as svc.Get returns it, and a nil Err: "+
			"the request's ID goes to the service %s", what, got.Todo.ID, got.Todo.Title, show(got.Err), kept.ID, kept.Title, stuck(1))
	}

	what = fmt.Sprintf(`MakeUpdateEndpoint(svc) given UpdateRequest{ID: %d, Patch: {Title: "renamed"}}`, kept.ID)
	response, err = call(t, 1, what, todoendpoint.MakeUpdateEndpoint(svc),
		todoendpoint.UpdateRequest{ID: kept.ID, Patch: todo.Patch{Title: new("renamed")}})
	if err != nil {
		t.Fatalf("step 1: %s returned the error %q; want an UpdateResponse and a nil error %s", what, err, stuck(1))
	}
	got := as[todoendpoint.UpdateResponse](t, 1, what, response)
	stored, storedErr := svc.Get(context.Background(), kept.ID)
	if got.Err != nil || got.Todo.ID != kept.ID || got.Todo.Title != "renamed" || storedErr != nil || !todotest.Same(stored, got.Todo) {
		t.Fatalf("step 1: %s answered todo %d %q, Err %s, and the service now holds %q; want todo %d renamed \"renamed\", "+
			"answered as svc.Update returns it: the request's ID and patch go to the service %s",
			what, got.Todo.ID, got.Todo.Title, show(got.Err), stored.Title, kept.ID, stuck(1))
	}
}

// The next two tests give every endpoint the errors it can meet: the
// caller's mistakes (a blank title, an unknown id, an empty patch), then
// failures of the system (a closed store, a cancelled request). They go
// through your endpoints first, then the provided ones, which rely on your
// split.

func TestStep1CallersMistakes(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)
	const unknown = 4242

	for _, c := range []struct {
		what    string
		ep      endpoint.Endpoint
		request any
		want    error
		says    string // what the service's message says
	}{
		{"Create with a blank title", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "   "}, todo.ErrInvalid, "empty"},
		{"Get of an unknown id", e.GetEndpoint, todoendpoint.GetRequest{ID: unknown}, todo.ErrNotFound, "not found"},
		{"Update of an unknown id", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: unknown, Patch: todo.Patch{Completed: new(true)}}, todo.ErrNotFound, "not found"},
		{"Update with an empty patch", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: kept.ID}, todo.ErrInvalid, ""},
		{"Delete of an unknown id (provided)", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: unknown}, todo.ErrNotFound, "not found"},
	} {
		response, err := call(t, 1, "the endpoint of "+c.what, c.ep, c.request)
		if err != nil {
			t.Fatalf("step 1: the endpoint of %s returned the error %q; want a nil error and a response whose Failed() matches %s.\n"+
				"Returned, the caller's mistake is counted by endpoint middleware (a circuit breaker, a retry) "+
				"as a failure of the service %s", c.what, err, sentinel(c.want), stuck(1))
		}
		failer, ok := response.(endpoint.Failer)
		if !ok {
			t.Fatalf("step 1: the endpoint of %s answered a %T, which is not an endpoint.Failer; want the method's response value %s",
				c.what, response, stuck(1))
		}
		if !errors.Is(failer.Failed(), c.want) || !strings.Contains(failer.Failed().Error(), c.says) {
			t.Fatalf("step 1: the endpoint of %s answered a %T whose Failed() is %s; want the service's own error, which matches %s: "+
				"the response carries what the service returned %s", c.what, response, show(failer.Failed()), sentinel(c.want), stuck(1))
		}
	}
	if list, err := svc.List(context.Background()); err != nil || len(list) != 1 {
		t.Fatalf("step 1: after requests that fail, svc.List holds %d todos (error %s); want only %q: bad input stores nothing %s",
			len(list), show(err), kept.Title, stuck(1))
	}
}

func TestStep1SystemFailures(t *testing.T) {
	svc := closedService(t)
	e := todoendpoint.New(svc)
	ctx := context.Background()
	_, createErr := svc.Create(ctx, "Buy milk", 1)
	deleteErr := svc.Delete(ctx, 1)
	_, getErr := svc.Get(ctx, 1)
	_, listErr := svc.List(ctx)
	_, updateErr := svc.Update(ctx, 1, todo.Patch{Completed: new(true)})
	deleteAllErr := svc.DeleteAll(ctx)

	for _, c := range []struct {
		method  string
		ep      endpoint.Endpoint
		request any
		svcErr  error
	}{
		{"Create", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "Buy milk", Order: 1}, createErr},
		{"Get", e.GetEndpoint, todoendpoint.GetRequest{ID: 1}, getErr},
		{"Update", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: 1, Patch: todo.Patch{Completed: new(true)}}, updateErr},
		{"List (provided)", e.ListEndpoint, todoendpoint.ListRequest{}, listErr},
		{"Delete (provided)", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: 1}, deleteErr},
		{"DeleteAll (provided)", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{}, deleteAllErr},
	} {
		what := "on a closed store, the " + c.method + " endpoint"
		response, err := call(t, 1, what, c.ep, c.request)
		if err == nil {
			t.Fatalf("step 1: %s returned a nil error and a %T; want the service's internal error, %q, returned by the endpoint.\n"+
				"A failure of the system must reach a circuit breaker, and only a returned error does %s", what, response, c.svcErr, stuck(1))
		}
		if response != nil {
			t.Fatalf("step 1: %s returned the error and a %T; want no response with an endpoint error: one road per answer %s",
				what, response, stuck(1))
		}
		if err.Error() != c.svcErr.Error() || todo.ErrorCode(err) != todo.CodeInternal {
			t.Fatalf("step 1: %s returned the error %q; want the service's own error, %q, unchanged %s", what, err, c.svcErr, stuck(1))
		}
	}

	// A cancelled request: the context error comes back as the returned
	// error, so that callers can test it with errors.Is.
	live := todoendpoint.New(todotest.NewService(t))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, c := range []struct {
		method  string
		ep      endpoint.Endpoint
		request any
	}{
		{"Create", live.CreateEndpoint, todoendpoint.CreateRequest{Title: "Buy milk", Order: 1}},
		{"Get", live.GetEndpoint, todoendpoint.GetRequest{ID: 1}},
		{"Delete (provided)", live.DeleteEndpoint, todoendpoint.DeleteRequest{ID: 1}},
	} {
		what := "with a cancelled context, the " + c.method + " endpoint"
		response, err := callWith(cancelled, t, 1, what, c.ep, c.request)
		if !errors.Is(err, context.Canceled) || response != nil {
			t.Fatalf("step 1: %s returned a %T and the error %s; want no response and an error that matches context.Canceled.\n"+
				"The endpoint's own ctx must reach the service, and the service's error reach the caller as it is %s",
				what, response, show(err), stuck(1))
		}
	}
}

// unknownCode is a service whose Get fails with a domain-looking error of a
// code that todo does not declare: a code no caller has been told about.
type unknownCode struct{ todo.Service }

func (unknownCode) Get(context.Context, int64) (todo.Todo, error) {
	return todo.Todo{}, &todo.Error{Code: "conflict", Message: "todo 1 is locked by another editor"}
}

func TestStep1AnUnknownCodeIsAFailure(t *testing.T) {
	e := todoendpoint.New(unknownCode{})
	what := "for an error of a code todo does not declare (\"conflict\"), the Get endpoint"
	response, err := call(t, 1, what, e.GetEndpoint, todoendpoint.GetRequest{ID: 1})
	if err == nil {
		t.Fatalf("step 1: %s returned a nil error and a %T; want the error returned.\n"+
			"Inside the response, an error no caller knows how to act on would pass the breakers, retries and alarms "+
			"as an answer: a new kind of failure would stay invisible until someone reads the responses %s", what, response, stuck(1))
	}
	if todo.ErrorCode(err) != "conflict" || response != nil {
		t.Fatalf("step 1: %s returned a %T and the error %s; want no response and the service's own error, code \"conflict\", unchanged %s",
			what, response, show(err), stuck(1))
	}
}

func TestStep1EveryEndpointChecksTheRequestType(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "keep me", 1)
	doomed := mustCreate(t, svc, "doomed", 2)
	e := todoendpoint.New(svc)

	for _, c := range []struct {
		method  string
		ep      endpoint.Endpoint
		good    any // the request the endpoint takes
		pointer any // a pointer to it: a request of the wrong type too
		want    string
	}{
		{"Create", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "good"}, &todoendpoint.CreateRequest{Title: "good"}, "CreateRequest"},
		{"Delete", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: doomed.ID}, &todoendpoint.DeleteRequest{ID: kept.ID}, "DeleteRequest"},
		{"Get", e.GetEndpoint, todoendpoint.GetRequest{ID: kept.ID}, &todoendpoint.GetRequest{ID: kept.ID}, "GetRequest"},
		{"List", e.ListEndpoint, todoendpoint.ListRequest{}, &todoendpoint.ListRequest{}, "ListRequest"},
		{"Update", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: kept.ID, Patch: todo.Patch{Completed: new(true)}},
			&todoendpoint.UpdateRequest{ID: kept.ID, Patch: todo.Patch{Completed: new(true)}}, "UpdateRequest"},
		{"DeleteAll", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{}, &todoendpoint.DeleteAllRequest{}, "DeleteAllRequest"},
	} {
		what := fmt.Sprintf("the %s endpoint given a %s", c.method, c.want)
		if _, err := call(t, 1, what, c.ep, c.good); err != nil {
			t.Fatalf("step 1: %s returned the error %q; want it to work first (TestStep1CallersMistakes) %s", what, err, stuck(1))
		}
		for _, request := range []any{nil, c.pointer, struct{ ID int64 }{ID: kept.ID}, "Buy milk"} {
			what := fmt.Sprintf("the %s endpoint given %T", c.method, request)
			response, err := call(t, 1, what, c.ep, request)
			if err == nil {
				t.Fatalf("step 1: %s answered a %T and a nil error; want an error that says a %s was expected.\n"+
					"A request of the wrong type is a bug in whoever wired the transport, not the user's mistake %s",
					what, response, c.want, stuck(1))
			}
			if response != nil || todo.ErrorCode(err) != todo.CodeInternal || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("step 1: %s = a %T and the error %s; want no response and an endpoint error that names %s: "+
					"a wiring bug is returned, never put in a response, where it would read as the user's mistake %s",
					what, response, show(err), c.want, stuck(1))
			}
		}
	}
}

// TestStep1EveryEndpointRoundTrips drives the service through its six
// endpoints only, and checks each answer against the service itself.
func TestStep1EveryEndpointRoundTrips(t *testing.T) {
	svc := todotest.NewService(t)
	e := todoendpoint.New(svc)

	// answer calls ep and ends the test if it returns an error.
	answer := func(method string, ep endpoint.Endpoint, request any) any {
		t.Helper()
		what := "the " + method + " endpoint"
		response, err := call(t, 1, what, ep, request)
		if err != nil {
			t.Fatalf("step 1: %s returned the error %q; want an answer: a good request is answered, not returned as an error %s",
				what, err, stuck(1))
		}
		return response
	}

	one := as[todoendpoint.CreateResponse](t, 1, "the Create endpoint",
		answer("Create", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "one", Order: 2})).Todo
	two := mustCreate(t, svc, "two", 1)

	if got := as[todoendpoint.GetResponse](t, 1, "the Get endpoint", answer("Get", e.GetEndpoint, todoendpoint.GetRequest{ID: one.ID})); got.Err != nil || !todotest.Same(got.Todo, one) {
		t.Fatalf("step 1: the Get endpoint of todo %d answered %q, Err %s; want %q and a nil Err: "+
			"a good answer goes through split unchanged %s", one.ID, got.Todo.Title, show(got.Err), one.Title, stuck(1))
	}

	if got := as[todoendpoint.ListResponse](t, 1, "the List endpoint", answer("List", e.ListEndpoint, todoendpoint.ListRequest{})); got.Err != nil ||
		!todotest.SameList(got.Todos, []todo.Todo{two, one}) {
		t.Fatalf("step 1: the List endpoint answered %d todos, Err %s; want %q then %q, sorted by order %s",
			len(got.Todos), show(got.Err), two.Title, one.Title, stuck(1))
	}

	if got := as[todoendpoint.UpdateResponse](t, 1, "the Update endpoint", answer("Update", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: two.ID, Patch: todo.Patch{Order: new(int64(9))}})); got.Err != nil || got.Todo.Order != 9 {
		t.Fatalf("step 1: the Update endpoint answered order %d, Err %s; want %q with order 9 %s",
			got.Todo.Order, show(got.Err), two.Title, stuck(1))
	}

	if got := as[todoendpoint.DeleteResponse](t, 1, "the Delete endpoint", answer("Delete", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: one.ID})); got.Err != nil {
		t.Fatalf("step 1: the Delete endpoint answered Err %s; want an empty DeleteResponse %s", show(got.Err), stuck(1))
	}
	if _, err := svc.Get(context.Background(), one.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 1: after the Delete endpoint, svc.Get(ctx, %d) = %s; want todo.ErrNotFound %s", one.ID, show(err), stuck(1))
	}

	if got := as[todoendpoint.DeleteAllResponse](t, 1, "the DeleteAll endpoint", answer("DeleteAll", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{})); got.Err != nil {
		t.Fatalf("step 1: the DeleteAll endpoint answered Err %s; want an empty DeleteAllResponse %s", show(got.Err), stuck(1))
	}
	if list, err := svc.List(context.Background()); err != nil || len(list) != 0 {
		t.Fatalf("step 1: after the DeleteAll endpoint, svc.List holds %d todos (error %s); want nothing left %s", len(list), show(err), stuck(1))
	}
}
