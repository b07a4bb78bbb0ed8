package todosd

import (
	"context"
	"errors"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd/lb"
)

// Retryable reports whether a failed call of method may be tried again on
// another instance. Every method but Create is idempotent: doing it twice
// leaves the same state as doing it once. A Create that failed may have
// created the todo anyway (the server died after the insert, before its
// answer): trying it again could create it twice, so it is never retried.
func Retryable(method string) bool {
	return method != "Create"
}

// retrying returns the endpoint of a Retryable method: it calls an
// endpoint of balancer, and after a failure another one, for at most
// cfg.Attempts tries in all, all within cfg.Timeout. A context error ends
// the tries: the caller gave up, or the time is spent, and a request that
// timed out may still be running on its instance. Its error is the last
// attempt's, not kit's lb.RetryError, so that errors.Is sees it.
func retrying(balancer lb.Balancer, cfg ClientConfig) endpoint.Endpoint {
	// Only errors the endpoint returns reach the callback: a domain error
	// (not found, invalid) is a successful call whose response carries it,
	// so it is never retried.
	retry := lb.RetryWithCallback(cfg.Timeout, balancer, func(n int, err error) (bool, error) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return false, nil
		}
		return n < cfg.Attempts, nil
	})
	return func(ctx context.Context, request any) (any, error) {
		response, err := retry(ctx, request)
		// lb.RetryError has no Unwrap: hand on its Final error, so that the
		// caller's errors.Is and errors.As see what really went wrong.
		var retryErr lb.RetryError
		if errors.As(err, &retryErr) {
			return nil, retryErr.Final
		}
		return response, err
	}
}

// once returns the endpoint of a method that is not Retryable: one
// endpoint of balancer, one try, within timeout. Its error is the
// balancer's (lb.ErrNoEndpoints) or the instance's, as they are.
func once(balancer lb.Balancer, timeout time.Duration) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		e, err := balancer.Endpoint()
		if err != nil {
			return nil, err
		}
		return e(ctx, request)
	}
}
