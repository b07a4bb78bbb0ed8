package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	reflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
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
