package todoendpoint

import (
	"context"
	"errors"
	"fmt"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// This file is the client side: the methods that make Endpoints a
// todo.Service. Each one builds the request, calls the endpoint and unpacks
// the response. An error the endpoint returns is passed on as it is; a
// domain error comes out of the response's Err. Either way errors.Is finds
// what the service returned.

var _ todo.Service = Endpoints{}

// wrongResponse is the error of a client method whose endpoint answered a
// response of another type than want: a wiring mistake in a transport.
func wrongResponse(method string, got, want any) error {
	return fmt.Errorf("todoendpoint: %s got response of type %T, want %T", method, got, want)
}

// Create calls the Create endpoint.
func (e Endpoints) Create(ctx context.Context, title string, order int64) (todo.Todo, error) {
	// TODO(stage02, step 3): call the Create endpoint and unpack its answer.
	//   1. response, err := e.CreateEndpoint(ctx, CreateRequest{…}); return
	//      err as it is when it is not nil (no wrapping: callers test it with
	//      errors.Is).
	//   2. resp, ok := response.(CreateResponse); when !ok, return
	//      wrongResponse("Create", response, CreateResponse{}).
	//   3. return resp.Todo, resp.Err: the domain error comes back here.
	// List and Delete below are finished: same shape.
	return todo.Todo{}, errors.New("Endpoints.Create is not written yet: do stage 02, step 3")
}

// Get calls the Get endpoint.
func (e Endpoints) Get(ctx context.Context, id int64) (todo.Todo, error) {
	// TODO(stage02, step 3): as in Create, with e.GetEndpoint, a GetRequest
	// and a GetResponse.
	return todo.Todo{}, errors.New("Endpoints.Get is not written yet: do stage 02, step 3")
}

// List calls the List endpoint.
func (e Endpoints) List(ctx context.Context) ([]todo.Todo, error) {
	response, err := e.ListEndpoint(ctx, ListRequest{})
	if err != nil {
		return nil, err
	}
	resp, ok := response.(ListResponse)
	if !ok {
		return nil, wrongResponse("List", response, ListResponse{})
	}
	return resp.Todos, resp.Err
}

// Update calls the Update endpoint.
func (e Endpoints) Update(ctx context.Context, id int64, p todo.Patch) (todo.Todo, error) {
	// TODO(stage02, step 3): as in Create, with e.UpdateEndpoint, an
	// UpdateRequest{ID: id, Patch: p} and an UpdateResponse.
	return todo.Todo{}, errors.New("Endpoints.Update is not written yet: do stage 02, step 3")
}

// Delete calls the Delete endpoint.
func (e Endpoints) Delete(ctx context.Context, id int64) error {
	response, err := e.DeleteEndpoint(ctx, DeleteRequest{ID: id})
	if err != nil {
		return err
	}
	resp, ok := response.(DeleteResponse)
	if !ok {
		return wrongResponse("Delete", response, DeleteResponse{})
	}
	return resp.Err
}

// DeleteAll calls the DeleteAll endpoint.
func (e Endpoints) DeleteAll(ctx context.Context) error {
	response, err := e.DeleteAllEndpoint(ctx, DeleteAllRequest{})
	if err != nil {
		return err
	}
	resp, ok := response.(DeleteAllResponse)
	if !ok {
		return wrongResponse("DeleteAll", response, DeleteAllResponse{})
	}
	return resp.Err
}
