// Package onion wraps the service in the middleware of stage 04, inside
// out. Each layer wraps the one before it, so the last wrapper written is
// the first to see a request:
//
//	Recover → HTTP handler → EndpointDuration → RateLimit → CircuitBreaker
//	        → endpoint → Logging → Instrumenting → service → store
//
// Endpoints builds everything under the transport, HTTPHandler the HTTP
// transport on top; stage 05 puts gRPC on the same endpoints.
package onion

import (
	"net/http"

	"github.com/go-kit/kit/transport"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// Endpoints wraps service in the service middleware, makes its endpoints
// and wraps them in the endpoint middleware, set by cfg. Its metrics are
// registered on reg.
func Endpoints(service todo.Service, cfg Config, logger log.Logger, reg prometheus.Registerer) (todoendpoint.Endpoints, error) {
	// TODO(stage04, step 4): build the onion under the transport, as the
	// package comment shows.
	//   1. m, err := todomw.NewMetrics(reg) (return the error if any);
	//   2. service middleware around the service: todomw.Instrumenting(m),
	//      then todomw.Logging(logger) outside it;
	//   3. endpoint middleware, given to todoendpoint.New in this order
	//      (the first is the outermost): todomw.EndpointDuration(
	//      m.EndpointDuration), todomw.RateLimit(rate.NewLimiter(
	//      rate.Limit(cfg.RateLimit), cfg.RateBurst)), todomw.CircuitBreaker(
	//      uint32(cfg.BreakerFailures), cfg.BreakerTimeout, logger).
	// Until then, these are stage 03's endpoints, with no middleware at all.
	return todoendpoint.New(service), nil
}

// HTTPHandler puts endpoints on HTTP, each todo's url based on publicURL
// ("" for the request's host), inside the recovering transport middleware.
func HTTPHandler(endpoints todoendpoint.Endpoints, publicURL string, logger log.Logger) http.Handler {
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	// TODO(stage04, step 4): transport middleware around the handler:
	// todomw.Recover(logger, handler).
	return todohttp.NewHandler(endpoints, publicURL, httptransport.ServerErrorHandler(errorLogger))
}
