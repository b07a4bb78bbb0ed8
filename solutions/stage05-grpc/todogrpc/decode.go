package todogrpc

import (
	"context"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// The server's request decoders: protobuf request → the endpoint's request
// type (kit's grpctransport.DecodeRequestFunc). gRPC has already parsed the
// bytes into the message, so a decoder only copies fields; the service
// checks them.

func decodeCreateRequest(_ context.Context, grpcReq any) (any, error) {
	req, ok := grpcReq.(*todov1.CreateRequest)
	if !ok {
		return nil, wrongType("decodeCreateRequest", grpcReq, &todov1.CreateRequest{})
	}
	return todoendpoint.CreateRequest{Title: req.GetTitle(), Order: req.GetOrder()}, nil
}

func decodeGetRequest(_ context.Context, grpcReq any) (any, error) {
	req, ok := grpcReq.(*todov1.GetRequest)
	if !ok {
		return nil, wrongType("decodeGetRequest", grpcReq, &todov1.GetRequest{})
	}
	return todoendpoint.GetRequest{ID: req.GetId()}, nil
}

func decodeListRequest(_ context.Context, grpcReq any) (any, error) {
	if _, ok := grpcReq.(*todov1.ListRequest); !ok {
		return nil, wrongType("decodeListRequest", grpcReq, &todov1.ListRequest{})
	}
	return todoendpoint.ListRequest{}, nil
}

func decodeUpdateRequest(_ context.Context, grpcReq any) (any, error) {
	req, ok := grpcReq.(*todov1.UpdateRequest)
	if !ok {
		return nil, wrongType("decodeUpdateRequest", grpcReq, &todov1.UpdateRequest{})
	}
	// proto3 optional fields are pointers in Go: nil when the client did not
	// set them, which is exactly what a todo.Patch means by "leave it".
	patch := todo.Patch{Title: req.Title, Completed: req.Completed, Order: req.Order}
	return todoendpoint.UpdateRequest{ID: req.GetId(), Patch: patch}, nil
}

func decodeDeleteRequest(_ context.Context, grpcReq any) (any, error) {
	req, ok := grpcReq.(*todov1.DeleteRequest)
	if !ok {
		return nil, wrongType("decodeDeleteRequest", grpcReq, &todov1.DeleteRequest{})
	}
	return todoendpoint.DeleteRequest{ID: req.GetId()}, nil
}

func decodeDeleteAllRequest(_ context.Context, grpcReq any) (any, error) {
	if _, ok := grpcReq.(*todov1.DeleteAllRequest); !ok {
		return nil, wrongType("decodeDeleteAllRequest", grpcReq, &todov1.DeleteAllRequest{})
	}
	return todoendpoint.DeleteAllRequest{}, nil
}
