package todogrpc

import (
	"context"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
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
	// TODO(stage05, step 1): decode the Update rpc's request.
	// In: the message gRPC parsed for the Update rpc (a message of another
	// rpc is a wiring mistake: an error, never a panic). Out: the
	// endpoint's todoendpoint.UpdateRequest.
	// What a caller must observe: an update changes the fields the client
	// sent and nothing else. A client that sends only completed must not
	// lose its title; a client that sends completed=false or order=0 must
	// see its todo un-completed or moved to 0. The service checks the
	// values; the decoder only carries them.
	return nil, notWritten("decodeUpdateRequest", 1)
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
