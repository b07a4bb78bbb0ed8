package todohttp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	httptransport "github.com/go-kit/kit/transport/http"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// encodeError is the one error encoder of the server: every error answer,
// whatever layer it comes from, goes through here. The body is
// {"error": "..."}; the status comes from, in order:
//
//   - the error itself, if it has one (kit's StatusCoder): errors born in
//     later layers, like "rate limited" (429) or "circuit open" (503), bring
//     their own status and message;
//   - the domain code: invalid → 400, not found → 404;
//   - otherwise 500, with the message "internal error": the details go to the
//     log (the server's error handler), never to the client.
func encodeError(_ context.Context, err error, w http.ResponseWriter) {
	status, message := statusOf(err)
	var headerer httptransport.Headerer
	if errors.As(err, &headerer) {
		for key, values := range headerer.Headers() {
			for _, v := range values {
				w.Header().Add(key, v)
			}
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorJSON{Error: message})
}

// statusOf returns the HTTP status and the user's message for err.
func statusOf(err error) (int, string) {
	var coder httptransport.StatusCoder
	if errors.As(err, &coder) {
		return coder.StatusCode(), err.Error()
	}
	switch todo.ErrorCode(err) {
	case todo.CodeInvalid:
		return http.StatusBadRequest, todo.ErrorMessage(err)
	case todo.CodeNotFound:
		return http.StatusNotFound, todo.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

// statusError is an error that brings its HTTP status, and maybe headers.
// It implements kit's StatusCoder and Headerer.
type statusError struct {
	status  int
	message string
	header  http.Header
}

func (e *statusError) Error() string        { return e.message }
func (e *statusError) StatusCode() int      { return e.status }
func (e *statusError) Headers() http.Header { return e.header }
