package main

import (
	"net/http"
	"time"

	"github.com/go-kit/kit/transport"
	grpctransport "github.com/go-kit/kit/transport/grpc"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// wire builds the onion on the store, inside out, and puts the one set of
// endpoints on two transports. Each layer wraps the one before it, so the
// last wrapper written is the first to see a request:
//
//	Recover → HTTP handler ─┐
//	                        ├→ EndpointDuration → RateLimit → CircuitBreaker
//	Recover → gRPC server ──┘    → endpoint → Logging → Instrumenting → service → store
//
// Its metrics are registered on reg. It is stage 05's wiring, unchanged:
// discovery adds nothing to the server but its registrations (register.go).
func wire(store todo.Store, cfg config, logger log.Logger, reg prometheus.Registerer) (http.Handler, *grpc.Server, error) {
	m, err := todomw.NewMetrics(reg)
	if err != nil {
		return nil, nil, err
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

	// Transport two: gRPC, on the same endpoints.
	return handler, newGRPCServer(endpoints, logger), nil
}

// newGRPCServer returns a gRPC server that serves the endpoints as
// todo.v1.TodoService, with stage 05's Recover interceptor, the standard
// health service and server reflection (so that grpcurl works).
func newGRPCServer(endpoints todoendpoint.Endpoints, logger log.Logger) *grpc.Server {
	server := grpc.NewServer(grpc.ChainUnaryInterceptor(
		todogrpc.Recover(log.With(logger, "layer", "transport", "transport", "gRPC")),
	))

	errorLogger := todogrpc.LogErrorHandler(log.With(logger, "transport", "gRPC"))
	todov1.RegisterTodoServiceServer(server, todogrpc.NewServer(endpoints, grpctransport.ServerErrorHandler(errorLogger)))

	healthServer := health.NewServer() // answers SERVING for the whole server ("")
	healthServer.SetServingStatus(todov1.TodoService_ServiceDesc.ServiceName, healthgrpc.HealthCheckResponse_SERVING)
	healthgrpc.RegisterHealthServer(server, healthServer)

	reflection.Register(server)
	return server
}
