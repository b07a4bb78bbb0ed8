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
	switch err := resp.Failed(); todo.ErrorCode(err) {
	case "", todo.CodeInvalid, todo.CodeNotFound:
		return resp, nil
	default:
		return nil, err
	}
}

// wrongRequest is the error of an endpoint given a request of another type
// than want: a wiring mistake in a transport, not the caller's.
func wrongRequest(method string, got, want any) error {
	return fmt.Errorf("todoendpoint: %s got request of type %T, want %T", method, got, want)
}

// MakeCreateEndpoint returns the endpoint of svc.Create. It takes a
// CreateRequest and answers a CreateResponse.
func MakeCreateEndpoint(svc todo.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req, ok := request.(CreateRequest)
		if !ok {
			return nil, wrongRequest("Create", request, CreateRequest{})
		}
		t, err := svc.Create(ctx, req.Title, req.Order)
		return split(CreateResponse{Todo: t, Err: err})
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
