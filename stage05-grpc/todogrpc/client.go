package todogrpc

import (
	"context"

	"github.com/go-kit/kit/endpoint"
	grpctransport "github.com/go-kit/kit/transport/grpc"
	"google.golang.org/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// serviceName is the fully qualified name of the gRPC service,
// "todo.v1.TodoService": kit's client builds each rpc's path from it,
// /todo.v1.TodoService/Create and so on.
var serviceName = todov1.TodoService_ServiceDesc.ServiceName

// NewClient returns the endpoints of the todo server that conn reaches, as
// an Endpoints set, which is a todo.Service. Make conn with grpc.NewClient;
// the caller closes it. options go to every kit client.
//
// The error path: the domain's answers come back as they do from the
// service itself, so errors.Is(err, todo.ErrNotFound) holds for the caller;
// a failure of the call is an error of the endpoint (see domainErrors).
func NewClient(conn *grpc.ClientConn, options ...grpctransport.ClientOption) todoendpoint.Endpoints {
	// TODO(stage05, step 4): one kit gRPC client endpoint per rpc.
	// In: a connection (the caller made it and closes it) and options for
	// every kit client. Out: the six endpoints in an Endpoints set, which
	// is a todo.Service. Kit's client must know which rpc it calls (the
	// service's full name is serviceName), how to encode the endpoint's
	// request and decode the reply (the functions below), and what type
	// of message the reply is.
	// What a caller must observe: every method of the set calls its own
	// rpc, and errors come back as described above. The decision (README,
	// step 4): where domainErrors sits. Until then every call fails.
	notYet := func(string, endpoint.Endpoint) endpoint.Endpoint {
		return func(context.Context, any) (any, error) { return nil, notWritten("NewClient", 4) }
	}
	return todoendpoint.Endpoints{}.Wrap(notYet)
}

// The client's request encoders: the endpoint's request → protobuf request
// (kit's grpctransport.EncodeRequestFunc).

func encodeCreateRequest(_ context.Context, request any) (any, error) {
	req, ok := request.(todoendpoint.CreateRequest)
	if !ok {
		return nil, wrongType("encodeCreateRequest", request, todoendpoint.CreateRequest{})
	}
	return &todov1.CreateRequest{Title: req.Title, Order: req.Order}, nil
}

func encodeGetRequest(_ context.Context, request any) (any, error) {
	req, ok := request.(todoendpoint.GetRequest)
	if !ok {
		return nil, wrongType("encodeGetRequest", request, todoendpoint.GetRequest{})
	}
	return &todov1.GetRequest{Id: req.ID}, nil
}

func encodeListRequest(_ context.Context, request any) (any, error) {
	if _, ok := request.(todoendpoint.ListRequest); !ok {
		return nil, wrongType("encodeListRequest", request, todoendpoint.ListRequest{})
	}
	return &todov1.ListRequest{}, nil
}

func encodeUpdateRequest(_ context.Context, request any) (any, error) {
	req, ok := request.(todoendpoint.UpdateRequest)
	if !ok {
		return nil, wrongType("encodeUpdateRequest", request, todoendpoint.UpdateRequest{})
	}
	p := req.Patch
	return &todov1.UpdateRequest{Id: req.ID, Title: p.Title, Completed: p.Completed, Order: p.Order}, nil
}

func encodeDeleteRequest(_ context.Context, request any) (any, error) {
	req, ok := request.(todoendpoint.DeleteRequest)
	if !ok {
		return nil, wrongType("encodeDeleteRequest", request, todoendpoint.DeleteRequest{})
	}
	return &todov1.DeleteRequest{Id: req.ID}, nil
}

func encodeDeleteAllRequest(_ context.Context, request any) (any, error) {
	if _, ok := request.(todoendpoint.DeleteAllRequest); !ok {
		return nil, wrongType("encodeDeleteAllRequest", request, todoendpoint.DeleteAllRequest{})
	}
	return &todov1.DeleteAllRequest{}, nil
}

// The client's response decoders: protobuf response → the endpoint's
// response (kit's grpctransport.DecodeResponseFunc). They run only for an OK
// status: a failed call never reaches them (see domainErrors).

func decodeCreateResponse(_ context.Context, grpcReply any) (any, error) {
	reply, ok := grpcReply.(*todov1.CreateResponse)
	if !ok {
		return nil, wrongType("decodeCreateResponse", grpcReply, &todov1.CreateResponse{})
	}
	return todoendpoint.CreateResponse{Todo: fromProto(reply.GetTodo())}, nil
}

func decodeGetResponse(_ context.Context, grpcReply any) (any, error) {
	reply, ok := grpcReply.(*todov1.GetResponse)
	if !ok {
		return nil, wrongType("decodeGetResponse", grpcReply, &todov1.GetResponse{})
	}
	return todoendpoint.GetResponse{Todo: fromProto(reply.GetTodo())}, nil
}

func decodeListResponse(_ context.Context, grpcReply any) (any, error) {
	reply, ok := grpcReply.(*todov1.ListResponse)
	if !ok {
		return nil, wrongType("decodeListResponse", grpcReply, &todov1.ListResponse{})
	}
	todos := make([]todo.Todo, len(reply.GetTodos()))
	for i, t := range reply.GetTodos() {
		todos[i] = fromProto(t)
	}
	return todoendpoint.ListResponse{Todos: todos}, nil
}

func decodeUpdateResponse(_ context.Context, grpcReply any) (any, error) {
	reply, ok := grpcReply.(*todov1.UpdateResponse)
	if !ok {
		return nil, wrongType("decodeUpdateResponse", grpcReply, &todov1.UpdateResponse{})
	}
	return todoendpoint.UpdateResponse{Todo: fromProto(reply.GetTodo())}, nil
}

func decodeDeleteResponse(_ context.Context, grpcReply any) (any, error) {
	if _, ok := grpcReply.(*todov1.DeleteResponse); !ok {
		return nil, wrongType("decodeDeleteResponse", grpcReply, &todov1.DeleteResponse{})
	}
	return todoendpoint.DeleteResponse{}, nil
}

func decodeDeleteAllResponse(_ context.Context, grpcReply any) (any, error) {
	if _, ok := grpcReply.(*todov1.DeleteAllResponse); !ok {
		return nil, wrongType("decodeDeleteAllResponse", grpcReply, &todov1.DeleteAllResponse{})
	}
	return todoendpoint.DeleteAllResponse{}, nil
}
