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

// Step 2: errors become statuses (README, "Step 2"). Run: go test ./todohttp -run TestStep2

func TestStep2ErrorStatuses(t *testing.T) {
	for _, tc := range []struct {
		what    string
		err     error
		status  int
		message string
		why     string
	}{
		{"an invalid-argument error", domainError(todo.CodeInvalid, "title must not be empty"), 400, "title must not be empty",
			"the client sent something it can fix, and the message says what"},
		{"a not-found error", domainError(todo.CodeNotFound, "todo 9 not found"), 404, "todo 9 not found",
			"no todo has that id"},
		{"a wrapped not-found error", fmt.Errorf("get: %w", domainError(todo.CodeNotFound, "todo 9 not found")), 404, "todo 9 not found",
			"a domain error is found through any wrapping, and the user sees the domain's message, not the wrapping"},
		{"an error that brings its own status (kit's StatusCoder)", &statusError{status: 413, message: "request body too large"}, 413, "request body too large",
			"an error that knows its status (this package's 404, 405, 413) keeps it"},
		{"an error of kind rate limited", &kindError{todoendpoint.KindRateLimited, "rate limited", time.Second}, 429, "rate limited",
			"the caller asks too often: it should wait and try again (Too Many Requests)"},
		{"a wrapped error of kind unavailable", fmt.Errorf("get: %w", &kindError{kind: todoendpoint.KindUnavailable, message: "service unavailable"}), 503, "get: service unavailable",
			"the service cannot answer for now (a circuit breaker is open): try later, or elsewhere; the message is the error's own"},
		{"any other error", errors.New("sqlite: disk I/O error at /var/db"), 500, "internal error",
			"an error nobody classified is the server's fault, and its details (paths, SQL) are for the log only"},
	} {
		w := httptest.NewRecorder()
		encodeError(context.Background(), tc.err, w)
		a := answer{status: w.Code, header: w.Header(), body: w.Body.String()}
		if a.status == http.StatusNotImplemented {
			fatalf(t, 2, "encodeError(%s) answered 501 %s: statusOf is still the stub", tc.what, strings.TrimSpace(a.body))
		}
		if a.status != tc.status {
			fatalf(t, 2, "encodeError(%s) answered %d; want %d: %s", tc.what, a.status, tc.status, tc.why)
		}
		if got := a.errorMessage(t); got != tc.message {
			fatalf(t, 2, "encodeError(%s) said %q; want %q: %s", tc.what, got, tc.message, tc.why)
		}
	}
}

// domainError is a domain error of package todo with that code and message.
func domainError(code todo.Code, message string) error {
	return todo.Errorf(code, "%s", message)
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
			fatalf(t, 2, "encodeError(an error of kind rate limited) answered %d; want 429 Too Many Requests: "+
				"the kind (todoendpoint.KindOf) says what an error born in a later layer is", w.Code)
		}
		if got := w.Header().Get("Retry-After"); got != tc.want {
			fatalf(t, 2, "a rate-limited answer whose error waits %v says Retry-After %q; want %q (whole seconds, rounded up, at least 1), "+
				"as encodeError sets it from todoendpoint.RetryAfter", tc.wait, got, tc.want)
		}
	}
}

func TestStep2FailedResponsesAreAnsweredAsErrors(t *testing.T) {
	encode := encodeResponse(encodeGetResponse)
	ctx := context.Background()

	w := httptest.NewRecorder()
	good := todoendpoint.GetResponse{Todo: todo.Todo{ID: 9, Title: "found"}}
	if err := encode(ctx, w, good); err != nil || w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"title":"found"`) {
		fatalf(t, 2, "encodeResponse(encodeGetResponse) of a GetResponse that did not fail gave status %d, body %q, error %v; "+
			"want 200 and the todo: a good response is the wrapped encoder's job", w.Code, strings.TrimSpace(w.Body.String()), err)
	}

	w = httptest.NewRecorder()
	failed := todoendpoint.GetResponse{Err: todo.Errorf(todo.CodeNotFound, "todo 9 not found")}
	err := encode(ctx, w, failed)
	if w.Code == http.StatusOK {
		body := strings.TrimSpace(w.Body.String())
		if err != nil {
			fatalf(t, 2, "encodeResponse(encodeGetResponse) of a GetResponse whose Err is \"todo 9 not found\" wrote nothing "+
				"and returned %v; want the 404 written here, and a nil error. Returned, kit's server would answer it through "+
				"the error encoder, but also hand it to its error handler: every not-found would be logged as a failure "+
				"of the server", err)
		}
		fatalf(t, 2, "encodeResponse(encodeGetResponse) of a GetResponse whose Err is \"todo 9 not found\" answered 200 %q; "+
			"want 404: the endpoint returned no error, the failure is inside the response, and kit's server never looks there "+
			"(kit's endpoint.Failer is how to ask a response)", body)
	}
	if w.Code != http.StatusNotFound || err != nil {
		fatalf(t, 2, "encodeResponse(encodeGetResponse) of a GetResponse whose Err is not-found gave status %d, error %v; "+
			"want 404 from the one error encoder, and a nil error: the answer is written, and an error here would make kit "+
			"answer a second time", w.Code, err)
	}
}
