package todomw

import (
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Both errors say their kind (stage 02's todoendpoint.Kind), a word every
// transport maps to its own answer: stage 03's HTTP error encoder answers
// 429 with Retry-After and 503, stage 05's gRPC server ResourceExhausted and
// Unavailable. So this package knows nothing of HTTP or gRPC.
var (
	_ todoendpoint.KindError = (*RateLimitedError)(nil)
	_ todoendpoint.KindError = (*CircuitOpenError)(nil)
)

// RateLimitedError is what RateLimit returns when a request is over the
// limit. Its kind is todoendpoint.KindRateLimited (429 Too Many Requests
// with a Retry-After header, over HTTP), and it matches kit's
// ratelimit.ErrLimited with errors.Is.
type RateLimitedError struct {
	// Wait is how long until the limiter has room again.
	Wait time.Duration
}

// Error returns the message the client reads.
func (e *RateLimitedError) Error() string { return "rate limited" }

// Kind returns todoendpoint.KindRateLimited.
func (e *RateLimitedError) Kind() todoendpoint.Kind {
	// TODO(stage04, step 2): return the kind (stage 02's kinds.go) that
	// tells every transport "too many requests": stage 03's error encoder
	// answers it with 429, stage 05's gRPC server with ResourceExhausted.
	return ""
}

// RetryAfter returns how long the caller should wait before trying again,
// e.Wait (todoendpoint.RetryAfter asks it; HTTP's Retry-After says it).
func (e *RateLimitedError) RetryAfter() time.Duration {
	// TODO(stage04, step 2): return how long the caller should wait: the
	// wait RateLimit measured when it refused.
	return 0
}

// Unwrap returns kit's ratelimit.ErrLimited, the error underneath.
func (e *RateLimitedError) Unwrap() error {
	// TODO(stage04, step 2): return the error underneath: Go kit's own
	// refusal (package ratelimit), so that errors.Is matches it.
	return nil
}

// CircuitOpenError is what CircuitBreaker returns when the breaker of a
// method does not let a request through: open (gobreaker.ErrOpenState) or
// half-open with its trial request already under way
// (gobreaker.ErrTooManyRequests). Both are of kind
// todoendpoint.KindUnavailable (503 Service Unavailable, over HTTP), and
// errors.Is matches the gobreaker error underneath.
type CircuitOpenError struct {
	Method string // the method whose breaker refused
	Err    error  // gobreaker.ErrOpenState or gobreaker.ErrTooManyRequests
}

// Error returns the message the client reads; it names no internals.
func (e *CircuitOpenError) Error() string { return "service unavailable" }

// Kind returns todoendpoint.KindUnavailable.
func (e *CircuitOpenError) Kind() todoendpoint.Kind {
	// TODO(stage04, step 2): return the kind that tells every transport
	// "the service cannot answer now": 503 over HTTP, Unavailable over gRPC.
	return ""
}

// Unwrap returns the gobreaker error.
func (e *CircuitOpenError) Unwrap() error {
	// TODO(stage04, step 2): return the error underneath, the breaker's own
	// refusal, so that errors.Is matches gobreaker's errors.
	return nil
}
