package todomw

import (
	"context"
	"strconv"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/metrics"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// EndpointDuration returns endpoint middleware that observes how long each
// call takes, in seconds, in duration labelled with "method" and "success"
// ("false" when the endpoint returned an error: a refused request counts
// too, when this middleware is outside the one that refused it).
func EndpointDuration(duration metrics.Histogram) todoendpoint.Middleware {
	return func(method string, next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (response any, err error) {
			defer func(begin time.Time) {
				duration.With("method", method, "success", strconv.FormatBool(err == nil)).
					Observe(time.Since(begin).Seconds())
			}(time.Now())
			return next(ctx, request)
		}
	}
}
