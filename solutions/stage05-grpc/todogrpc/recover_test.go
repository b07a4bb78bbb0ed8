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
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Tests of the provided Recover interceptor and LogErrorHandler.

func TestRecoverTurnsAPanicIntoInternal(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "still here", 0)
	endpoints := todoendpoint.New(svc)
	endpoints.GetEndpoint = func(context.Context, any) (any, error) {
		panic("a bug: the secret is 42")
	}
	conn, logs := serveEndpoints(t, endpoints)
	client := todov1.NewTodoServiceClient(conn)
	ctx := context.Background()

	_, err := client.Get(ctx, &todov1.GetRequest{Id: kept.ID})
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("a panicking Get answered %s; want Internal \"internal error\", without the panic value", codeAndMessage(err))
	}
	if !strings.Contains(logs.String(), "panic recovered") || !strings.Contains(logs.String(), "the secret is 42") {
		t.Fatalf("the server's log after a panic is %q; want the panic and its stack", logs)
	}
	// The server is still up: another rpc answers.
	if list, err := client.List(ctx, &todov1.ListRequest{}); err != nil || len(list.GetTodos()) != 1 {
		t.Fatalf("after a panic, the List rpc answered %v, %s; want the server still serving", list.GetTodos(), codeAndMessage(err))
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
