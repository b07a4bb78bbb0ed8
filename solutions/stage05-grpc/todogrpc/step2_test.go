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
			codes.InvalidArgument, "title must not be empty", "the caller sent something the service refuses: a code that says \"fix your request\", with the domain's message"},
		{"a domain error: not found", todo.Errorf(todo.CodeNotFound, "todo 9 not found"),
			codes.NotFound, "todo 9 not found", "the caller asked for a todo that is not there: a code that says so, with the domain's message"},
		{"a wrapped domain error", fmt.Errorf("update: %w", todo.Errorf(todo.CodeNotFound, "todo 9 not found")),
			codes.NotFound, "todo 9 not found", "a wrapped domain error is still one: stage 01's helpers for codes and messages look through wrapping, and the message is the domain's, not the wrapper's"},
		{"an internal error", errors.New("sqlite: disk I/O error at /var/lib/todo.db"),
			codes.Internal, "internal error", "anything else is the server's own failure: the client learns that much and nothing more; the details go to the log"},
		{"rate limited (stage 04)", &todomw.RateLimitedError{Wait: time.Second},
			codes.ResourceExhausted, "rate limited", "stage 04's rate limiter refused the call: it carries a kind (stage 02's KindOf), not a domain code; the code that says \"a quota ran out, slow down\", with the error's own text"},
		{"circuit open (stage 04)", fmt.Errorf("get: %w", &todomw.CircuitOpenError{Method: "Get"}),
			codes.Unavailable, "get: service unavailable", "stage 04's circuit breaker is open: kind unavailable; the code that says \"not now, try again later\", with the error's own text"},
		{"a gRPC status already", status.Error(codes.PermissionDenied, "not yours"),
			codes.PermissionDenied, "not yours", "an error that already is a gRPC status was chosen on purpose by whoever made it: it goes out as it is"},
		{"an error with a GRPCStatus method", ownStatusError{},
			codes.Aborted, "try again, the todo changed meanwhile", "this error is a status and has a kind: the status it brings wins"},
	} {
		got := toStatus(tc.err)
		st, isStatus := status.FromError(got)
		if !isStatus || st.Code() != tc.code || st.Message() != tc.message {
			t.Fatalf("step 2: toStatus(%s: %q) = %s; want %s %q.\n%s %s",
				tc.what, tc.err, codeAndMessage(got), tc.code, tc.message, tc.hint, stuck(2))
		}
	}
}

func TestStep2InternalErrorsLeakNothing(t *testing.T) {
	secret := errors.New(`sql: no such table: todos (SELECT id, title FROM todos WHERE id = ?)`)
	got := toStatus(fmt.Errorf("select todo 3: %w", secret))
	st := status.Convert(got)
	if st.Code() != codes.Internal || strings.Contains(st.Message(), "sql") || strings.Contains(st.Message(), "todos") {
		t.Fatalf("step 2: toStatus(an SQL error) = %s; want Internal \"internal error\": "+
			"the details go to the log, the client learns nothing about the database %s", codeAndMessage(got), stuck(2))
	}
}
