package todogrpc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// Step 2: errors become status codes (README, "Step 2").

// ownStatusError is an error that brings its gRPC status (a GRPCStatus
// method), and a kind too, to check which one wins.
type ownStatusError struct{}

func (ownStatusError) Error() string           { return "try again, the todo changed meanwhile" }
func (ownStatusError) Kind() todoendpoint.Kind { return todoendpoint.KindRateLimited }
func (ownStatusError) GRPCStatus() *status.Status {
	return status.New(codes.Aborted, "try again, the todo changed meanwhile")
}

func TestStep2ErrorsBecomeStatusCodes(t *testing.T) {
	for _, tc := range []struct {
		what    string
		err     error
		code    codes.Code
		message string
		hint    string
	}{
		{"a domain error: invalid", todo.Errorf(todo.CodeInvalid, "title must not be empty"),
			codes.InvalidArgument, "title must not be empty", "todo.CodeInvalid → codes.InvalidArgument, with todo.ErrorMessage(err)"},
		{"a domain error: not found", todo.Errorf(todo.CodeNotFound, "todo 9 not found"),
			codes.NotFound, "todo 9 not found", "todo.CodeNotFound → codes.NotFound, with todo.ErrorMessage(err)"},
		{"a wrapped domain error", fmt.Errorf("update: %w", todo.Errorf(todo.CodeNotFound, "todo 9 not found")),
			codes.NotFound, "todo 9 not found", "todo.ErrorCode and todo.ErrorMessage look through wrapping"},
		{"an internal error", errors.New("sqlite: disk I/O error at /var/lib/todo.db"),
			codes.Internal, "internal error", "anything else is codes.Internal with the words \"internal error\", never the details"},
		{"rate limited (stage 04)", &todomw.RateLimitedError{Wait: time.Second},
			codes.ResourceExhausted, "rate limited", "todoendpoint.KindOf(err): KindRateLimited → codes.ResourceExhausted, with err.Error()"},
		{"circuit open (stage 04)", fmt.Errorf("get: %w", &todomw.CircuitOpenError{Method: "Get"}),
			codes.Unavailable, "get: service unavailable", "todoendpoint.KindOf(err): KindUnavailable → codes.Unavailable, with err.Error()"},
		{"a gRPC status already", status.Error(codes.PermissionDenied, "not yours"),
			codes.PermissionDenied, "not yours", "an error that is already a status (status.FromError says ok) is returned as it is"},
		{"an error with a GRPCStatus method", ownStatusError{},
			codes.Aborted, "try again, the todo changed meanwhile", "check for a gRPC status first, before the kind"},
	} {
		got := toStatus(tc.err)
		st, ok := status.FromError(got)
		if !ok || st.Code() != tc.code || st.Message() != tc.message {
			t.Fatalf("step 2: toStatus(%s: %q) = %s; want %s %q.\n%s",
				tc.what, tc.err, codeAndMessage(got), tc.code, tc.message, tc.hint)
		}
	}
}

func TestStep2InternalErrorsLeakNothing(t *testing.T) {
	secret := errors.New(`sql: no such table: todos (SELECT id, title FROM todos WHERE id = ?)`)
	got := toStatus(fmt.Errorf("select todo 3: %w", secret))
	st := status.Convert(got)
	if st.Code() != codes.Internal || strings.Contains(st.Message(), "sql") || strings.Contains(st.Message(), "todos") {
		t.Fatalf("step 2: toStatus(an SQL error) = %s; want Internal \"internal error\": "+
			"the details go to the log, the client learns nothing about the database", codeAndMessage(got))
	}
}
