package onion

import (
	"net/http"

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

// Endpoints wraps service in the service middleware, makes its endpoints
// and wraps them in the endpoint middleware, set by cfg; the metrics are
// registered on reg. What a client, the log and /metrics must show:
//
//   - a request over the rate limit (cfg.RateLimit a second, bursts of
//     cfg.RateBurst, one limit for the whole server) is answered 429, and
//     so is every request of a flood, however long: the service behind is
//     healthy, so no client is ever answered 503 because others flooded it;
//   - when the service fails cfg.BreakerFailures times in a row in one
//     method, that method answers 503 for cfg.BreakerTimeout without calling
//     the service, the other methods answer as usual, and each change of
//     the breaker is logged with layer=endpoint;
//   - todo_endpoint_duration_seconds is the record of what clients got: one
//     observation per request a client sent, whatever its answer, with
//     success="false" for each answer that is an error (a 429 and a 503
//     too);
//   - the service's log lines (layer=service) and todo_service_* hold the
//     service's own work: the calls it made, and no others.
func Endpoints(service todo.Service, cfg Config, logger log.Logger, reg prometheus.Registerer) (todoendpoint.Endpoints, error) {
	m, err := todomw.NewMetrics(reg)
	if err != nil {
		return todoendpoint.Endpoints{}, err
	}

	// Service middleware, around the service: it sees the service's own
	// arguments. Logging is outermost, so its "took" includes the metrics.
	service = todomw.Instrumenting(m)(service)
	service = todomw.Logging(log.With(logger, "layer", "service"))(service)

	// Endpoint middleware, around each endpoint; the first is the outermost.
	// A request over the rate limit is timed (EndpointDuration, success=false)
	// but never reaches the breaker, nor the service and its metrics.
	return todoendpoint.New(service,
		todomw.EndpointDuration(m.EndpointDuration),
		todomw.RateLimit(rate.NewLimiter(rate.Limit(cfg.RateLimit), cfg.RateBurst)),
		todomw.CircuitBreaker(uint32(cfg.BreakerFailures), cfg.BreakerTimeout, log.With(logger, "layer", "endpoint")),
	), nil
}

// HTTPHandler puts endpoints on HTTP, each todo's url based on publicURL
// ("" for the address that accepted the connection). A panic anywhere under it (in the HTTP
// handler, the endpoints, the service) answers 500 {"error":"internal
// error"} and is logged with layer=transport, and the server goes on
// serving.
func HTTPHandler(endpoints todoendpoint.Endpoints, publicURL string, logger log.Logger) http.Handler {
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	var handler http.Handler
	handler = todohttp.NewHandler(endpoints, publicURL, httptransport.ServerErrorHandler(errorLogger))

	// Transport middleware, around the handler: a panic anywhere inside
	// becomes a logged 500.
	handler = todomw.Recover(log.With(logger, "layer", "transport"), handler)
	return handler
}
