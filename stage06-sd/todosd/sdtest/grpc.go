package sdtest

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-kit/log"
	"google.golang.org/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// GRPCServer is a real todo server on 127.0.0.1 that speaks gRPC: stage
// 05's todo.v1.TodoService over the finished service, on its own handle of
// a shared SQLite file. It counts the rpcs of the todo service it answers.
type GRPCServer struct {
	// Addr is the server's address, 127.0.0.1:port: its instance, what it
	// registers in etcd under the gRPC prefix.
	Addr string

	hits   atomic.Int64
	server *grpc.Server
	store  *sqlite.Store
	dead   atomic.Bool
}

// StartGRPCServer starts a gRPC server over the SQLite file at db and
// stops it when the test ends.
func StartGRPCServer(t testing.TB, db string) *GRPCServer {
	t.Helper()
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open the shared database %s: %v", db, err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	s := &GRPCServer{Addr: listener.Addr().String(), store: store}
	count := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if strings.HasPrefix(info.FullMethod, "/"+todov1.TodoService_ServiceDesc.ServiceName+"/") {
			s.hits.Add(1)
		}
		return handler(ctx, req)
	}
	s.server = grpc.NewServer(grpc.ChainUnaryInterceptor(todogrpc.Recover(log.NewNopLogger()), count))
	todov1.RegisterTodoServiceServer(s.server, todogrpc.NewServer(todoendpoint.New(todo.NewService(store, nil))))
	go s.server.Serve(listener)
	t.Cleanup(s.Kill)
	return s
}

// Hits returns how many rpcs of the todo service the server has answered
// or is answering.
func (s *GRPCServer) Hits() int64 { return s.hits.Load() }

// Kill stops the server at once, as a crash would: the listener and every
// connection close, rpcs in flight fail. It deregisters nothing.
func (s *GRPCServer) Kill() {
	if s.dead.Swap(true) {
		return
	}
	s.server.Stop()
	s.store.Close()
}

// RegisterGRPC puts s's address under the test's gRPC prefix, on a lease
// of InstanceTTL, as the server would register itself.
func (e *Etcd) RegisterGRPC(t testing.TB, s *GRPCServer) *Key {
	t.Helper()
	return e.Put(t, e.GRPCPrefix+s.Addr, s.Addr, InstanceTTL)
}
