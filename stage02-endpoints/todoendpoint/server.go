package todoendpoint

import (
	"context"
	"fmt"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// This file is the server side: one endpoint per service method. Each one
// checks the type of its request, calls the service, puts all it returned in
// the method's response, and lets split send that answer down its road.

// split sends the answer of a service method down one of the two roads. resp
// is the method's response, filled with everything the service returned, its
// error in Err (so resp.Failed() is that error, or nil). A domain error
// (invalid argument, not found: the caller's to fix) stays inside the
// response, which the endpoint answers with a nil error. Any other error (the
// database is closed, the context was cancelled, an error nobody classified)
// is returned by the endpoint, with no response, so that middleware such as
// circuit breakers and retries sees only real failures.
func split(resp endpoint.Failer) (response any, err error) {
	// TODO(stage02, step 1): the error split, the rule of this stage.
	//   In:  resp, a method's response holding all the service returned;
	//        resp.Failed() is the service's error, or nil.
	//   Out: what the endpoint returns, (response, error): exactly one road.
	//   - no error: the response, as it is, and no error;
	//   - a domain error, one the caller can act on (todo.ErrorCode tells
	//     which codes those are: see go doc on the todo package): it stays
	//     inside the response, and the endpoint's error is nil;
	//   - any other error, including one with no code at all: the endpoint
	//     returns it, unchanged, with no response.
	// Kit idea: only a returned error reaches endpoint middleware (circuit
	// breakers, retries); endpoint.Failer is how a transport finds the other.
	return nil, fmt.Errorf("split is not written yet: do stage 02, step 1")
}

// wrongRequest is the error of an endpoint given a request of another type
// than want: a wiring mistake in a transport, not the caller's.
func wrongRequest(method string, got, want any) error {
	return fmt.Errorf("todoendpoint: %s got request of type %T, want %T", method, got, want)
}

// MakeCreateEndpoint returns the endpoint of svc.Create. It takes a
// CreateRequest and answers a CreateResponse.
func MakeCreateEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 1): the endpoint of svc.Create: a CreateRequest in,
	// a CreateResponse (the new todo, or a domain error) out.
	//   - A request of any other type (a pointer, nil, another method's) is
	//     a wiring bug in a transport, not the user's mistake: decide which
	//     road it takes (wrongRequest words it). It must never panic.
	//   - Call the service with the endpoint's own ctx, and let split decide
	//     where its error goes.
	return func(ctx context.Context, request any) (any, error) {
		return nil, fmt.Errorf("MakeCreateEndpoint is not written yet: do stage 02, step 1")
	}
}

// MakeGetEndpoint returns the endpoint of svc.Get. It takes a GetRequest and
// answers a GetResponse.
func MakeGetEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req, ok := request.(GetRequest)
		if !ok {
			return nil, wrongRequest("Get", request, GetRequest{})
		}
		t, err := svc.Get(ctx, req.ID)
		return split(GetResponse{Todo: t, Err: err})
	}
}

// MakeListEndpoint returns the endpoint of svc.List. It takes a ListRequest
// and answers a ListResponse.
func MakeListEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if _, ok := request.(ListRequest); !ok {
			return nil, wrongRequest("List", request, ListRequest{})
		}
		todos, err := svc.List(ctx)
		return split(ListResponse{Todos: todos, Err: err})
	}
}

// MakeUpdateEndpoint returns the endpoint of svc.Update. It takes an
// UpdateRequest and answers an UpdateResponse.
func MakeUpdateEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req, ok := request.(UpdateRequest)
		if !ok {
			return nil, wrongRequest("Update", request, UpdateRequest{})
		}
		t, err := svc.Update(ctx, req.ID, req.Patch)
		return split(UpdateResponse{Todo: t, Err: err})
	}
}

// MakeDeleteEndpoint returns the endpoint of svc.Delete. It takes a
// DeleteRequest and answers a DeleteResponse.
func MakeDeleteEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 1): the endpoint of svc.Delete: a DeleteRequest in,
	// a DeleteResponse out. Another shape than Create: the service answers
	// only an error. Decide what a successful delete answers, and where a
	// not-found goes; the same rules as Create for the request type and ctx.
	return func(ctx context.Context, request any) (any, error) {
		return nil, fmt.Errorf("MakeDeleteEndpoint is not written yet: do stage 02, step 1")
	}
}

// MakeDeleteAllEndpoint returns the endpoint of svc.DeleteAll. It takes a
// DeleteAllRequest and answers a DeleteAllResponse.
func MakeDeleteAllEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if _, ok := request.(DeleteAllRequest); !ok {
			return nil, wrongRequest("DeleteAll", request, DeleteAllRequest{})
		}
		err := svc.DeleteAll(ctx)
		return split(DeleteAllResponse{Err: err})
	}
}
