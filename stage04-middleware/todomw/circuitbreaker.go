package todomw

import (
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/log"

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
		// TODO(stage04, step 2): guard next with a breaker from
		// github.com/sony/gobreaker (v1), through Go kit's adapter (package
		// circuitbreaker), set so that it behaves as the doc comment above
		// says: when it opens, how long it stays open, how many trial
		// requests it lets through while half-open. Each change of state is
		// one log line: msg="circuit breaker", method=, from=, to= (the
		// states' names). A request the breaker refuses, open or half-open,
		// returns no response and a *CircuitOpenError for this method that
		// unwraps to gobreaker's error; every other answer passes through
		// unchanged. Decide where the breaker is made: this func runs once
		// per method, the one it returns once per request.
		return next
	}
}
