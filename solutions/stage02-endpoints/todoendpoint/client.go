package todoendpoint

import (
	"context"
	"fmt"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// This file is the client side: the methods that make Endpoints a
// todo.Service. Each one builds the request, calls the endpoint and unpacks
// the response, so that its caller gets what the service itself would have
// returned.

var _ todo.Service = Endpoints{}

// wrongResponse is the error of a client method whose endpoint answered a
// response of another type than want: a wiring mistake in a transport.
func wrongResponse(method string, got, want any) error {
	return fmt.Errorf("todoendpoint: %s got response of type %T, want %T", method, got, want)
}

// Create calls the Create endpoint.
func (e Endpoints) Create(ctx context.Context, title string, order int64) (todo.Todo, error) {
	response, err := e.CreateEndpoint(ctx, CreateRequest{Title: title, Order: order})
	if err != nil {
		return todo.Todo{}, err
	}
	resp, ok := response.(CreateResponse)
	if !ok {
		return todo.Todo{}, wrongResponse("Create", response, CreateResponse{})
	}
	return resp.Todo, resp.Err
}

// Get calls the Get endpoint.
func (e Endpoints) Get(ctx context.Context, id int64) (todo.Todo, error) {
	response, err := e.GetEndpoint(ctx, GetRequest{ID: id})
	if err != nil {
		return todo.Todo{}, err
	}
	resp, ok := response.(GetResponse)
	if !ok {
		return todo.Todo{}, wrongResponse("Get", response, GetResponse{})
	}
	return resp.Todo, resp.Err
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
	response, err := e.UpdateEndpoint(ctx, UpdateRequest{ID: id, Patch: p})
	if err != nil {
		return todo.Todo{}, err
	}
	resp, ok := response.(UpdateResponse)
	if !ok {
		return todo.Todo{}, wrongResponse("Update", response, UpdateResponse{})
	}
	return resp.Todo, resp.Err
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
