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

// Step 2: the Get and Update endpoints, and the error path of every endpoint
// (README, "Step 2").

func TestStep2GetEndpointReturnsTheTodo(t *testing.T) {
	svc := todotest.NewService(t)
	created := mustCreate(t, svc, "Buy milk", 1)
	what := fmt.Sprintf("MakeGetEndpoint(svc)(ctx, GetRequest{ID: %d})", created.ID)

	response, err := call(t, 2, what, todoendpoint.MakeGetEndpoint(svc), todoendpoint.GetRequest{ID: created.ID})
	if err != nil {
		t.Fatalf("step 2: %s returned the error %q; want a GetResponse and a nil error.\n"+
			"Do as in MakeCreateEndpoint: assert GetRequest, call svc.Get(ctx, req.ID), split the error, answer GetResponse", what, err)
	}
	resp := as[todoendpoint.GetResponse](t, 2, what, response)
	if resp.Err != nil || !todotest.Same(resp.Todo, created) {
		t.Fatalf("step 2: %s answered %+v; want Todo = %+v and Err = nil", what, resp, created)
	}
}

func TestStep2UpdateEndpointAppliesThePatch(t *testing.T) {
	svc := todotest.NewService(t)
	created := mustCreate(t, svc, "walk the dog", 1)
	what := fmt.Sprintf(`MakeUpdateEndpoint(svc)(ctx, UpdateRequest{ID: %d, Patch: {Title: " walk the cat ", Completed: true}})`, created.ID)

	response, err := call(t, 2, what, todoendpoint.MakeUpdateEndpoint(svc), todoendpoint.UpdateRequest{
		ID: created.ID, Patch: todo.Patch{Title: new(" walk the cat "), Completed: new(true)},
	})
	if err != nil {
		t.Fatalf("step 2: %s returned the error %q; want an UpdateResponse and a nil error.\n"+
			"Assert UpdateRequest, call svc.Update(ctx, req.ID, req.Patch), split the error, answer UpdateResponse", what, err)
	}
	resp := as[todoendpoint.UpdateResponse](t, 2, what, response)
	if resp.Err != nil || resp.Todo.ID != created.ID || resp.Todo.Title != "walk the cat" || !resp.Todo.Completed || resp.Todo.Order != 1 {
		t.Fatalf("step 2: %s answered %+v; want the todo with the title trimmed, completed, order 1 unchanged, and Err = nil", what, resp)
	}
	stored, err := svc.Get(context.Background(), created.ID)
	if err != nil || !todotest.Same(stored, resp.Todo) {
		t.Fatalf("step 2: after the Update endpoint, svc.Get = %+v, %v; want what the endpoint answered, %+v", stored, err, resp.Todo)
	}
}

// TestStep2EveryEndpointRoundTrips drives the service through its six
// endpoints only, and checks each answer against the service itself.
func TestStep2EveryEndpointRoundTrips(t *testing.T) {
	svc := todotest.NewService(t)
	e := todoendpoint.New(svc)

	response, err := call(t, 2, "the Create endpoint", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "one", Order: 2})
	if err != nil {
		t.Fatalf("step 2: the Create endpoint returned the error %q; want a new todo (step 1)", err)
	}
	one := as[todoendpoint.CreateResponse](t, 2, "the Create endpoint", response).Todo
	two := mustCreate(t, svc, "two", 1)

	response, err = call(t, 2, "the Get endpoint", e.GetEndpoint, todoendpoint.GetRequest{ID: one.ID})
	if got := as[todoendpoint.GetResponse](t, 2, "the Get endpoint", response); err != nil || got.Err != nil || !todotest.Same(got.Todo, one) {
		t.Fatalf("step 2: the Get endpoint = %+v, %v; want %+v (TestStep2GetEndpointReturnsTheTodo)", got, err, one)
	}

	response, err = call(t, 2, "the List endpoint", e.ListEndpoint, todoendpoint.ListRequest{})
	if got := as[todoendpoint.ListResponse](t, 2, "the List endpoint", response); err != nil || got.Err != nil ||
		!todotest.SameList(got.Todos, []todo.Todo{two, one}) {
		t.Fatalf("step 2: the List endpoint = %+v, %v; want %q then %q, sorted by order", got, err, two.Title, one.Title)
	}

	response, err = call(t, 2, "the Update endpoint", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: two.ID, Patch: todo.Patch{Order: new(int64(9))}})
	if got := as[todoendpoint.UpdateResponse](t, 2, "the Update endpoint", response); err != nil || got.Err != nil || got.Todo.Order != 9 {
		t.Fatalf("step 2: the Update endpoint = %+v, %v; want %q with order 9 (TestStep2UpdateEndpointAppliesThePatch)", got, err, two.Title)
	}

	response, err = call(t, 2, "the Delete endpoint", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: one.ID})
	if got := as[todoendpoint.DeleteResponse](t, 2, "the Delete endpoint", response); err != nil || got.Err != nil {
		t.Fatalf("step 2: the Delete endpoint = %+v, %v; want an empty DeleteResponse", got, err)
	}
	if _, err := svc.Get(context.Background(), one.ID); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 2: after the Delete endpoint, svc.Get(ctx, %d) = %v; want todo.ErrNotFound", one.ID, err)
	}

	response, err = call(t, 2, "the DeleteAll endpoint", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{})
	if got := as[todoendpoint.DeleteAllResponse](t, 2, "the DeleteAll endpoint", response); err != nil || got.Err != nil {
		t.Fatalf("step 2: the DeleteAll endpoint = %+v, %v; want an empty DeleteAllResponse", got, err)
	}
	if list, err := svc.List(context.Background()); err != nil || len(list) != 0 {
		t.Fatalf("step 2: after the DeleteAll endpoint, svc.List = %+v, %v; want nothing left", list, err)
	}
}

// The next two tests are the error path of DESIGN.md side by side: a domain
// error travels inside the response, any other error is returned.

func TestStep2DomainErrorsTravelInTheResponse(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)
	const unknown = 4242

	for _, c := range []struct {
		what    string
		ep      endpoint.Endpoint
		request any
		want    error
	}{
		{"Get of an unknown id", e.GetEndpoint, todoendpoint.GetRequest{ID: unknown}, todo.ErrNotFound},
		{"Update of an unknown id", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: unknown, Patch: todo.Patch{Completed: new(true)}}, todo.ErrNotFound},
		{"Update with an empty patch", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: kept.ID}, todo.ErrInvalid},
		{"Create with an empty title", e.CreateEndpoint, todoendpoint.CreateRequest{}, todo.ErrInvalid},
		{"Delete of an unknown id", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: unknown}, todo.ErrNotFound},
	} {
		response, err := call(t, 2, "the endpoint of "+c.what, c.ep, c.request)
		if err != nil {
			t.Fatalf("step 2: the endpoint of %s returned the error %q; want a nil error and a response whose Failed() matches %s.\n"+
				"Domain errors travel inside the response: use split, and put domainErr in the response's Err", c.what, err, sentinel(c.want))
		}
		failer, ok := response.(endpoint.Failer)
		if !ok {
			t.Fatalf("step 2: the endpoint of %s answered %T, which is not an endpoint.Failer; want the method's response value", c.what, response)
		}
		if !errors.Is(failer.Failed(), c.want) {
			t.Fatalf("step 2: the endpoint of %s answered %+v; want Failed() to match %s. Put the service's error in Err", c.what, response, sentinel(c.want))
		}
	}
}

func TestStep2OtherErrorsAreReturnedByTheEndpoint(t *testing.T) {
	svc := closedService(t)
	e := todoendpoint.New(svc)
	ctx := context.Background()
	_, createErr := svc.Create(ctx, "Buy milk", 1)
	_, getErr := svc.Get(ctx, 1)
	_, listErr := svc.List(ctx)
	_, updateErr := svc.Update(ctx, 1, todo.Patch{Completed: new(true)})
	deleteErr := svc.Delete(ctx, 1)
	deleteAllErr := svc.DeleteAll(ctx)

	for _, c := range []struct {
		method  string
		ep      endpoint.Endpoint
		request any
		svcErr  error
	}{
		{"Create", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "Buy milk", Order: 1}, createErr},
		{"Get", e.GetEndpoint, todoendpoint.GetRequest{ID: 1}, getErr},
		{"List", e.ListEndpoint, todoendpoint.ListRequest{}, listErr},
		{"Update", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: 1, Patch: todo.Patch{Completed: new(true)}}, updateErr},
		{"Delete", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: 1}, deleteErr},
		{"DeleteAll", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{}, deleteAllErr},
	} {
		what := "on a closed store, the " + c.method + " endpoint"
		response, err := call(t, 2, what, c.ep, c.request)
		if err == nil || response != nil || !strings.Contains(err.Error(), c.svcErr.Error()) {
			t.Fatalf("step 2: %s = %+v, %s; want a nil response and the service's internal error, %q, returned by the endpoint.\n"+
				"Only domain errors go in the response: split returns any other error as endpointErr, "+
				"and the endpoint returns nil, endpointErr", what, response, show(err), c.svcErr)
		}
	}

	// A cancelled request is not the caller's mistake either: the context
	// error is returned, so that callers can test it with errors.Is.
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
		{"Update", live.UpdateEndpoint, todoendpoint.UpdateRequest{ID: 1, Patch: todo.Patch{Completed: new(true)}}},
	} {
		what := "with a cancelled context, the " + c.method + " endpoint"
		response, err := callWith(cancelled, t, 2, what, c.ep, c.request)
		if !errors.Is(err, context.Canceled) || response != nil {
			t.Fatalf("step 2: %s = %+v, %s; want a nil response and an error that matches context.Canceled.\n"+
				"Pass the endpoint's ctx to the service (svc.%s(ctx, …)), and return the error split gives as endpointErr",
				what, response, show(err), c.method)
		}
	}
}

func TestStep2EveryEndpointChecksTheRequestType(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)

	for _, c := range []struct {
		method  string
		ep      endpoint.Endpoint
		good    any // the request the endpoint takes
		pointer any // a pointer to it: a request of the wrong type too
		want    string
	}{
		{"Create", e.CreateEndpoint, todoendpoint.CreateRequest{Title: "good"}, &todoendpoint.CreateRequest{Title: "good"}, "CreateRequest"},
		{"Get", e.GetEndpoint, todoendpoint.GetRequest{ID: kept.ID}, &todoendpoint.GetRequest{ID: kept.ID}, "GetRequest"},
		{"List", e.ListEndpoint, todoendpoint.ListRequest{}, &todoendpoint.ListRequest{}, "ListRequest"},
		{"Update", e.UpdateEndpoint, todoendpoint.UpdateRequest{ID: kept.ID, Patch: todo.Patch{Completed: new(true)}},
			&todoendpoint.UpdateRequest{ID: kept.ID, Patch: todo.Patch{Completed: new(true)}}, "UpdateRequest"},
		{"Delete", e.DeleteEndpoint, todoendpoint.DeleteRequest{ID: kept.ID}, &todoendpoint.DeleteRequest{ID: kept.ID}, "DeleteRequest"},
		{"DeleteAll", e.DeleteAllEndpoint, todoendpoint.DeleteAllRequest{}, &todoendpoint.DeleteAllRequest{}, "DeleteAllRequest"},
	} {
		for _, request := range []any{nil, c.pointer, struct{ ID int64 }{ID: kept.ID}} {
			what := fmt.Sprintf("the %s endpoint given %T", c.method, request)
			response, err := call(t, 2, what, c.ep, request)
			if err == nil || response != nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("step 2: %s = %+v, %s; want a nil response and an error that names %s.\n"+
					"Check the type with req, ok := request.(%s), and when !ok return nil, wrongRequest(%q, request, %s{})",
					what, response, show(err), c.want, c.want, c.method, c.want)
			}
		}
		what := fmt.Sprintf("the %s endpoint given a %s", c.method, c.want)
		if _, err := call(t, 2, what, c.ep, c.good); err != nil {
			t.Fatalf("step 2: %s returned the error %q; want it to work", what, err)
		}
	}
}
