package main

import (
	"net/http"
	"time"

	"github.com/go-kit/kit/transport"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// wire builds the onion on the store, inside out. Each layer wraps the one
// before it, so the last wrapper written is the first to see a request:
//
//	Recover → HTTP handler → EndpointDuration → RateLimit → CircuitBreaker
//	        → endpoint → Logging → Instrumenting → service → store
//
// Its metrics are registered on reg.
func wire(store todo.Store, cfg config, logger log.Logger, reg prometheus.Registerer) (http.Handler, error) {
	// TODO(stage04, step 4): build the onion, as the comment above shows.
	//   1. m, err := todomw.NewMetrics(reg) (return the error if any);
	//   2. service middleware around the service: todomw.Instrumenting(m),
	//      then todomw.Logging(logger) outside it;
	//   3. endpoint middleware, given to todoendpoint.New in this order
	//      (the first is the outermost): todomw.EndpointDuration(
	//      m.EndpointDuration), todomw.RateLimit(rate.NewLimiter(
	//      rate.Limit(cfg.rateLimit), cfg.rateBurst)), todomw.CircuitBreaker(
	//      uint32(cfg.breakerFailures), cfg.breakerTimeout, logger);
	//   4. transport middleware around the handler: todomw.Recover(logger,
	//      handler).
	// Until then, this is stage 03's wiring, with no middleware at all.
	var service todo.Service
	service = todo.NewService(store, time.Now)

	var endpoints todoendpoint.Endpoints
	endpoints = todoendpoint.New(service)

	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	return todohttp.NewHandler(endpoints, cfg.publicURL, httptransport.ServerErrorHandler(errorLogger)), nil
}
