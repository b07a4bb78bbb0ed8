package todogrpc

import (
	"context"
	"errors"

	"github.com/go-kit/kit/endpoint"
	grpctransport "github.com/go-kit/kit/transport/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// encodeResponse wraps a response encoder of the server: a failed response
// (kit's endpoint.Failer with a non-nil Failed()) is not encoded, its domain
// error is returned instead, and the server method turns it into a status
// with toStatus, like every other error. Kit's server cannot do this by
// itself: to it, an endpoint that returned a nil error succeeded.
func encodeResponse(enc grpctransport.EncodeResponseFunc) grpctransport.EncodeResponseFunc {
	return func(ctx context.Context, response any) (any, error) {
		if f, ok := response.(endpoint.Failer); ok && f.Failed() != nil {
			return nil, f.Failed()
		}
		return enc(ctx, response)
	}
}

// The server's response encoders: the endpoint's response → protobuf
// response (kit's grpctransport.EncodeResponseFunc). encodeResponse has
// already sent failed responses to the error path.

func encodeCreateResponse(_ context.Context, response any) (any, error) {
	// TODO(stage05, step 1): encode the Create rpc's response.
	// Like encodeGetResponse below: assert response to a
	// todoendpoint.CreateResponse, then return a *todov1.CreateResponse
	// whose Todo is toProto(resp.Todo).
	return nil, errors.New("encodeCreateResponse is not written yet: do stage 05, step 1")
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
