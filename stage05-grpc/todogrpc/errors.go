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
	// In: any error a server method returns: the domain's answers (stage
	// 01), the refusals of stage 04's middleware, errors that already carry
	// a gRPC status, and failures of the server itself (SQLite, a bug).
	// Out: a status error (package status). Its code is what a client acts
	// on (fix the request, come back later, give up), its message what a
	// user reads.
	// What a caller must observe: a domain answer with the domain's own
	// message; a refusal of the middleware with a code that tells it to
	// come back later; a status its maker chose, as it was chosen; and for
	// anything else "internal error" and not one word more (SQL text, file
	// names, stacks go to the server's log). The decisions (README, step
	// 2): the code of each, and which wins when an error is two of these.
	// Until then every rpc answers Unimplemented.
	return notWritten("toStatus", 2)
}

// notWritten is the error of a function of this stage that is not written
// yet: an Unimplemented status that names the step to do. (Exercise
// scaffolding, like unbound in server.go: when every step passes nothing
// calls it; delete it then. The solution has none.)
func notWritten(what string, step int) error {
	return status.Errorf(codes.Unimplemented, "%s is not written yet: do stage 05, step %d", what, step)
}

// fromStatus is toStatus backwards, on the client.
func fromStatus(err error) error {
	// TODO(stage05, step 4): find the domain answer behind a status.
	// In: the error kit's client endpoint returned: a status the server
	// sent, or a failure of the call itself (no server, a deadline). Out:
	// the domain error the server answered (a *todo.Error with the
	// server's message), or nil when the error is no answer of the
	// service.
	// What a caller must observe: the gRPC client behaves as the service
	// itself does. A Get of a missing todo fails with an error that
	// errors.Is matches to todo.ErrNotFound, with the server's message; a
	// server that is down, busy or refusing still looks like a failure.
	// The decision (README, step 4): which codes are answers.
	return nil
}

// domainErrors is the client endpoint middleware of the error path.
func domainErrors(method string, next endpoint.Endpoint) endpoint.Endpoint {
	// TODO(stage05, step 4): the client's half of stage 02's error path.
	// In: method (the name of one of todoendpoint.Methods()) and kit's
	// client endpoint for it. Out: an endpoint that answers as stage 02's
	// endpoints do, so that the same middleware can wrap either.
	// What a caller must observe: the Get endpoint, asked for a missing
	// todo, answers a GetResponse whose Err is the domain's not-found
	// (failedResponse makes such a response); asked while the server is
	// down, it fails. Stage 06 puts circuit breakers and retries around
	// these endpoints, and they count only what an endpoint returns as its
	// error: a breaker must open when the server fails, and never because
	// users ask for deleted todos.
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

// LogErrorHandler returns a kit error handler, for the kit server option
// that takes one (in NewServer's options), that logs the errors of the server but
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
