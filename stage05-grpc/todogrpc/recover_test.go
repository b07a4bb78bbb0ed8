package todogrpc

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-kit/log"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Tests of the provided Recover interceptor and LogErrorHandler.

// panicServer panics in Get, and lists nothing.
type panicServer struct {
	todov1.UnimplementedTodoServiceServer
}

func (panicServer) Get(context.Context, *todov1.GetRequest) (*todov1.GetResponse, error) {
	panic("a bug: the secret is 42")
}

func (panicServer) List(context.Context, *todov1.ListRequest) (*todov1.ListResponse, error) {
	return &todov1.ListResponse{}, nil
}

func TestRecoverTurnsAPanicIntoInternal(t *testing.T) {
	logs := newLog(t)
	client := todov1.NewTodoServiceClient(serve(t, panicServer{}, logs)) // serve adds Recover
	ctx := context.Background()

	_, err := client.Get(ctx, &todov1.GetRequest{Id: 1})
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("a panicking Get answered %s; want Internal \"internal error\", without the panic value", codeAndMessage(err))
	}
	if !strings.Contains(logs.String(), "panic recovered") || !strings.Contains(logs.String(), "the secret is 42") {
		t.Fatalf("the server's log after a panic is %q; want the panic and its stack", logs)
	}
	// The server is still up: another rpc answers.
	if _, err := client.List(ctx, &todov1.ListRequest{}); err != nil {
		t.Fatalf("after a panic, the List rpc answered %s; want the server still serving", codeAndMessage(err))
	}
}

func TestLogErrorHandlerSkipsDomainErrors(t *testing.T) {
	var buf bytes.Buffer
	h := LogErrorHandler(log.NewLogfmtLogger(&buf))
	ctx := context.Background()

	h.Handle(ctx, todo.Errorf(todo.CodeNotFound, "todo 9 not found"))
	h.Handle(ctx, todo.Errorf(todo.CodeInvalid, "title must not be empty"))
	if buf.Len() != 0 {
		t.Fatalf("LogErrorHandler logged domain errors: %q; want nothing: they are answers, not failures", buf.String())
	}
	h.Handle(ctx, errors.New("sqlite: database is locked"))
	if !strings.Contains(buf.String(), "database is locked") {
		t.Fatalf("LogErrorHandler logged %q for an internal error; want its details", buf.String())
	}
}
