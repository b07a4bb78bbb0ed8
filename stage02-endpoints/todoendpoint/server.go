package todoendpoint

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// This file is the server side: one endpoint per service method. Each one
// checks the type of its request, calls the service, and sorts the error the
// service returned with split.

// split sorts an error of the service into the two kinds an endpoint knows.
// A domain error (invalid argument, not found: the caller's to fix) is
// domainErr, and travels inside the response. Any other error (the database
// is closed, the context was cancelled) is endpointErr, and is returned by
// the endpoint, so that middleware such as circuit breakers and retries sees
// only real failures.
func split(err error) (domainErr, endpointErr error) {
	// TODO(stage02, step 1): sort err by its code, todo.ErrorCode(err):
	//   "" (err is nil)                       → nil, nil
	//   todo.CodeInvalid or todo.CodeNotFound → err, nil (it goes in the response)
	//   anything else (todo.CodeInternal)     → nil, err (the endpoint returns it)
	// As shipped, every error is returned by the endpoint, domain errors too.
	return nil, err
}

// wrongRequest is the error of an endpoint given a request of another type
// than want: a wiring mistake in a transport, not the caller's.
func wrongRequest(method string, got, want any) error {
	return fmt.Errorf("todoendpoint: %s got request of type %T, want %T", method, got, want)
}

// MakeCreateEndpoint returns the endpoint of svc.Create. It takes a
// CreateRequest and answers a CreateResponse.
func MakeCreateEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 1): return the endpoint of svc.Create.
	//   1. req, ok := request.(CreateRequest); when !ok, return
	//      nil, wrongRequest("Create", request, CreateRequest{}). Never let a
	//      bad request panic.
	//   2. t, err := svc.Create(ctx, req.Title, req.Order).
	//   3. domainErr, endpointErr := split(err): return nil, endpointErr when
	//      it is not nil, else CreateResponse{Todo: t, Err: domainErr}, nil.
	// MakeListEndpoint and MakeDeleteEndpoint below are finished: same shape.
	return func(ctx context.Context, request any) (any, error) {
		return nil, errors.New("MakeCreateEndpoint is not written yet: do stage 02, step 1")
	}
}

// MakeGetEndpoint returns the endpoint of svc.Get. It takes a GetRequest and
// answers a GetResponse.
func MakeGetEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 2): return the endpoint of svc.Get, as in
	// MakeCreateEndpoint: assert a GetRequest (wrongRequest("Get", …) when it
	// is not one), call svc.Get(ctx, req.ID), split the error, and answer
	// GetResponse{Todo: t, Err: domainErr}.
	return func(ctx context.Context, request any) (any, error) {
		return nil, errors.New("MakeGetEndpoint is not written yet: do stage 02, step 2")
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
		domainErr, endpointErr := split(err)
		if endpointErr != nil {
			return nil, endpointErr
		}
		return ListResponse{Todos: todos, Err: domainErr}, nil
	}
}

// MakeUpdateEndpoint returns the endpoint of svc.Update. It takes an
// UpdateRequest and answers an UpdateResponse.
func MakeUpdateEndpoint(svc todo.Service) endpoint.Endpoint {
	// TODO(stage02, step 2): return the endpoint of svc.Update: assert an
	// UpdateRequest (wrongRequest("Update", …) when it is not one), call
	// svc.Update(ctx, req.ID, req.Patch), split the error, and answer
	// UpdateResponse{Todo: t, Err: domainErr}.
	return func(ctx context.Context, request any) (any, error) {
		return nil, errors.New("MakeUpdateEndpoint is not written yet: do stage 02, step 2")
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
		domainErr, endpointErr := split(err)
		if endpointErr != nil {
			return nil, endpointErr
		}
		return DeleteResponse{Err: domainErr}, nil
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
		domainErr, endpointErr := split(err)
		if endpointErr != nil {
			return nil, endpointErr
		}
		return DeleteAllResponse{Err: domainErr}, nil
	}
}
