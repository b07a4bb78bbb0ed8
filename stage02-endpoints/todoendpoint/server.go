package todoendpoint

import (
	"context"
	"fmt"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// This file is the server side: one endpoint per service method. Each one
// checks the type of its request, calls the service, puts all it returned in
// the method's response, and hands that response to split, which answers
// for the endpoint.

// split turns the answer of a service method into what its endpoint returns.
// In: resp, the method's response filled with everything the service
// returned, its error in Err, so that resp.Failed() is that error or nil.
// Out: the endpoint's (response, error), taking exactly one of the two
// roads: the response with a nil error, or no response and an error.
func split(resp endpoint.Failer) (response any, err error) {
	// TODO(stage02, step 1): the error split, the rule of this stage.
	//   In:  resp, a method's response holding all the service returned;
	//        resp.Failed() is the service's error, or nil.
	//   Out: what the endpoint returns, (response, error), on one road.
	//   The decision is yours: which errors stay inside the response, and
	//   which ones the endpoint returns. What you weigh: only a returned
	//   error reaches endpoint middleware (a circuit breaker counts it, a
	//   retry repeats the call); an error inside the response reaches the
	//   caller and no one else. The todo package's error codes (go doc, see
	//   the README) say what each error is. Decide also what happens to an
	//   error you have never seen.
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
	// a CreateResponse out, holding the new todo and the service's error.
	//   - The provided endpoints below (List, Delete, DeleteAll) are other
	//     shapes of the same plumbing: read how they treat a request of the
	//     wrong type, and which ctx they hand the service.
	//   - Whatever the service returns goes through split.
	//   - Answer response values, not pointers: the client side and the
	//     transports assert the value types.
	return func(ctx context.Context, request any) (any, error) {
		return nil, fmt.Errorf("MakeCreateEndpoint is not written yet: do stage 02, step 1")
	}
}

// MakeGetEndpoint returns the endpoint of svc.Get. It takes a GetRequest and
// answers a GetResponse.
func MakeGetEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 1): the endpoint of svc.Get: a GetRequest in, a
	// GetResponse out; the same shape as Create with the request's id.
	return func(ctx context.Context, request any) (any, error) {
		return nil, fmt.Errorf("MakeGetEndpoint is not written yet: do stage 02, step 1")
	}
}

// MakeUpdateEndpoint returns the endpoint of svc.Update. It takes an
// UpdateRequest and answers an UpdateResponse.
func MakeUpdateEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 1): the endpoint of svc.Update: an UpdateRequest
	// in, an UpdateResponse out; the same shape as Create, with the
	// request's id and patch.
	return func(ctx context.Context, request any) (any, error) {
		return nil, fmt.Errorf("MakeUpdateEndpoint is not written yet: do stage 02, step 1")
	}
}

// The endpoints of the other two shapes: List, which answers a list, then
// Delete and DeleteAll, which answer only an error.

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

// MakeDeleteEndpoint returns the endpoint of svc.Delete. It takes a
// DeleteRequest and answers a DeleteResponse.
func MakeDeleteEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req, ok := request.(DeleteRequest)
		if !ok {
			return nil, wrongRequest("Delete", request, DeleteRequest{})
		}
		err := svc.Delete(ctx, req.ID)
		return split(DeleteResponse{Err: err})
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
