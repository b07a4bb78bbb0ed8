package todomw

import (
	"net/http"
	"time"

	httptransport "github.com/go-kit/kit/transport/http"
)

// Both errors bring their HTTP status; the rate-limited one also a header.
var (
	_ httptransport.StatusCoder = (*RateLimitedError)(nil)
	_ httptransport.Headerer    = (*RateLimitedError)(nil)
	_ httptransport.StatusCoder = (*CircuitOpenError)(nil)
)

// RateLimitedError is what RateLimit returns when a request is over the
// limit. It answers 429 Too Many Requests with a Retry-After header, and
// matches kit's ratelimit.ErrLimited with errors.Is.
type RateLimitedError struct {
	// RetryAfter is how long until the limiter has room again.
	RetryAfter time.Duration
}

// Error returns the message the client reads.
func (e *RateLimitedError) Error() string { return "rate limited" }

// StatusCode returns 429 Too Many Requests (kit's StatusCoder).
func (e *RateLimitedError) StatusCode() int {
	// TODO(stage04, step 2): return 429, http.StatusTooManyRequests.
	return http.StatusInternalServerError
}

// Headers returns Retry-After in whole seconds, at least 1 (kit's Headerer).
func (e *RateLimitedError) Headers() http.Header {
	// TODO(stage04, step 2): return a header with Retry-After: e.RetryAfter
	// in whole seconds, rounded up (math.Ceil), at least 1, as a string
	// (strconv.Itoa).
	return http.Header{}
}

// Unwrap returns kit's ratelimit.ErrLimited, the error underneath.
func (e *RateLimitedError) Unwrap() error {
	// TODO(stage04, step 2): return kit's ratelimit.ErrLimited, so that
	// errors.Is(err, ratelimit.ErrLimited) holds.
	return nil
}

// CircuitOpenError is what CircuitBreaker returns when the breaker of a
// method does not let a request through: open (gobreaker.ErrOpenState) or
// half-open with its trial request already under way
// (gobreaker.ErrTooManyRequests). Both answer 503 Service Unavailable, and
// errors.Is matches the gobreaker error underneath.
type CircuitOpenError struct {
	Method string // the method whose breaker refused
	Err    error  // gobreaker.ErrOpenState or gobreaker.ErrTooManyRequests
}

// Error returns the message the client reads; it names no internals.
func (e *CircuitOpenError) Error() string { return "service unavailable" }

// StatusCode returns 503 Service Unavailable (kit's StatusCoder).
func (e *CircuitOpenError) StatusCode() int { return http.StatusServiceUnavailable }

// Unwrap returns the gobreaker error.
func (e *CircuitOpenError) Unwrap() error { return e.Err }
