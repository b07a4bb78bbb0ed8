package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	reflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

// Step 5: HTTP and gRPC in one process (README, "Step 5").

// started is a run in the background.
type started struct {
	api      string                // http://127.0.0.1:port of the HTTP API
	grpcConn *grpc.ClientConn      // a connection to the gRPC address
	logs     *servetest.SyncBuffer // run's stderr
	cancel   context.CancelFunc
	done     chan error // run's result
}

// wireHint is what a gRPC side that does not answer means in step 5.
const wireHint = "NewGRPCServer (todogrpc/grpcserver.go) builds the server that run serves on the gRPC address: " +
	"Unimplemented \"unknown service …\" means nothing is registered for that service yet"

// stuck ends every failure message: the hint command, from the stage folder.
const stuck = "(stuck? go run ../workshop hint stage05 5)"

// notWrittenYet matches the error of the exercise's stubs: "… is not written
// yet: do stage 05, step J".
var notWrittenYet = regexp.MustCompile(`(\S+) is not written yet: do stage 05, step (\d)`)

// earlierStep ends the test when err comes from the stub of an earlier step.
func earlierStep(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if m := notWrittenYet.FindStringSubmatch(err.Error()); m != nil && m[2] != "5" {
		t.Fatalf("step 5: %s failed because %s of step %s is not written yet: finish step %s first (go test ./todogrpc)", what, m[1], m[2], m[2])
	}
}

// start runs the command on port 0 (every address) over a new SQLite file,
// with the extra flags, waits until it logs its three addresses, and
// connects to the gRPC one.
func start(t *testing.T, flags ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{logs: &servetest.SyncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	args := append([]string{"-http-addr", "127.0.0.1:0", "-grpc-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0",
		"-db", filepath.Join(t.TempDir(), "todo.db")}, flags...)
	go func() { s.done <- run(ctx, args, s.logs) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})

	api := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	rpc := regexp.MustCompile(`transport=gRPC addr=(\S+)`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-s.done:
			s.done <- err // for Cleanup
			t.Fatalf("step 5: run(%q) returned at once: %v\nlogs:\n%s", args, err, s.logs)
		default:
		}
		a, g := api.FindStringSubmatch(s.logs.String()), rpc.FindStringSubmatch(s.logs.String())
		if a != nil && g != nil {
			s.api = "http://" + a[1]
			conn, err := grpc.NewClient(g[1], grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { conn.Close() })
			s.grpcConn = conn
			return s
		}
	}
	t.Fatalf("step 5: run did not log \"transport=HTTP addr=…\" and \"transport=gRPC addr=…\" within 10s; logs:\n%s", s.logs)
	return nil
}

// stopped cancels run's context, as SIGINT or SIGTERM would, and returns
// run's result.
func (s *started) stopped(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(15 * time.Second):
		t.Fatalf("step 5: run did not return within 15s of its context being cancelled; logs:\n%s", s.logs)
		return nil
	}
}

// fetch sends one HTTP request and returns the status and the body.
func fetch(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	request, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		request.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("step 5: %s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

// codeAndMessage describes a gRPC error for a failure message.
func codeAndMessage(err error) string {
	if err == nil {
		return "no error"
	}
	st := status.Convert(err)
	return st.Code().String() + " " + strconv.Quote(st.Message())
}

func TestStep5OneServiceTwoTransports(t *testing.T) {
	s := start(t)
	client := todov1.NewTodoServiceClient(s.grpcConn)
	ctx := context.Background()

	// Created over gRPC, read over HTTP.
	created, err := client.Create(ctx, &todov1.CreateRequest{Title: "from gRPC"})
	earlierStep(t, "the Create rpc", err)
	if err != nil {
		t.Fatalf("step 5: the Create rpc on the real server answered %s; want OK and the new todo.\n%s %s", codeAndMessage(err), wireHint, stuck)
	}
	id := strconv.FormatInt(created.GetTodo().GetId(), 10)
	if code, body := fetch(t, "GET", s.api+"/todos/"+id, ""); code != http.StatusOK || !strings.Contains(body, `"title":"from gRPC"`) {
		t.Fatalf("step 5: GET /todos/%s after the Create rpc answered %d %s; want 200 and the todo: "+
			"both transports serve the same endpoints, over the same store %s", id, code, body, stuck)
	}

	// Created over HTTP, read over gRPC.
	code, body := fetch(t, "POST", s.api+"/todos", `{"title": "from HTTP"}`)
	var fromHTTP struct{ ID int64 }
	if code != http.StatusCreated || json.Unmarshal([]byte(body), &fromHTTP) != nil {
		t.Fatalf("step 5: POST /todos answered %d %s; want 201 and the todo", code, body)
	}
	got, err := client.Get(ctx, &todov1.GetRequest{Id: fromHTTP.ID})
	if err != nil || got.GetTodo().GetTitle() != "from HTTP" {
		t.Fatalf("step 5: the Get rpc for the todo made over HTTP answered %v, %s; want it %s", got.GetTodo(), codeAndMessage(err), stuck)
	}
	_, err = client.Get(ctx, &todov1.GetRequest{Id: 999})
	if st := status.Convert(err); st.Code() != codes.NotFound || st.Message() != "todo 999 not found" {
		t.Fatalf("step 5: the Get rpc for an unknown id answered %s; want NotFound \"todo 999 not found\" %s", codeAndMessage(err), stuck)
	}

	// A stop lets both servers finish, and run returns nil.
	if err := s.stopped(t); err != nil {
		t.Fatalf("step 5: after its context was cancelled, run returned %v; want nil (a clean stop exits 0) %s", err, stuck)
	}
	if !strings.Contains(s.logs.String(), "msg=stopped") {
		t.Fatalf("step 5: run returned without logging msg=stopped; logs:\n%s", s.logs)
	}
}

func TestStep5HealthAndReflection(t *testing.T) {
	s := start(t)
	ctx := context.Background()

	health := healthgrpc.NewHealthClient(s.grpcConn)
	for _, service := range []string{"", "todo.v1.TodoService"} {
		resp, err := health.Check(ctx, &healthgrpc.HealthCheckRequest{Service: service})
		if err != nil || resp.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
			t.Fatalf("step 5: the health check of %q answered %v, %s; want SERVING: a load balancer asks it before sending calls; "+
				"\"\" is the whole server, a name one service (NotFound: that name has no status yet).\n%s %s",
				service, resp.GetStatus(), codeAndMessage(err), wireHint, stuck)
		}
	}

	stream, err := reflectiongrpc.NewServerReflectionClient(s.grpcConn).ServerReflectionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.CloseSend()
	err = stream.Send(&reflectiongrpc.ServerReflectionRequest{
		MessageRequest: &reflectiongrpc.ServerReflectionRequest_ListServices{},
	})
	var services []string
	if err == nil {
		var resp *reflectiongrpc.ServerReflectionResponse
		if resp, err = stream.Recv(); err == nil {
			for _, svc := range resp.GetListServicesResponse().GetService() {
				services = append(services, svc.GetName())
			}
		}
	}
	if !slices.Contains(services, "todo.v1.TodoService") || !slices.Contains(services, "grpc.health.v1.Health") {
		t.Fatalf("step 5: server reflection lists %q (%s); want todo.v1.TodoService and grpc.health.v1.Health: "+
			"grpcurl asks reflection what the server offers.\n%s %s", services, codeAndMessage(err), wireHint, stuck)
	}
}

func TestStep5MiddlewareGuardsBothTransports(t *testing.T) {
	// A burst of 2 and then almost nothing: the third request is refused,
	// whatever transport carries it.
	s := start(t, "-rate-limit", "0.001", "-rate-burst", "2")
	client := todov1.NewTodoServiceClient(s.grpcConn)
	ctx := context.Background()

	if _, err := client.List(ctx, &todov1.ListRequest{}); err != nil {
		earlierStep(t, "the List rpc", err)
		t.Fatalf("step 5: the List rpc answered %s; want the list.\n%s %s", codeAndMessage(err), wireHint, stuck)
	}
	if code, body := fetch(t, "GET", s.api+"/todos", ""); code != http.StatusOK {
		t.Fatalf("step 5: GET /todos, the second request of a burst of 2, answered %d %s; want 200 %s", code, body, stuck)
	}
	_, err := client.List(ctx, &todov1.ListRequest{})
	if st := status.Convert(err); st.Code() != codes.ResourceExhausted || st.Message() != "rate limited" {
		t.Fatalf("step 5: the third request, over gRPC, answered %s; want ResourceExhausted \"rate limited\": "+
			"the rate limit is endpoint middleware, shared by both transports, and toStatus (step 2) names its kind %s", codeAndMessage(err), stuck)
	}
	if code, _ := fetch(t, "GET", s.api+"/todos", ""); code != http.StatusTooManyRequests {
		t.Fatalf("step 5: the fourth request, over HTTP, answered %d; want 429: one limit for both transports %s", code, stuck)
	}
	// The service's logging middleware saw the two calls that got through,
	// one from each transport.
	if n := strings.Count(s.logs.String(), "method=List"); n != 2 {
		t.Fatalf("step 5: the service's log has %d lines with method=List; want 2 (one per transport; the refused ones never reached it)\nlogs:\n%s",
			n, s.logs)
	}
}

// logLine returns the first line of logs that holds every one of parts, or "".
func logLine(logs string, parts ...string) string {
	for _, line := range strings.Split(logs, "\n") {
		all := true
		for _, part := range parts {
			all = all && strings.Contains(line, part)
		}
		if all {
			return line
		}
	}
	return ""
}

// shortLines returns logs with every line cut to 160 characters: a panic's
// line holds its whole stack.
func shortLines(logs string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		if len(line) > 160 {
			line = line[:160] + "…"
		}
		b.WriteString("  " + line + "\n")
	}
	return b.String()
}

func TestStep5PanicsAndFailuresReachTheLog(t *testing.T) {
	// A Get endpoint with a behaviour per id: 1 found, 2 a panic, 3 a
	// failure of the server, 4 a domain answer.
	get := func(_ context.Context, request any) (any, error) {
		switch request.(todoendpoint.GetRequest).ID {
		case 2:
			panic("boom in the Get endpoint")
		case 3:
			return nil, errors.New("sqlite: disk I/O error")
		case 4:
			return todoendpoint.GetResponse{Err: todo.Errorf(todo.CodeNotFound, "todo 4 not found")}, nil
		}
		return todoendpoint.GetResponse{Todo: todo.Todo{ID: 1, Title: "found", CreatedAt: time.Now(), UpdatedAt: time.Now()}}, nil
	}
	list := func(context.Context, any) (any, error) { return todoendpoint.ListResponse{}, nil }

	// The caller's options: an interceptor chained in opts that panics on
	// List, and, outermost of all, a safety net that catches any panic
	// that nothing else recovered, so that it fails this test instead of
	// ending the whole test binary.
	var (
		mu      sync.Mutex
		escaped string // the first panic the safety net caught
	)
	escapedPanic := func() string { mu.Lock(); defer mu.Unlock(); return escaped }
	safetyNet := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if p := recover(); p != nil {
				mu.Lock()
				if escaped == "" {
					escaped = fmt.Sprint(p)
				}
				mu.Unlock()
				resp, err = nil, status.Error(codes.DataLoss, "the panic escaped the server's recovery")
			}
		}()
		return handler(ctx, req)
	}
	panicOnList := func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if strings.HasSuffix(info.FullMethod, "/List") {
			panic("boom in the caller's interceptor")
		}
		return handler(ctx, req)
	}

	logs := &servetest.SyncBuffer{}
	server, _ := func() (*grpc.Server, *health.Server) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("step 5: NewGRPCServer, given the options UnaryInterceptor(a safety net) and ChainUnaryInterceptor(another), panicked: %v.\n"+
					"A caller must be able to add its own interceptors with either option %s", p, stuck)
			}
		}()
		return todogrpc.NewGRPCServer(todoendpoint.Endpoints{GetEndpoint: get, ListEndpoint: list}, log.NewLogfmtLogger(logs),
			grpc.UnaryInterceptor(safetyNet), grpc.ChainUnaryInterceptor(panicOnList))
	}()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go server.Serve(listener)
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient(listener.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	client := todov1.NewTodoServiceClient(conn)
	ctx := context.Background()

	if _, err := client.Get(ctx, &todov1.GetRequest{Id: 1}); err != nil {
		earlierStep(t, "the Get rpc", err)
		t.Fatalf("step 5: the Get rpc of NewGRPCServer answered %s; want OK and the todo.\n%s %s", codeAndMessage(err), wireHint, stuck)
	}

	// A panic in the endpoint.
	_, err = client.Get(ctx, &todov1.GetRequest{Id: 2})
	if p := escapedPanic(); p != "" {
		t.Fatalf("step 5: a panic in the Get endpoint (%q) reached the outermost interceptor of the test: without it, it would have "+
			"ended the whole server and every call in flight. Was recovery installed, and did the caller's options leave it in place? %s", p, stuck)
	}
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("step 5: the Get rpc whose endpoint panics answered %s; want Internal \"internal error\": the caller learns the call failed, "+
			"and nothing of the panic %s", codeAndMessage(err), stuck)
	}
	if line := logLine(logs.String(), "boom in the Get endpoint"); line == "" || !strings.Contains(line, "transport=gRPC") {
		t.Fatalf("step 5: after a panic in the Get rpc, the log line with the panic is\n%swant one that holds transport=gRPC: "+
			"an operator looking for the gRPC transport's failures must find it %s", shortLines(line), stuck)
	}

	// A panic in an interceptor the caller chained in opts.
	_, err = client.List(ctx, &todov1.ListRequest{})
	if p := escapedPanic(); p != "" {
		t.Fatalf("step 5: a panic in an interceptor that the caller gave in opts (%q) escaped the server's recovery: "+
			"recovery that runs inside the caller's interceptors cannot catch their panics %s", p, stuck)
	}
	if status.Code(err) != codes.Internal {
		t.Fatalf("step 5: the List rpc whose interceptor panics answered %s; want Internal %s", codeAndMessage(err), stuck)
	}
	if _, err := client.Get(ctx, &todov1.GetRequest{Id: 1}); err != nil {
		t.Fatalf("step 5: after two panics, the Get rpc answered %s; want OK: one panic fails one call, the server goes on %s", codeAndMessage(err), stuck)
	}

	// A failure of the server, and a domain answer.
	_, err = client.Get(ctx, &todov1.GetRequest{Id: 3})
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Fatalf("step 5: the Get rpc whose endpoint fails with an SQLite error answered %s; want Internal \"internal error\" (step 2) %s", codeAndMessage(err), stuck)
	}
	if line := logLine(logs.String(), "disk I/O error"); line == "" || !strings.Contains(line, "transport=gRPC") {
		t.Fatalf("step 5: after a Get rpc that answered Internal, the log line with its error (sqlite: disk I/O error) is %q; "+
			"want one that holds transport=gRPC: the client only learned \"internal error\", the log is the only place left for the cause. The log:\n%s%s",
			line, shortLines(logs.String()), stuck)
	}
	_, err = client.Get(ctx, &todov1.GetRequest{Id: 4})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("step 5: the Get rpc whose endpoint answers not found answered %s; want NotFound (steps 1 to 3) %s", codeAndMessage(err), stuck)
	}
	if line := logLine(logs.String(), "todo 4 not found"); line != "" {
		t.Fatalf("step 5: the log has %q; want no line for a not-found: it is an answer of the service, not a failure, "+
			"and the HTTP side does not log it either %s", line, stuck)
	}
}

func TestStep5NotServingBeforeDraining(t *testing.T) {
	// The grace is as long as a loaded machine may need for the checks
	// below; the test waits it out once.
	s := start(t, "-shutdown-grace", "3s")
	health := healthgrpc.NewHealthClient(s.grpcConn)
	client := todov1.NewTodoServiceClient(s.grpcConn)
	ctx := context.Background()
	if resp, err := health.Check(ctx, &healthgrpc.HealthCheckRequest{}); err != nil || resp.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
		t.Fatalf("step 5: before the stop, the health check answered %v, %s; want SERVING.\n%s %s", resp.GetStatus(), codeAndMessage(err), wireHint, stuck)
	}

	// The stop's first phase (serve.Group): the OnStop funcs, then
	// msg="not ready", then the grace period, still serving.
	s.cancel()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(s.logs.String(), `msg="not ready"`); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("step 5: run did not log msg=\"not ready\" within 10s of its context being cancelled; logs:\n%s", s.logs)
		}
	}
	for _, service := range []string{"", "todo.v1.TodoService"} {
		resp, err := health.Check(ctx, &healthgrpc.HealthCheckRequest{Service: service})
		if err != nil || resp.GetStatus() != healthgrpc.HealthCheckResponse_NOT_SERVING {
			t.Fatalf("step 5: once run stopped being ready, the health check of %q answered %v, %s; want NOT_SERVING: "+
				"a load balancer must stop sending calls before the server stops taking them. run reports it with the "+
				"health service NewGRPCServer returns: is it the one the server serves? %s", service, resp.GetStatus(), codeAndMessage(err), stuck)
		}
	}
	if _, err := client.Create(ctx, &todov1.CreateRequest{Title: "during the grace period"}); err != nil {
		t.Fatalf("step 5: during the grace period, the Create rpc answered %s; want OK: not ready is not stopped, "+
			"the calls already on their way must still succeed %s", codeAndMessage(err), stuck)
	}
	if code, body := fetch(t, "POST", s.api+"/todos", `{"title": "during the grace period"}`); code != http.StatusCreated {
		t.Fatalf("step 5: during the grace period, POST /todos answered %d %s; want 201", code, body)
	}
	if err := s.stopped(t); err != nil {
		t.Fatalf("step 5: after the grace period, run returned %v; want nil %s", err, stuck)
	}
}

func TestStep5SilentConnectionsAreClosed(t *testing.T) {
	t.Parallel() // it waits for ConnectionTimeout
	silent := func(opts ...grpc.ServerOption) (time.Duration, error) {
		server, _ := todogrpc.NewGRPCServer(todoendpoint.Endpoints{}, log.NewNopLogger(), opts...)
		listener, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go server.Serve(listener)
		defer server.Stop()
		conn, err := net.Dial("tcp", listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// Send nothing, and read: the server's first bytes (its SETTINGS)
		// and then, once it gives up on the handshake, the end.
		begin := time.Now()
		conn.SetReadDeadline(begin.Add(6 * todogrpc.ConnectionTimeout))
		_, err = io.Copy(io.Discard, conn)
		return time.Since(begin), err
	}

	// grpc-go's default waits 120 s for a handshake; 6 × ConnectionTimeout
	// is well under it, and leaves a loaded machine room.
	if took, err := silent(); err != nil {
		t.Fatalf("step 5: a TCP connection to NewGRPCServer that sends nothing was still open after %v (%v); want it closed "+
			"within ConnectionTimeout (%v): until then it holds a goroutine and a file descriptor of the server, "+
			"and grpc-go's default waits 120 s. limits.go has the limits %s", took.Round(time.Second), err, todogrpc.ConnectionTimeout, stuck)
	}
	// The caller's options come after the limits, and win.
	if took, err := silent(grpc.ConnectionTimeout(100 * time.Millisecond)); err != nil || took > 4*time.Second {
		t.Fatalf("step 5: with the option grpc.ConnectionTimeout(100ms), a silent connection was closed after %v (%v); "+
			"want well before the default %v: the caller's options must come after the limits %s", took.Round(time.Millisecond), err, todogrpc.ConnectionTimeout, stuck)
	}
}
