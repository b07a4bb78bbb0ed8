package todoendpoint

import (
	"context"
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
	// TODO(stage02, step 2): the client side of Create: call e.CreateEndpoint
	// with a CreateRequest made of the arguments, and give the caller exactly
	// what the service itself would have returned.
	//   - An error the endpoint returns (a closed database, a cancelled
	//     ctx, later a dead connection): the caller gets that very error,
	//     so errors.Is still finds it.
	//   - A response: it must be a CreateResponse (anything else is a
	//     wiring bug: wrongResponse words it; never panic). The caller gets
	//     its todo, and its domain error, if any, so that
	//     errors.Is(err, todo.ErrInvalid) holds here as on the service.
	return todo.Todo{}, fmt.Errorf("Endpoints.Create is not written yet: do stage 02, step 2")
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
	// TODO(stage02, step 2): the client side of Delete, a method that
	// answers only an error: the same two roads as Create, with
	// e.DeleteEndpoint, a DeleteRequest and a DeleteResponse. A not-found
	// must come back as the service's own todo.ErrNotFound.
	return fmt.Errorf("Endpoints.Delete is not written yet: do stage 02, step 2")
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
