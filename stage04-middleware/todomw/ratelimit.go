package todomw

import (
	"time"

	"github.com/go-kit/kit/endpoint"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// RateLimit returns endpoint middleware that lets requests through while
// limiter allows them and answers a *RateLimitedError (429 over HTTP)
// otherwise, without calling the endpoint. One limiter is shared by every
// method it wraps: the limit is for the whole server.
func RateLimit(limiter *rate.Limiter) todoendpoint.Middleware {
	return func(_ string, next endpoint.Endpoint) endpoint.Endpoint {
		// TODO(stage04, step 2): let the request through to next while the
		// limiter allows it; otherwise refuse it without calling next: no
		// response, and as the error a *RateLimitedError whose Wait is
		// retryAfter(limiter). Let Go kit's own limiting middleware
		// (package ratelimit) decide; it refuses with an error of its own.
		return next
	}
}

// retryAfter is how long the limiter takes to earn one more request.
func retryAfter(limiter *rate.Limiter) time.Duration {
	if limit := limiter.Limit(); limit > 0 && limit != rate.Inf {
		return time.Duration(float64(time.Second) / float64(limit))
	}
	return time.Second
}
