package baseline_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"

	"github.com/gokit-workshop/workshop/perf/baseline"
)

// newGRPCConn serves the baseline gRPC server over svc on loopback and
// returns a connection to it.
func newGRPCConn(t *testing.T, svc todo.Service) *grpc.ClientConn {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	api := baseline.NewGRPCServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s := grpc.NewServer(grpc.UnaryInterceptor(api.Recover))
	todov1.RegisterTodoServiceServer(s, api)
	go s.Serve(l)
	t.Cleanup(s.Stop)
	conn, err := grpc.NewClient("passthrough:///"+l.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestGRPCKeepsTheContract runs the contract suite against the baseline
// through stage 05's kit client: same rpcs, same status codes.
func TestGRPCKeepsTheContract(t *testing.T) {
	todotest.Run(t, func(t *testing.T) todo.Service {
		return todogrpc.NewClient(newGRPCConn(t, todotest.NewService(t)))
	})
}

// panicky is a service whose Get panics.
type panicky struct{ todo.Service }

func (panicky) Get(context.Context, int64) (todo.Todo, error) { panic("boom") }

func TestGRPCRecoversAndHidesInternals(t *testing.T) {
	store := todotest.NewStore(t)
	conn := newGRPCConn(t, panicky{todo.NewService(store, nil)})
	api := todov1.NewTodoServiceClient(conn)
	ctx := context.Background()
	if _, err := api.Get(ctx, &todov1.GetRequest{Id: 1}); status.Code(err) != codes.Internal || status.Convert(err).Message() != "internal error" {
		t.Fatalf("Get on a panicking service = %v; want Internal, \"internal error\"", err)
	}
	store.Close() // every call now fails inside the database
	if _, err := api.List(ctx, &todov1.ListRequest{}); status.Code(err) != codes.Internal || status.Convert(err).Message() != "internal error" {
		t.Fatalf("List on a closed store = %v; want Internal, \"internal error\"", err)
	}
}
