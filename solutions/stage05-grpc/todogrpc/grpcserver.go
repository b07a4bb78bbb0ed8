package todogrpc

import (
	grpctransport "github.com/go-kit/kit/transport/grpc"
	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// NewGRPCServer returns a gRPC server that serves the endpoints as
// todo.v1.TodoService (NewServer), with the connection limits of limits.go,
// the Recover interceptor, the standard health service and server
// reflection (so that grpcurl can list and describe the service without the
// .proto file), and that health service, for the caller to report the
// server not ready when it stops (its Shutdown: NOT_SERVING). opts are more
// server options, after the limits and the interceptor: a caller's
// grpc.ConnectionTimeout, say, replaces the limit's.
func NewGRPCServer(endpoints todoendpoint.Endpoints, logger log.Logger, opts ...grpc.ServerOption) (*grpc.Server, *health.Server) {
	options := append(connectionLimits(), grpc.ChainUnaryInterceptor(
		Recover(log.With(logger, "layer", "transport", "transport", "gRPC")),
	))
	server := grpc.NewServer(append(options, opts...)...)

	errorLogger := LogErrorHandler(log.With(logger, "transport", "gRPC"))
	todov1.RegisterTodoServiceServer(server, NewServer(endpoints, grpctransport.ServerErrorHandler(errorLogger)))

	healthServer := health.NewServer() // answers SERVING for the whole server ("")
	healthServer.SetServingStatus(todov1.TodoService_ServiceDesc.ServiceName, healthgrpc.HealthCheckResponse_SERVING)
	healthgrpc.RegisterHealthServer(server, healthServer)

	reflection.Register(server)
	return server, healthServer
}
