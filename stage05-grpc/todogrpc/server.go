package todogrpc

import (
	"context"

	grpctransport "github.com/go-kit/kit/transport/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// server implements the generated todov1.TodoServiceServer with one kit
// grpctransport.Handler per rpc.
//
// It embeds UnimplementedTodoServiceServer by value, as the generated code
// asks: an rpc added to the contract later answers Unimplemented until a
// method is written for it, instead of breaking the build (and by value, not
// as a pointer, so that a nil pointer cannot panic).
type server struct {
	todov1.UnimplementedTodoServiceServer

	create    grpctransport.Handler
	get       grpctransport.Handler
	list      grpctransport.Handler
	update    grpctransport.Handler
	delete    grpctransport.Handler
	deleteAll grpctransport.Handler
}

// NewServer returns the gRPC API of the todo service: one kit server per
// rpc, each binding one endpoint of e to its decoder and encoder. Register it
// on a grpc.Server (step 5). options go to every kit server, so that a
// caller's options (an error handler, say) apply to every rpc.
func NewServer(e todoendpoint.Endpoints, options ...grpctransport.ServerOption) todov1.TodoServiceServer {
	// TODO(stage05, step 3): bind each endpoint of e to its rpc.
	// One kit gRPC server (package grpctransport) per field of server: the
	// endpoint of that method, its request decoder (decode.go) and its
	// response encoder (encode.go), with every failed response sent to the
	// error path first (step 1), and the options, so that a caller's error
	// handler sees the errors of every rpc. Until then every rpc fails.
	u := unbound{}
	return &server{create: u, get: u, list: u, update: u, delete: u, deleteAll: u}
}

// unbound is the handler of an rpc that NewServer does not bind yet.
// (Exercise scaffolding, like notWritten in errors.go: when NewServer is
// written nothing uses it; delete it then. The solution has none.)
type unbound struct{}

func (unbound) ServeGRPC(ctx context.Context, _ any) (context.Context, any, error) {
	return ctx, nil, notWritten("NewServer", 3)
}

// handle serves one rpc with its kit handler h. Every method of the
// generated interface below calls it.
func handle[R any](ctx context.Context, h grpctransport.Handler, req any) (R, error) {
	// TODO(stage05, step 3): serve one rpc with its kit handler.
	// In: the rpc's request, as gRPC parsed it. Out: the reply of type R
	// (reply checks the type), or a status error. Kit's handler decodes,
	// calls the endpoint and encodes; unlike kit's HTTP server it has no
	// error encoder, so the error it returns (a decoder's, the endpoint's,
	// a failed response's domain error) is not a status yet.
	var zero R
	return zero, notWritten("handle", 3)
}

// reply returns the encoded response resp as the rpc's reply type R. An
// encoder that answered another type is a wiring mistake in this package:
// the rpc fails with an error (Internal), it does not panic.
func reply[R any](resp any) (R, error) {
	r, ok := resp.(R)
	if !ok {
		return r, toStatus(wrongType("reply", resp, r))
	}
	return r, nil
}

// The methods of the generated interface: each one hands its request to
// its kit handler with handle.

// Create serves the Create rpc.
func (s *server) Create(ctx context.Context, req *todov1.CreateRequest) (*todov1.CreateResponse, error) {
	return handle[*todov1.CreateResponse](ctx, s.create, req)
}

// Get serves the Get rpc.
func (s *server) Get(ctx context.Context, req *todov1.GetRequest) (*todov1.GetResponse, error) {
	return handle[*todov1.GetResponse](ctx, s.get, req)
}

// List serves the List rpc.
func (s *server) List(ctx context.Context, req *todov1.ListRequest) (*todov1.ListResponse, error) {
	return handle[*todov1.ListResponse](ctx, s.list, req)
}

// Update serves the Update rpc.
func (s *server) Update(ctx context.Context, req *todov1.UpdateRequest) (*todov1.UpdateResponse, error) {
	return handle[*todov1.UpdateResponse](ctx, s.update, req)
}

// Delete serves the Delete rpc.
func (s *server) Delete(ctx context.Context, req *todov1.DeleteRequest) (*todov1.DeleteResponse, error) {
	return handle[*todov1.DeleteResponse](ctx, s.delete, req)
}

// DeleteAll serves the DeleteAll rpc.
func (s *server) DeleteAll(ctx context.Context, req *todov1.DeleteAllRequest) (*todov1.DeleteAllResponse, error) {
	return handle[*todov1.DeleteAllResponse](ctx, s.deleteAll, req)
}
