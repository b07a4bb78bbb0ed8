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
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 1: the Create endpoint and the error rule (README, "Step 1").

func TestStep1CreateEndpointCreatesTheTodo(t *testing.T) {
	svc := todotest.NewService(t)
	const what = `MakeCreateEndpoint(svc)(ctx, CreateRequest{Title: "  Buy milk ", Order: 3})`

	response, err := call(t, 1, what, todoendpoint.MakeCreateEndpoint(svc),
		todoendpoint.CreateRequest{Title: "  Buy milk ", Order: 3})
	if err != nil {
		t.Fatalf("step 1: %s returned the error %q; want a CreateResponse and a nil error.\n"+
			"Type-assert the request (req, ok := request.(CreateRequest)), call svc.Create(ctx, req.Title, req.Order), "+
			"and answer CreateResponse{Todo: t, Err: domainErr}", what, err)
	}
	resp := as[todoendpoint.CreateResponse](t, 1, what, response)
	if resp.Err != nil {
		t.Fatalf("step 1: %s answered Err = %v; want nil for a good title", what, resp.Err)
	}
	if resp.Todo.ID <= 0 || resp.Todo.Title != "Buy milk" || resp.Todo.Order != 3 || resp.Todo.CreatedAt.IsZero() {
		t.Fatalf("step 1: %s answered Todo = %+v; want the todo svc.Create returned "+
			"(a positive ID, the title trimmed, order 3, CreatedAt set)", what, resp.Todo)
	}
	stored, err := svc.Get(context.Background(), resp.Todo.ID)
	if err != nil || !todotest.Same(stored, resp.Todo) {
		t.Fatalf("step 1: after the endpoint, svc.Get(ctx, %d) = %+v, %v; want the todo the endpoint answered, %+v.\n"+
			"The endpoint must create the todo through svc.Create", resp.Todo.ID, stored, err, resp.Todo)
	}
}

func TestStep1InvalidTitleTravelsInTheResponse(t *testing.T) {
	svc := todotest.NewService(t)
	const what = `MakeCreateEndpoint(svc)(ctx, CreateRequest{Title: "   "})`

	response, err := call(t, 1, what, todoendpoint.MakeCreateEndpoint(svc), todoendpoint.CreateRequest{Title: "   "})
	if err != nil {
		t.Fatalf("step 1: %s returned the error %q; want a nil error and a CreateResponse whose Err matches todo.ErrInvalid.\n"+
			"A domain error (todo.CodeInvalid, todo.CodeNotFound) travels inside the response: "+
			"split must return it as domainErr, with a nil endpointErr", what, err)
	}
	resp := as[todoendpoint.CreateResponse](t, 1, what, response)
	if !errors.Is(resp.Err, todo.ErrInvalid) || !strings.Contains(resp.Err.Error(), "empty") {
		t.Fatalf("step 1: %s answered Err = %v; want the error svc.Create returned "+
			"(it matches todo.ErrInvalid and says the title must not be empty)", what, resp.Err)
	}
	var failer endpoint.Failer = resp
	if failer.Failed() != resp.Err {
		t.Fatalf("step 1: CreateResponse.Failed() = %v; want its Err, %v: transports read the error through endpoint.Failer", failer.Failed(), resp.Err)
	}
}

func TestStep1InternalErrorIsReturnedByTheEndpoint(t *testing.T) {
	svc := closedService(t)
	_, svcErr := svc.Create(context.Background(), "Buy milk", 1)
	const what = `on a closed store, MakeCreateEndpoint(svc)(ctx, CreateRequest{Title: "Buy milk", Order: 1})`

	response, err := call(t, 1, what, todoendpoint.MakeCreateEndpoint(svc), todoendpoint.CreateRequest{Title: "Buy milk", Order: 1})
	if err == nil {
		t.Fatalf("step 1: %s returned a nil error and %+v; want the service's internal error (%q) returned by the endpoint.\n"+
			"Anything that is not CodeInvalid or CodeNotFound is an endpoint error: "+
			"split returns it as endpointErr, and the endpoint returns nil, endpointErr", what, response, svcErr)
	}
	if !strings.Contains(err.Error(), svcErr.Error()) || todo.ErrorCode(err) != todo.CodeInternal {
		t.Fatalf("step 1: %s returned the error %q; want the service's own error, %q.\n"+
			"Call svc.Create and return the error it gives when split says it is not a domain error", what, err, svcErr)
	}
	if response != nil {
		t.Fatalf("step 1: %s returned the error and the response %+v; want a nil response with an endpoint error", what, response)
	}
}

func TestStep1CreateEndpointChecksTheRequestType(t *testing.T) {
	svc := todotest.NewService(t)
	create := todoendpoint.MakeCreateEndpoint(svc)
	if _, err := call(t, 1, "MakeCreateEndpoint(svc)(ctx, CreateRequest{…})", create, todoendpoint.CreateRequest{Title: "good"}); err != nil {
		t.Fatalf("step 1: the Create endpoint returned the error %q for a good CreateRequest; make it work first (TestStep1CreateEndpointCreatesTheTodo)", err)
	}

	for _, request := range []any{todoendpoint.GetRequest{ID: 1}, nil, "Buy milk"} {
		what := fmt.Sprintf("MakeCreateEndpoint(svc)(ctx, %#v)", request)
		response, err := call(t, 1, what, create, request)
		if err == nil {
			t.Fatalf("step 1: %s answered %+v and a nil error; want an error that says a CreateRequest was expected.\n"+
				"Use the two-value assertion, req, ok := request.(CreateRequest), and when !ok return "+
				"nil, wrongRequest(\"Create\", request, CreateRequest{})", what, response)
		}
		if response != nil || todo.ErrorCode(err) != todo.CodeInternal || !strings.Contains(err.Error(), "CreateRequest") {
			t.Fatalf("step 1: %s = %+v, %s; want a nil response and an endpoint error that names CreateRequest.\n"+
				"A request of the wrong type is a bug in a transport, not the user's mistake: return it, never put it in a response",
				what, response, show(err))
		}
	}
	if list, err := svc.List(context.Background()); err != nil || len(list) != 1 {
		t.Fatalf("step 1: after requests of the wrong type, svc.List = %+v, %v; want only the one good todo", list, err)
	}
}
