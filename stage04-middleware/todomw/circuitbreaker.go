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
// response (stage 02), so a storm of not-founds never opens a breaker. Nor
// does a caller who gave up: when the request's own context is cancelled or
// past its deadline by the time the endpoint returns, its error is the
// caller's doing, not the service's, and it is not counted as a failure. A
// deadline the server set itself, inside the call, is a failure.
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
		//
		// A caller who gave up is not the service failing: the breaker must
		// not count an error returned once the request's context has ended
		// (cancelled, or its deadline passed), yet it must count a timeout
		// the server set itself while the caller still waited. The breaker
		// is told only the error, never the context: find a way for what the
		// context says to reach it, and keep the caller's answer the
		// endpoint's own.
		return next
	}
}
