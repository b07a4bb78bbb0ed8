package todogrpc

import (
	"context"
	"fmt"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/transport"
	"github.com/go-kit/log"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// toStatus is the one place where an error of the server becomes a gRPC
// status: every error a server method returns goes through here. The code
// comes from, in order:
//
//   - the error itself, if it is already a gRPC status (it has a
//     GRPCStatus() method): it is returned as it is;
//   - its kind (todoendpoint.KindOf), if it has one: errors born in stage
//     04's middleware do, "rate limited" (ResourceExhausted) and
//     "unavailable", a circuit breaker open (Unavailable), with the error's
//     own message;
//   - the domain code: invalid → InvalidArgument, not found → NotFound, with
//     the domain message;
//   - otherwise Internal, with the message "internal error": the details go
//     to the log (the server's error handler), never to the client.
func toStatus(err error) error {
	if _, ok := status.FromError(err); ok {
		return err
	}
	switch todoendpoint.KindOf(err) {
	case todoendpoint.KindRateLimited:
		return status.Error(codes.ResourceExhausted, err.Error())
	case todoendpoint.KindUnavailable:
		return status.Error(codes.Unavailable, err.Error())
	}
	switch todo.ErrorCode(err) {
	case todo.CodeInvalid:
		return status.Error(codes.InvalidArgument, todo.ErrorMessage(err))
	case todo.CodeNotFound:
		return status.Error(codes.NotFound, todo.ErrorMessage(err))
	}
	return status.Error(codes.Internal, "internal error")
}

// fromStatus is toStatus backwards, on the client: it returns the domain
// error that a status error of the server stands for, a todo.Error with the
// server's message for InvalidArgument and NotFound, or nil for any other
// error (those are failures of the call, not answers of the service).
func fromStatus(err error) error {
	st, ok := status.FromError(err)
	if !ok {
		return nil
	}
	switch st.Code() {
	case codes.InvalidArgument:
		return &todo.Error{Code: todo.CodeInvalid, Message: st.Message()}
	case codes.NotFound:
		return &todo.Error{Code: todo.CodeNotFound, Message: st.Message()}
	}
	return nil
}

// domainErrors is the client endpoint middleware that puts domain errors
// back where stage 02 keeps them. Kit's gRPC client returns a non-OK status
// as the endpoint's error, before its decoder runs; for InvalidArgument and
// NotFound this middleware answers instead a response of the method's type
// with Err set (see failedResponse), and a nil error. Every other error stays
// an error of the endpoint, for circuit breakers and retries to see.
func domainErrors(method string, next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		response, err := next(ctx, request)
		if err == nil {
			return response, nil
		}
		domainErr := fromStatus(err)
		if domainErr == nil {
			return nil, err
		}
		return failedResponse(method, domainErr)
	}
}

// failedResponse returns the response of method (the name of one of
// todoendpoint.Methods()) that carries the domain error err.
func failedResponse(method string, err error) (any, error) {
	m, ok := todoendpoint.MethodNamed(method)
	if !ok {
		return nil, fmt.Errorf("todogrpc: no response type for method %q (error %w)", method, err)
	}
	return m.FailedResponse(err), nil
}

// LogErrorHandler returns a kit error handler for NewServer's options
// (grpctransport.ServerErrorHandler) that logs the errors of the server but
// not the domain errors of failed responses. Kit's gRPC server has no error
// encoder: every error, a "not found" included, leaves ServeGRPC through its
// error handler. Not found and invalid are answers, not failures, and the
// HTTP server of stage 03 does not log them either.
func LogErrorHandler(logger log.Logger) transport.ErrorHandler {
	logged := transport.NewLogErrorHandler(logger)
	return transport.ErrorHandlerFunc(func(ctx context.Context, err error) {
		switch todo.ErrorCode(err) {
		case todo.CodeInvalid, todo.CodeNotFound:
			return
		}
		logged.Handle(ctx, err)
	})
}
