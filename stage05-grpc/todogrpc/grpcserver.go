package todogrpc

import (
	"github.com/go-kit/log"
	"google.golang.org/grpc"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// NewGRPCServer returns a gRPC server that serves the endpoints as
// todo.v1.TodoService (NewServer), with the Recover interceptor, the
// standard health service and server reflection (so that grpcurl can list
// and describe the service without the .proto file). opts are more server
// options, after the interceptor.
func NewGRPCServer(endpoints todoendpoint.Endpoints, logger log.Logger, opts ...grpc.ServerOption) *grpc.Server {
	// TODO(stage05, step 5): put the endpoints on gRPC.
	//   1. server := grpc.NewServer(grpc.ChainUnaryInterceptor(
	//          Recover(log.With(logger, "layer", "transport", "transport", "gRPC"))),
	//          opts...) (the interceptor first, then opts);
	//   2. Register NewServer(endpoints, an option that logs errors:
	//      grpctransport.ServerErrorHandler(LogErrorHandler(
	//      log.With(logger, "transport", "gRPC")))) with
	//      todov1.RegisterTodoServiceServer(server, …).
	//   3. The health service: healthServer := health.NewServer(), then
	//      healthServer.SetServingStatus("todo.v1.TodoService",
	//      healthgrpc.HealthCheckResponse_SERVING) and
	//      healthgrpc.RegisterHealthServer(server, healthServer).
	//   4. reflection.Register(server), for grpcurl.
	// Until then the server answers every call Unimplemented.
	return grpc.NewServer(opts...)
}
