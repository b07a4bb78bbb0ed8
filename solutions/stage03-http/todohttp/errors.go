package todohttp

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	httptransport "github.com/go-kit/kit/transport/http"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// encodeError is the one error encoder of the server: every error answer
// of the handler, whatever layer the error comes from, goes through here
// (transport middleware around the handler, stage 04's Recover say, writes
// its own answer). It answers the status and the message that statusOf
// picks, as the body {"error": "..."}, with the headers the error brings
// (kit's Headerer: the Allow of this package's 405, say) and, for an error
// of kind rate limited, a Retry-After header: the wait that the error
// carries (todoendpoint.RetryAfter), in whole seconds.
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
	if todoendpoint.KindOf(err) == todoendpoint.KindRateLimited {
		w.Header().Set("Retry-After", retryAfterSeconds(todoendpoint.RetryAfter(err)))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorJSON{Error: message})
}

// retryAfterSeconds is the value of a Retry-After header for a wait of d:
// whole seconds, rounded up, at least 1.
func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}

// statusOf returns the HTTP status and the user's message for err.
func statusOf(err error) (int, string) {
	var coder httptransport.StatusCoder
	if errors.As(err, &coder) {
		return coder.StatusCode(), err.Error()
	}
	switch todoendpoint.KindOf(err) {
	case todoendpoint.KindRateLimited:
		return http.StatusTooManyRequests, err.Error()
	case todoendpoint.KindUnavailable:
		return http.StatusServiceUnavailable, err.Error()
	}
	switch todo.ErrorCode(err) {
	case todo.CodeInvalid:
		return http.StatusBadRequest, todo.ErrorMessage(err)
	case todo.CodeNotFound:
		return http.StatusNotFound, todo.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

// statusError is an error of this package that brings its HTTP status, and
// maybe headers: an answer of the server's own (404, 405, 413). It
// implements kit's StatusCoder and Headerer.
type statusError struct {
	status  int
	message string
	header  http.Header
}

func (e *statusError) Error() string        { return e.message }
func (e *statusError) StatusCode() int      { return e.status }
func (e *statusError) Headers() http.Header { return e.header }
