package todogrpc

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"testing"

	grpctransport "github.com/go-kit/kit/transport/grpc"
	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
)

// Helpers shared by the step tests.

// stuck ends every failure message of step k: the hint command, from the
// stage folder.
func stuck(k int) string {
	return fmt.Sprintf("(stuck? go run ../workshop hint stage05 %d)", k)
}

// notWrittenYet matches the error of the exercise's stubs: "… is not written
// yet: do stage 05, step J".
var notWrittenYet = regexp.MustCompile(`(\S+) is not written yet: do stage 05, step (\d)`)

// earlierStep ends the test of step k when err comes from the stub of an
// earlier step, so that the failure names the step to finish first instead
// of failing for that step's reason.
func earlierStep(t *testing.T, k int, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	m := notWrittenYet.FindStringSubmatch(err.Error())
	if m == nil {
		return
	}
	if j, _ := strconv.Atoi(m[2]); j < k {
		t.Fatalf("step %d: %s failed because %s of step %s is not written yet: finish step %s first", k, what, m[1], m[2], m[2])
	}
}

// noPanic ends the test of step k with a diagnosis if the function under
// test panicked: in a real server a panic in a handler ends the whole
// process (the test servers recover, a direct call does not).
func noPanic(t *testing.T, k int, what string) {
	t.Helper()
	if p := recover(); p != nil {
		t.Fatalf("step %d: %s panicked: %v\nwant an error instead: a type assertion on a value you do not control takes the two-value form %s", k, what, p, stuck(k))
	}
}

// newLog returns a buffer for a test server's log, printed if the test
// fails.
func newLog(t *testing.T) *servetest.SyncBuffer {
	t.Helper()
	logs := &servetest.SyncBuffer{}
	t.Cleanup(func() {
		if t.Failed() && logs.String() != "" {
			t.Logf("the gRPC server's log:\n%s", logs)
		}
	})
	return logs
}

// serve starts a real gRPC server on 127.0.0.1 with srv registered as the
// TodoService, until the test ends, and returns a connection to it. The
// server has the Recover interceptor, logging to logs, so that a panic in
// the code under test fails one call, not the whole test run.
func serve(t *testing.T, srv todov1.TodoServiceServer, logs *servetest.SyncBuffer) *grpc.ClientConn {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := log.NewLogfmtLogger(logs)
	gs := grpc.NewServer(grpc.ChainUnaryInterceptor(Recover(logger)))
	todov1.RegisterTodoServiceServer(gs, srv)
	go gs.Serve(listener)
	t.Cleanup(gs.Stop)

	conn, err := grpc.NewClient(listener.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// serveEndpoints serves the endpoints e with NewServer, as serve does, and
// returns a connection to it and the server's log. Errors of kit's servers
// are logged too (LogErrorHandler): when an rpc answers Internal, the log
// shows the error behind it.
func serveEndpoints(t *testing.T, e todoendpoint.Endpoints) (*grpc.ClientConn, *servetest.SyncBuffer) {
	t.Helper()
	logs := newLog(t)
	srv := NewServer(e, grpctransport.ServerErrorHandler(LogErrorHandler(log.NewLogfmtLogger(logs))))
	return serve(t, srv, logs), logs
}

// newRawClient starts the gRPC API over a new SQLite file and returns the
// generated client of it (no kit, no todogrpc client: the server alone is
// under test) and the service behind it, to look at the data directly.
func newRawClient(t *testing.T) (todov1.TodoServiceClient, todo.Service) {
	t.Helper()
	svc := todotest.NewService(t)
	conn, _ := serveEndpoints(t, todoendpoint.New(svc))
	return todov1.NewTodoServiceClient(conn), svc
}

// newClient starts the gRPC API over a new SQLite file and returns the
// todogrpc client of it, a todo.Service.
func newClient(t *testing.T) todo.Service {
	t.Helper()
	conn, _ := serveEndpoints(t, todoendpoint.New(todotest.NewService(t)))
	return NewClient(conn)
}

// codeAndMessage describes a gRPC error for a failure message.
func codeAndMessage(err error) string {
	if err == nil {
		return "no error"
	}
	st := status.Convert(err)
	return st.Code().String() + " " + `"` + st.Message() + `"`
}

// mustCreate creates a todo through the service itself (the stage 01
// solution), or ends the test.
func mustCreate(t *testing.T, svc todo.Service, title string, order int64) todo.Todo {
	t.Helper()
	created, err := svc.Create(context.Background(), title, order)
	if err != nil {
		t.Fatalf("svc.Create(ctx, %q, %d) = %v; the stage 01 service must work before the transport can", title, order, err)
	}
	return created
}

// showPatch writes a patch for a failure message: the values, not the
// pointers.
func showPatch(p todo.Patch) string {
	title, completed, order := "nil", "nil", "nil"
	if p.Title != nil {
		title = fmt.Sprintf("%q", *p.Title)
	}
	if p.Completed != nil {
		completed = fmt.Sprint(*p.Completed)
	}
	if p.Order != nil {
		order = fmt.Sprint(*p.Order)
	}
	return fmt.Sprintf("{Title: %s, Completed: %s, Order: %s}", title, completed, order)
}
