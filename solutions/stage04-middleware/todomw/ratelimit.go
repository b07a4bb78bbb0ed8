package todomw

import (
	"context"
	"errors"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/ratelimit"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// RateLimit returns endpoint middleware that lets requests through while
// limiter allows them and answers a *RateLimitedError (429 over HTTP)
// otherwise, without calling the endpoint. One limiter is shared by every
// method it wraps: the limit is for the whole server.
func RateLimit(limiter *rate.Limiter) todoendpoint.Middleware {
	limit := ratelimit.NewErroringLimiter(limiter)
	return func(_ string, next endpoint.Endpoint) endpoint.Endpoint {
		limited := limit(next)
		return func(ctx context.Context, request any) (any, error) {
			response, err := limited(ctx, request)
			if errors.Is(err, ratelimit.ErrLimited) {
				return nil, &RateLimitedError{Wait: retryAfter(limiter)}
			}
			return response, err
		}
	}
}

// retryAfter is how long the limiter takes to earn one more request.
func retryAfter(limiter *rate.Limiter) time.Duration {
	if limit := limiter.Limit(); limit > 0 && limit != rate.Inf {
		return time.Duration(float64(time.Second) / float64(limit))
	}
	return time.Second
}
