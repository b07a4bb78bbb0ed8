package todohttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
		{"an error that brings its own status (kit's StatusCoder)", &statusError{status: 429, message: "rate limited"}, 429, "rate limited"},
		{"any other error", errors.New("sqlite: disk I/O error at /var/db"), 500, "internal error"},
	} {
		w := httptest.NewRecorder()
		encodeError(context.Background(), tc.err, w)
		a := answer{status: w.Code, header: w.Header(), body: w.Body.String()}
		if a.status != tc.status {
			t.Fatalf("step 2: encodeError(%s) answered %d; want %d.\n"+
				"statusOf maps: a StatusCoder's own status first, then todo.ErrorCode (invalid 400, not found 404), else 500",
				tc.what, a.status, tc.status)
		}
		if got := a.errorMessage(t); got != tc.message {
			t.Fatalf("step 2: encodeError(%s) said %q; want %q (a 500 never shows internals)", tc.what, got, tc.message)
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
