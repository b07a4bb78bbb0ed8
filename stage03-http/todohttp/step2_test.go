package todohttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 2: errors become statuses (README, "Step 2").

func TestStep2ErrorStatuses(t *testing.T) {
	for _, tc := range []struct {
		what    string
		err     error
		status  int
		message string
	}{
		{"an invalid-argument error", todo.Errorf(todo.CodeInvalid, "title must not be empty"), 400, "title must not be empty"},
		{"a not-found error", todo.Errorf(todo.CodeNotFound, "todo 9 not found"), 404, "todo 9 not found"},
		{"a wrapped not-found error", fmt.Errorf("get: %w", todo.Errorf(todo.CodeNotFound, "todo 9 not found")), 404, "todo 9 not found"},
		{"an error that brings its own status (kit's StatusCoder)", &statusError{status: 413, message: "request body too large"}, 413, "request body too large"},
		{"an error of kind rate limited", &kindError{todoendpoint.KindRateLimited, "rate limited", time.Second}, 429, "rate limited"},
		{"a wrapped error of kind unavailable", fmt.Errorf("get: %w", &kindError{kind: todoendpoint.KindUnavailable, message: "service unavailable"}), 503, "get: service unavailable"},
		{"any other error", errors.New("sqlite: disk I/O error at /var/db"), 500, "internal error"},
	} {
		w := httptest.NewRecorder()
		encodeError(context.Background(), tc.err, w)
		a := answer{status: w.Code, header: w.Header(), body: w.Body.String()}
		if a.status != tc.status {
			t.Fatalf("step 2: encodeError(%s) answered %d; want %d.\n"+
				"statusOf maps: a StatusCoder's own status first, then the kind (todoendpoint.KindOf: rate limited 429, unavailable 503), "+
				"then todo.ErrorCode (invalid 400, not found 404), else 500",
				tc.what, a.status, tc.status)
		}
		if got := a.errorMessage(t); got != tc.message {
			t.Fatalf("step 2: encodeError(%s) said %q; want %q (a 500 never shows internals)", tc.what, got, tc.message)
		}
	}
}

// kindError stands for the errors born in stage 04's middleware: they say
// their kind (todoendpoint.KindError) and, when rate limited, how long to
// wait.
type kindError struct {
	kind    todoendpoint.Kind
	message string
	wait    time.Duration
}

func (e *kindError) Error() string             { return e.message }
func (e *kindError) Kind() todoendpoint.Kind   { return e.kind }
func (e *kindError) RetryAfter() time.Duration { return e.wait }

func TestStep2RateLimitedAnswersSayWhenToRetry(t *testing.T) {
	for _, tc := range []struct {
		wait time.Duration
		want string
	}{
		{1500 * time.Millisecond, "2"}, // whole seconds, rounded up
		{3 * time.Second, "3"},
		{0, "1"}, // at least 1
	} {
		w := httptest.NewRecorder()
		encodeError(context.Background(), &kindError{todoendpoint.KindRateLimited, "rate limited", tc.wait}, w)
		if w.Code != http.StatusTooManyRequests {
			t.Fatalf("step 2: encodeError(an error of kind rate limited) answered %d; want 429.\n"+
				"In statusOf, todoendpoint.KindOf(err) == todoendpoint.KindRateLimited is 429", w.Code)
		}
		if got := w.Header().Get("Retry-After"); got != tc.want {
			t.Fatalf("step 2: a rate-limited answer whose error waits %v says Retry-After %q; want %q (whole seconds, rounded up, at least 1)",
				tc.wait, got, tc.want)
		}
	}
}

func TestStep2FailedResponsesAreAnsweredAsErrors(t *testing.T) {
	encode := encodeResponse(encodeGetResponse)
	ctx := context.Background()

	w := httptest.NewRecorder()
	failed := todoendpoint.GetResponse{Err: todo.Errorf(todo.CodeNotFound, "todo 9 not found")}
	if err := encode(ctx, w, failed); err != nil || w.Code != http.StatusNotFound {
		t.Fatalf("step 2: encoding a GetResponse whose Err is not-found gave status %d, error %v; want 404 and nil.\n"+
			"In encodeResponse, check endpoint.Failer: a response with Failed() != nil goes to encodeError", w.Code, err)
	}

	w = httptest.NewRecorder()
	good := todoendpoint.GetResponse{Todo: todo.Todo{ID: 9, Title: "found"}}
	if err := encode(ctx, w, good); err != nil || w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"title":"found"`) {
		t.Fatalf("step 2: encoding a good GetResponse gave status %d, body %q, error %v; want 200 and the todo.\n"+
			"A response that did not fail goes to the encoder encodeResponse wraps", w.Code, w.Body, err)
	}
}
