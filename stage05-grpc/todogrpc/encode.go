package todogrpc

import (
	"context"

	grpctransport "github.com/go-kit/kit/transport/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// encodeResponse wraps a response encoder of the server (NewServer wraps
// every one of them).
func encodeResponse(enc grpctransport.EncodeResponseFunc) grpctransport.EncodeResponseFunc {
	// TODO(stage05, step 1): the server's half of stage 02's error path.
	// In: enc, the encoder of one rpc. Out: the encoder NewServer gives
	// kit's server in its place.
	// What a caller must observe: a Get of a todo that is not there answers
	// NotFound with the domain's message ("todo 9 not found"), never OK
	// with an empty todo; a Get that found its todo answers what enc makes
	// of it. Kit's gRPC server encodes whatever an endpoint returned with a
	// nil error, and stage 02's endpoints return a nil error for a domain
	// answer too. Whatever this encoder returns instead of a message, the
	// server method hands to toStatus (step 2).
	return func(context.Context, any) (any, error) {
		return nil, notWritten("encodeResponse", 1)
	}
}

// The server's response encoders: the endpoint's response → protobuf
// response (kit's grpctransport.EncodeResponseFunc). encodeResponse has
// already sent failed responses to the error path.

func encodeCreateResponse(_ context.Context, response any) (any, error) {
	resp, ok := response.(todoendpoint.CreateResponse)
	if !ok {
		return nil, wrongType("encodeCreateResponse", response, todoendpoint.CreateResponse{})
	}
	return &todov1.CreateResponse{Todo: toProto(resp.Todo)}, nil
}

func encodeGetResponse(_ context.Context, response any) (any, error) {
	resp, ok := response.(todoendpoint.GetResponse)
	if !ok {
		return nil, wrongType("encodeGetResponse", response, todoendpoint.GetResponse{})
	}
	return &todov1.GetResponse{Todo: toProto(resp.Todo)}, nil
}

func encodeListResponse(_ context.Context, response any) (any, error) {
	resp, ok := response.(todoendpoint.ListResponse)
	if !ok {
		return nil, wrongType("encodeListResponse", response, todoendpoint.ListResponse{})
	}
	todos := make([]*todov1.Todo, len(resp.Todos))
	for i, t := range resp.Todos {
		todos[i] = toProto(t)
	}
	return &todov1.ListResponse{Todos: todos}, nil
}

func encodeUpdateResponse(_ context.Context, response any) (any, error) {
	resp, ok := response.(todoendpoint.UpdateResponse)
	if !ok {
		return nil, wrongType("encodeUpdateResponse", response, todoendpoint.UpdateResponse{})
	}
	return &todov1.UpdateResponse{Todo: toProto(resp.Todo)}, nil
}

func encodeDeleteResponse(_ context.Context, response any) (any, error) {
	if _, ok := response.(todoendpoint.DeleteResponse); !ok {
		return nil, wrongType("encodeDeleteResponse", response, todoendpoint.DeleteResponse{})
	}
	return &todov1.DeleteResponse{}, nil
}

func encodeDeleteAllResponse(_ context.Context, response any) (any, error) {
	if _, ok := response.(todoendpoint.DeleteAllResponse); !ok {
		return nil, wrongType("encodeDeleteAllResponse", response, todoendpoint.DeleteAllResponse{})
	}
	return &todov1.DeleteAllResponse{}, nil
}
