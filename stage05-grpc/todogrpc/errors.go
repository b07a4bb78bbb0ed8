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
// status: every error a server method returns goes through here.
func toStatus(err error) error {
	// TODO(stage05, step 2): choose a gRPC status for every error.
	// In: any error of the server side: one that already is a gRPC status
	// (it has a GRPCStatus method), a kind from the middleware of stage 04
	// (todoendpoint.KindOf: rate limited, unavailable), a domain error
	// (todo.ErrorCode: invalid, not found), or anything else (SQLite, a
	// bug). Out: a status error (package status), whose code a client acts
	// on.
	// The decisions: which code of package codes fits each of them (read
	// their docs: which says "try again later", which "you asked for
	// something that is not there"?); which check wins when an error is two
	// of these at once; and which message each may show. The user sees the
	// domain's own message or the words "internal error": SQL text, file
	// names and stacks go to the log (the server's error handler), never to
	// the client. Until then every rpc answers Unimplemented.
	return notWritten("toStatus", 2)
}

// notWritten is the error of a function of this stage that is not written
// yet: an Unimplemented status that names the step to do. (The exercise
// only: the solution has none.)
func notWritten(what string, step int) error {
	return status.Errorf(codes.Unimplemented, "%s is not written yet: do stage 05, step %d", what, step)
}

// fromStatus is toStatus backwards, on the client.
func fromStatus(err error) error {
	// TODO(stage05, step 4): find the domain error behind a status.
	// In: the error kit's client endpoint returned: a status error of the
	// server, or a failure of the call itself (no server, a deadline).
	// Out: the domain error (a *todo.Error with its code and the server's
	// message) for the codes that toStatus made from domain errors, so that
	// errors.Is(err, todo.ErrNotFound) holds for the caller; nil for every
	// other error: those are failures of the call, not answers of the
	// service.
	return nil
}

// domainErrors is the client endpoint middleware that puts domain errors
// back where stage 02 keeps them. NewClient wraps every client endpoint in
// it.
func domainErrors(method string, next endpoint.Endpoint) endpoint.Endpoint {
	// TODO(stage05, step 4): the client's half of the error path.
	// Kit's gRPC client returns a non-OK status as the endpoint's error,
	// before its decoder runs: a decoder never sees a not-found, so the
	// response-carried error of stage 02 must be rebuilt here, around the
	// endpoint. In: the endpoint of method. Out: an endpoint that
	//   - passes a successful call through as it is;
	//   - answers a domain error (fromStatus) inside a response of the
	//     method's type, with a nil error (failedResponse makes one), so
	//     that circuit breakers and retries never count it;
	//   - returns every other error as it is, for them to see.
	return func(context.Context, any) (any, error) {
		return nil, notWritten("domainErrors", 4)
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
