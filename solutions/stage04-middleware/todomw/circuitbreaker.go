package todomw

import (
	"context"
	"errors"
	"time"

	"github.com/go-kit/kit/circuitbreaker"
	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/log"
	"github.com/sony/gobreaker"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// CircuitBreaker returns endpoint middleware that gives every method its own
// breaker, named after the method. A breaker opens after failures
// consecutive errors returned by the endpoint, refuses every request for
// timeout (a *CircuitOpenError, 503 over HTTP), then lets one trial request
// through (half-open): a success closes it, a failure opens it again.
//
// Only errors the endpoint returns count. Domain errors travel inside the
// response (stage 02), so a storm of not-founds never opens a breaker. Nor
// does a caller who gave up: when the request's own context is cancelled or
// past its deadline by the time the endpoint returns, its error is the
// caller's doing, not the service's, and it is not counted as a failure. A
// deadline the server set itself, inside the call, is a failure.
// State changes are logged.
func CircuitBreaker(failures uint32, timeout time.Duration, logger log.Logger) todoendpoint.Middleware {
	return func(method string, next endpoint.Endpoint) endpoint.Endpoint {
		breaker := gobreaker.NewCircuitBreaker(gobreaker.Settings{
			Name:        method,
			MaxRequests: 1, // trial requests while half-open
			Timeout:     timeout,
			ReadyToTrip: func(counts gobreaker.Counts) bool {
				return counts.ConsecutiveFailures >= failures
			},
			// gobreaker v1 knows two outcomes: a caller who gave up is
			// counted as a success, "not the service's failure".
			IsSuccessful: func(err error) bool {
				var gone *callerGone
				return err == nil || errors.As(err, &gone)
			},
			OnStateChange: func(name string, from, to gobreaker.State) {
				logger.Log("msg", "circuit breaker", "method", name, "from", from.String(), "to", to.String())
			},
		})
		// The breaker sees only the error; the request's context is seen
		// here, so the error carries what the context says to the breaker.
		marked := func(ctx context.Context, request any) (any, error) {
			response, err := next(ctx, request)
			if err != nil && ctx.Err() != nil {
				return response, &callerGone{err: err}
			}
			return response, err
		}
		guarded := circuitbreaker.Gobreaker(breaker)(marked)
		return func(ctx context.Context, request any) (any, error) {
			response, err := guarded(ctx, request)
			if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
				return nil, &CircuitOpenError{Method: method, Err: err}
			}
			var gone *callerGone
			if errors.As(err, &gone) {
				return response, gone.err // the endpoint's own error, unchanged
			}
			return response, err
		}
	}
}

// callerGone marks, for the breaker, an error returned after the request's
// context had ended: the caller cancelled or its deadline passed. It never
// leaves CircuitBreaker.
type callerGone struct{ err error }

func (e *callerGone) Error() string { return e.err.Error() }
