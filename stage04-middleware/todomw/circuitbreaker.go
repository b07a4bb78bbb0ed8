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
// response (stage 02), so a storm of not-founds never opens a breaker.
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
			OnStateChange: func(name string, from, to gobreaker.State) {
				logger.Log("msg", "circuit breaker", "method", name, "from", from.String(), "to", to.String())
			},
		})
		guarded := circuitbreaker.Gobreaker(breaker)(next)
		return func(ctx context.Context, request any) (any, error) {
			response, err := guarded(ctx, request)
			if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
				return nil, &CircuitOpenError{Method: method, Err: err}
			}
			return response, err
		}
	}
}
