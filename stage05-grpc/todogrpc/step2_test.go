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
			codes.InvalidArgument, "title must not be empty", "the service refused what the caller sent: with another code, a client cannot tell that resending the same request is hopeless and the request itself must change"},
		{"a domain error: not found", todo.Errorf(todo.CodeNotFound, "todo 9 not found"),
			codes.NotFound, "todo 9 not found", "the caller asked for a todo that is not there: with another code or message, a client (and the user reading it) cannot tell that the todo is gone"},
		{"a wrapped domain error", fmt.Errorf("update: %w", todo.Errorf(todo.CodeNotFound, "todo 9 not found")),
			codes.NotFound, "todo 9 not found", "the endpoint wrapped the service's not-found: a client that got another code, or the wrapper's \"update: …\" text, would see an implementation detail instead of the answer"},
		{"an internal error", errors.New("sqlite: disk I/O error at /var/lib/todo.db"),
			codes.Internal, "internal error", "a failure of the server itself: the path of the database file would reach every client; the client learns the call failed, the log gets the rest"},
		{"rate limited (stage 04)", &todomw.RateLimitedError{Wait: time.Second},
			codes.ResourceExhausted, "rate limited", "stage 04's rate limiter refused the call: with another code, a client cannot tell that it only has to slow down, and the same request will succeed later"},
		{"circuit open (stage 04)", fmt.Errorf("get: %w", &todomw.CircuitOpenError{Method: "Get"}),
			codes.Unavailable, "get: service unavailable", "stage 04's circuit breaker is open: with another code, a client (and stage 06's retries) cannot tell that the service is out for now and another try, later or elsewhere, may work"},
		{"a gRPC status already", status.Error(codes.PermissionDenied, "not yours"),
			codes.PermissionDenied, "not yours", "whoever made this error chose PermissionDenied and its message: any other answer loses what they knew and this function does not"},
		{"an error with a GRPCStatus method", ownStatusError{},
			codes.Aborted, "try again, the todo changed meanwhile", "this error brings its own status (Aborted: re-read and retry) and a kind (rate limited) too: a client answered ResourceExhausted would wait for a quota instead of re-reading the todo"},
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
