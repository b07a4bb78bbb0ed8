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
	// TODO(stage05, step 5): the whole gRPC server of cmd/todosvc.
	// In: the endpoints (stage 04's onion, shared with HTTP), a logger and
	// the caller's server options. Out: a *grpc.Server, not serving yet
	// (run's serve.Group serves and stops it), that
	//   - survives a panic in any rpc: Recover, as a unary interceptor,
	//     ahead of the caller's options, logging with the keys
	//     layer=transport transport=gRPC;
	//   - serves todo.v1.TodoService: NewServer's API registered with the
	//     generated register function, given kit's error-handler server
	//     option with LogErrorHandler (keys transport=gRPC), so the error
	//     behind an Internal answer reaches the log and domain errors do not;
	//   - answers the standard health service SERVING, for the whole server
	//     ("") and for todo.v1.TodoService by name;
	//   - answers server reflection, for grpcurl.
	// Until then it is an empty server: every call answers Unimplemented.
	return grpc.NewServer(opts...)
}
