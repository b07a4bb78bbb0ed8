package todosd

import (
	"context"
	"errors"
	"net"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd/lb"

	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// Retryable reports whether a failed call of method may be tried again on
// another instance. Every method but Create is idempotent: doing it twice
// leaves the same state as doing it once. A Create that failed may have
// created the todo anyway (the server died after the insert, before its
// answer): trying it again could create it twice, so it is tried again only
// when the error proves it never left (NeverSent, in once).
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

// NeverSent reports whether err proves that the request never reached a
// server, so that sending it to another instance cannot do its work twice:
// even a Create is safe to try again then. An error that does not prove it
// leaves the request's fate unknown (a broken connection, a timeout, a gRPC
// Unavailable: the server may have done the work and lost only the answer).
func NeverSent(err error) bool {
	// No instance to send it to, or the instance's breaker refused it: the
	// request stayed in this process.
	if errors.Is(err, lb.ErrNoEndpoints) {
		return true
	}
	var open *todomw.CircuitOpenError
	if errors.As(err, &open) {
		return true
	}
	// The connection was never made: net/http writes a request only on a
	// connection it has, so a failed dial sent nothing.
	var netErr *net.OpError
	return errors.As(err, &netErr) && netErr.Op == "dial"
}

// once returns the endpoint of a method that is not Retryable: the request
// reaches at most one instance. After a failure it tries another instance
// only while the error proves the request never left (NeverSent), for at
// most cfg.Attempts tries in all, all within cfg.Timeout. Its error is the
// last try's, as it is: the balancer's (lb.ErrNoEndpoints) or the
// instance's.
func once(balancer lb.Balancer, cfg ClientConfig) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
		defer cancel()
		var err error
		for try := 1; ; try++ {
			var e endpoint.Endpoint
			if e, err = balancer.Endpoint(); err == nil {
				var response any
				if response, err = e(ctx, request); err == nil {
					return response, nil
				}
			}
			if try >= cfg.Attempts || ctx.Err() != nil || !NeverSent(err) {
				return nil, err
			}
		}
	}
}
