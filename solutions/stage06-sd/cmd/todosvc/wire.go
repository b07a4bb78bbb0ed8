package main

import (
	"net/http"
	"time"

	"github.com/go-kit/kit/transport"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// wire builds the onion on the store, inside out. Each layer wraps the one
// before it, so the last wrapper written is the first to see a request:
//
//	Recover → HTTP handler → EndpointDuration → RateLimit → CircuitBreaker
//	        → endpoint → Logging → Instrumenting → service → store
//
// Its metrics are registered on reg. It is stage 04's wiring, unchanged:
// discovery adds nothing to the server but its registration (register.go).
func wire(store todo.Store, cfg config, logger log.Logger, reg prometheus.Registerer) (http.Handler, error) {
	m, err := todomw.NewMetrics(reg)
	if err != nil {
		return nil, err
	}

	// Service middleware, around the service: it sees the service's own
	// arguments. Logging is outermost, so its "took" includes the metrics.
	var service todo.Service
	service = todo.NewService(store, time.Now)
	service = todomw.Instrumenting(m)(service)
	service = todomw.Logging(log.With(logger, "layer", "service"))(service)

	// Endpoint middleware, around each endpoint; the first is the outermost.
	// A request over the rate limit is timed (EndpointDuration, success=false)
	// but never reaches the breaker, nor the service and its metrics.
	var endpoints todoendpoint.Endpoints
	endpoints = todoendpoint.New(service,
		todomw.EndpointDuration(m.EndpointDuration),
		todomw.RateLimit(rate.NewLimiter(rate.Limit(cfg.rateLimit), cfg.rateBurst)),
		todomw.CircuitBreaker(uint32(cfg.breakerFailures), cfg.breakerTimeout, log.With(logger, "layer", "endpoint")),
	)

	// Transport middleware, around the handler: a panic anywhere inside
	// becomes a logged 500.
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	var handler http.Handler
	handler = todohttp.NewHandler(endpoints, cfg.publicURL, httptransport.ServerErrorHandler(errorLogger))
	handler = todomw.Recover(log.With(logger, "layer", "transport"), handler)
	return handler, nil
}
