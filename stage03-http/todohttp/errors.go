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

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// encodeError is the one error encoder of the server: every error answer
// of the handler, whatever layer the error comes from, goes through here
// (transport middleware around the handler, stage 04's Recover say, writes
// its own answer). The body is {"error": "..."}; the status comes from, in
// order:
//
//   - the error itself, if it brings one (kit's StatusCoder): the errors of
//     this package, such as 405 or 413;
//   - its kind (todoendpoint.KindOf): errors born in later layers say what
//     they are, "rate limited" (429, with a Retry-After header) or
//     "unavailable" (503, a circuit breaker is open), with their own message;
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
	// TODO(stage03, step 2): the one place where an error becomes a status
	// and the message a user sees. Three families of errors reach it:
	//   - errors that bring their own status (kit's StatusCoder: this
	//     package's 404, 405 and 413);
	//   - errors born in later layers, which say their kind
	//     (todoendpoint.KindOf): rate limited, unavailable;
	//   - the domain's errors (package todo's codes), wrapped or not;
	// and anything else is the server's own failure. Decide the status of
	// each and the message: the domain's own message for a domain error,
	// never the details of an unknown one (README, step 2).
	return http.StatusNotImplemented, "statusOf is not written yet: do stage 03, step 2"
}

// statusError is an error of this package that brings its HTTP status, and
// maybe headers: an answer of the server's own (404, 405, 413), or a status
// the client got. It implements kit's StatusCoder and Headerer.
type statusError struct {
	status  int
	message string
	header  http.Header
}

func (e *statusError) Error() string        { return e.message }
func (e *statusError) StatusCode() int      { return e.status }
func (e *statusError) Headers() http.Header { return e.header }
