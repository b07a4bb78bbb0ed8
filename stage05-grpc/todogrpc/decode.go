package todogrpc

import (
	"context"
	"errors"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// The server's request decoders: protobuf request → the endpoint's request
// type (kit's grpctransport.DecodeRequestFunc). gRPC has already parsed the
// bytes into the message, so a decoder only copies fields; the service
// checks them.

func decodeCreateRequest(_ context.Context, grpcReq any) (any, error) {
	// TODO(stage05, step 1): decode the Create rpc's request.
	// Like decodeGetRequest below: assert grpcReq to a *todov1.CreateRequest
	// (two-value form; wrongType(…) when it is not one), then return a
	// todoendpoint.CreateRequest with its title and order (the getters,
	// req.GetTitle() and req.GetOrder(), are safe on a nil message).
	return nil, errors.New("decodeCreateRequest is not written yet: do stage 05, step 1")
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
	// TODO(stage05, step 1): decode the Update rpc's request.
	// Assert grpcReq to a *todov1.UpdateRequest, then return a
	// todoendpoint.UpdateRequest with its id and a todo.Patch. The three
	// fields are proto3 optional: in Go they are pointers, nil when the
	// client did not set them, as in a todo.Patch. Copy the pointers
	// (req.Title), not the getters' values (req.GetTitle()).
	return nil, errors.New("decodeUpdateRequest is not written yet: do stage 05, step 1")
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
