package todogrpc

import (
	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// NewGRPCServer returns the gRPC server of cmd/todosvc: the endpoints as
// todo.v1.TodoService, with connection limits, panic recovery, the standard
// health service and server reflection (so that grpcurl can list and
// describe the service without the .proto file), and that health service,
// for the caller to report the server not ready when it stops. opts are
// more server options.
func NewGRPCServer(endpoints todoendpoint.Endpoints, logger log.Logger, opts ...grpc.ServerOption) (*grpc.Server, *health.Server) {
	// TODO(stage05, step 5): the whole gRPC server of cmd/todosvc.
	// In: the endpoints (stage 04's onion, shared with HTTP), a logger and
	// the caller's server options. Out: a *grpc.Server, not serving yet
	// (run's serve.Group serves and stops it), and its health service.
	// What its callers and its operator must observe:
	//   - it serves todo.v1.TodoService, NewServer's API;
	//   - a panic in any rpc, or in an interceptor the caller gave in opts,
	//     fails that one call with Internal, and the server goes on
	//     serving; the panic is in the log, as the gRPC transport's;
	//   - the error behind every Internal answer is in the log, as the gRPC
	//     transport's; the domain's answers are not logged;
	//   - the standard health service answers SERVING for the whole server
	//     and for todo.v1.TodoService, until run stops: then the health
	//     service returned answers NOT_SERVING for both, while the calls
	//     still succeed (main.go reports it first when it stops);
	//   - a connection that sends nothing is closed within
	//     ConnectionTimeout, and keeps the other limits of limits.go, unless
	//     the caller's opts say otherwise;
	//   - server reflection lists its services, for grpcurl.
	// The step 5 tests say which log lines they look for.
	// Until then it is an empty server: every call answers Unimplemented.
	return grpc.NewServer(opts...), health.NewServer()
}
