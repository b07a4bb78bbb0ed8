package baseline

import (
	"context"
	"log/slog"
	"runtime/debug"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// GRPCServer is the todo.v1.TodoService written by hand over a todo.Service:
// each rpc converts its request, calls the service and converts the answer.
type GRPCServer struct {
	todov1.UnimplementedTodoServiceServer
	svc todo.Service
	log *slog.Logger
}

var _ todov1.TodoServiceServer = (*GRPCServer)(nil)

// NewGRPCServer returns the gRPC service of svc. logger gets internal errors
// and recovered panics; nil means slog.Default(). Register it with
// todov1.RegisterTodoServiceServer on a server made with
// grpc.UnaryInterceptor(s.Recover).
func NewGRPCServer(svc todo.Service, logger *slog.Logger) *GRPCServer {
	if logger == nil {
		logger = slog.Default()
	}
	return &GRPCServer{svc: svc, log: logger}
}

// Create adds a todo.
func (s *GRPCServer) Create(ctx context.Context, req *todov1.CreateRequest) (*todov1.CreateResponse, error) {
	t, err := s.svc.Create(ctx, req.GetTitle(), req.GetOrder())
	if err != nil {
		return nil, s.status("Create", err)
	}
	return &todov1.CreateResponse{Todo: toProto(t)}, nil
}

// Get returns one todo.
func (s *GRPCServer) Get(ctx context.Context, req *todov1.GetRequest) (*todov1.GetResponse, error) {
	t, err := s.svc.Get(ctx, req.GetId())
	if err != nil {
		return nil, s.status("Get", err)
	}
	return &todov1.GetResponse{Todo: toProto(t)}, nil
}

// List returns every todo.
func (s *GRPCServer) List(ctx context.Context, _ *todov1.ListRequest) (*todov1.ListResponse, error) {
	todos, err := s.svc.List(ctx)
	if err != nil {
		return nil, s.status("List", err)
	}
	out := make([]*todov1.Todo, len(todos))
	for i, t := range todos {
		out[i] = toProto(t)
	}
	return &todov1.ListResponse{Todos: out}, nil
}

// Update changes the fields the request sets.
func (s *GRPCServer) Update(ctx context.Context, req *todov1.UpdateRequest) (*todov1.UpdateResponse, error) {
	t, err := s.svc.Update(ctx, req.GetId(), todo.Patch{Title: req.Title, Completed: req.Completed, Order: req.Order})
	if err != nil {
		return nil, s.status("Update", err)
	}
	return &todov1.UpdateResponse{Todo: toProto(t)}, nil
}

// Delete removes one todo.
func (s *GRPCServer) Delete(ctx context.Context, req *todov1.DeleteRequest) (*todov1.DeleteResponse, error) {
	if err := s.svc.Delete(ctx, req.GetId()); err != nil {
		return nil, s.status("Delete", err)
	}
	return &todov1.DeleteResponse{}, nil
}

// DeleteAll removes every todo.
func (s *GRPCServer) DeleteAll(ctx context.Context, _ *todov1.DeleteAllRequest) (*todov1.DeleteAllResponse, error) {
	if err := s.svc.DeleteAll(ctx); err != nil {
		return nil, s.status("DeleteAll", err)
	}
	return &todov1.DeleteAllResponse{}, nil
}

// Recover is a unary interceptor that turns a panic into an Internal error
// and logs it: unlike net/http, a gRPC server dies of a handler's panic.
func (s *GRPCServer) Recover(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic recovered", "method", info.FullMethod, "panic", p, "stack", string(debug.Stack()))
			err = status.Error(codes.Internal, "internal error")
		}
	}()
	return handler(ctx, req)
}

// status returns the gRPC status of an error of the service: the domain
// error's message with InvalidArgument or NotFound, or "internal error" with
// Internal, logged.
func (s *GRPCServer) status(method string, err error) error {
	switch todo.ErrorCode(err) {
	case todo.CodeInvalid:
		return status.Error(codes.InvalidArgument, todo.ErrorMessage(err))
	case todo.CodeNotFound:
		return status.Error(codes.NotFound, todo.ErrorMessage(err))
	}
	if code := status.FromContextError(err).Code(); code == codes.Canceled || code == codes.DeadlineExceeded {
		return status.Error(code, err.Error())
	}
	s.log.Error("rpc failed", "method", method, "err", err)
	return status.Error(codes.Internal, "internal error")
}

// toProto returns the wire form of t.
func toProto(t todo.Todo) *todov1.Todo {
	return &todov1.Todo{
		Id: t.ID, Title: t.Title, Completed: t.Completed, Order: t.Order,
		CreatedAt: timestamppb.New(t.CreatedAt), UpdatedAt: timestamppb.New(t.UpdatedAt),
	}
}
