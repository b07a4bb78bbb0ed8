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
// and wraps them in the endpoint middleware, set by cfg; the metrics are
// registered on reg. What each part must see:
//
//   - the service's log (layer=service) and its metrics
//     (todo_service_*) hold only the calls that reached the service: a
//     request refused by the rate limit or by a breaker is in neither;
//   - todo_endpoint_duration_seconds times every request of every method,
//     the refused ones included (success="false");
//   - requests over the rate limit (cfg.RateLimit a second, bursts of
//     cfg.RateBurst, one limit for the whole server) are refused, and a
//     flood of them never opens a breaker;
//   - each method's breaker opens after cfg.BreakerFailures failures of
//     the service in a row, refuses for cfg.BreakerTimeout, and logs its
//     changes with layer=endpoint.
func Endpoints(service todo.Service, cfg Config, logger log.Logger, reg prometheus.Registerer) (todoendpoint.Endpoints, error) {
	// TODO(stage04, step 4): the service and endpoint rings. Wrap the
	// service and its endpoints in the middleware of todomw (steps 1 and 2,
	// and the provided ones) so that each part sees what the list above
	// says: decide which ring each one belongs to and the order in which
	// they wrap each other. Until then, these are stage 03's endpoints,
	// with no middleware at all.
	return todoendpoint.New(service), nil
}

// HTTPHandler puts endpoints on HTTP, each todo's url based on publicURL
// ("" for the request's host). A panic anywhere under it (in the HTTP
// handler, the endpoints, the service) answers 500 {"error":"internal
// error"} and is logged with layer=transport, and the server goes on
// serving.
func HTTPHandler(endpoints todoendpoint.Endpoints, publicURL string, logger log.Logger) http.Handler {
	errorLogger := transport.NewLogErrorHandler(log.With(logger, "transport", "HTTP"))
	// TODO(stage04, step 4): the transport ring: a panic anywhere under
	// this handler becomes step 3's logged 500, with layer=transport.
	return todohttp.NewHandler(endpoints, publicURL, httptransport.ServerErrorHandler(errorLogger))
}
