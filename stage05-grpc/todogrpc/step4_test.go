package todogrpc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
)

// Step 4: the gRPC client is a todo.Service (README, "Step 4").

func TestStep4ClientCreatesAndGets(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()

	created, err := client.Create(ctx, "Buy milk", 4)
	earlierStep(t, 4, "client.Create", err)
	if err != nil {
		t.Fatalf("step 4: client.Create(ctx, \"Buy milk\", 4) = %v; want the new todo.\n"+
			"The call goes through the client endpoint NewClient made for Create, wrapped in domainErrors %s", err, stuck(4))
	}
	if created.ID <= 0 || created.Title != "Buy milk" || created.Order != 4 || created.CreatedAt.IsZero() {
		t.Fatalf("step 4: client.Create returned %+v; want the todo the server made %s", created, stuck(4))
	}
	got, err := client.Get(ctx, created.ID)
	if err != nil || !todotest.Same(got, created) {
		t.Fatalf("step 4: client.Get(ctx, %d) = %+v, %v; want %+v: each rpc needs its own kit client, with its own reply type %s", created.ID, got, err, created, stuck(4))
	}
}

func TestStep4DomainErrorsCrossTheWire(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()

	_, err := client.Get(ctx, 404404)
	earlierStep(t, 4, "client.Get", err)
	if !errors.Is(err, todo.ErrNotFound) || !strings.Contains(err.Error(), "404404") {
		t.Fatalf("step 4: client.Get of an unknown id = %v; want an error matching todo.ErrNotFound with the server's message.\n"+
			"The server answered NotFound; kit's client returned that status as the endpoint's error, and nothing turned it back "+
			"into the domain error the service returned %s", err, stuck(4))
	}
	_, err = client.Create(ctx, "   ", 0)
	if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("step 4: client.Create with a blank title = %v; want an error matching todo.ErrInvalid with the server's message.\n"+
			"The server answered InvalidArgument: on the client it is the domain's invalid error again %s", err, stuck(4))
	}

	// At the endpoint level, a domain error is inside the response, and the
	// endpoint's own error is nil: circuit breakers and retries do not see it.
	endpoints := client.(todoendpoint.Endpoints)
	response, err := endpoints.GetEndpoint(ctx, todoendpoint.GetRequest{ID: 404404})
	resp, ok := response.(todoendpoint.GetResponse)
	if err != nil || !ok || !errors.Is(resp.Err, todo.ErrNotFound) {
		t.Fatalf("step 4: the Get client endpoint for an unknown id returned (%s, the error %v); "+
			"want (a todoendpoint.GetResponse with Err matching todo.ErrNotFound, nil): a domain error travels inside the response, "+
			"so that circuit breakers and retries (stage 06) never count a not-found as a failure %s", describeResponse(response), err, stuck(4))
	}
}

// failed returns the error a response carries, if it is a Failer.
func failed(response any) error {
	if failer, ok := response.(interface{ Failed() error }); ok {
		return failer.Failed()
	}
	return nil
}

// describeResponse describes an endpoint's response in a few words.
func describeResponse(response any) string {
	if response == nil {
		return "nil"
	}
	if err := failed(response); err != nil {
		return fmt.Sprintf("a %T with Err %q", response, err)
	}
	return fmt.Sprintf("a %T", response)
}

// clientWorks ends the test when the client cannot create and find a todo
// yet, before a longer test runs into it many times over.
func clientWorks(t *testing.T) {
	t.Helper()
	client := newClient(t)
	ctx := context.Background()
	created, err := client.Create(ctx, "first", 0)
	earlierStep(t, 4, "client.Create", err)
	if err != nil {
		t.Fatalf("step 4: client.Create = %v; want the new todo: make TestStep4ClientCreatesAndGets pass first %s", err, stuck(4))
	}
	if _, err := client.Get(ctx, created.ID+1); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 4: client.Get of an unknown id = %v; want an error matching todo.ErrNotFound: make TestStep4DomainErrorsCrossTheWire pass first %s", err, stuck(4))
	}
}

// troubleServer answers every rpc with Unavailable: the server is there, but
// refuses calls for a while (say, its circuit breaker is open).
type troubleServer struct {
	todov1.UnimplementedTodoServiceServer
}

func (troubleServer) Get(context.Context, *todov1.GetRequest) (*todov1.GetResponse, error) {
	return nil, status.New(codes.Unavailable, "service unavailable").Err()
}

func TestStep4OtherCodesAreEndpointErrors(t *testing.T) {
	conn := serve(t, troubleServer{}, newLog(t))
	endpoints := NewClient(conn)
	ctx := context.Background()

	resp, err := endpoints.GetEndpoint(ctx, todoendpoint.GetRequest{ID: 1})
	if resp != nil || status.Code(err) != codes.Unavailable {
		t.Fatalf("step 4: the Get client endpoint, against a server answering Unavailable, returned (%v, %s); "+
			"want (nil, the Unavailable status error as it is): a circuit breaker in front of this endpoint counts only the errors it returns, "+
			"so it would never open on a server that is down, and a retry would never try another instance %s", describeResponse(resp), codeAndMessage(err), stuck(4))
	}
	if errors.Is(err, todo.ErrNotFound) || errors.Is(err, todo.ErrInvalid) {
		t.Fatalf("step 4: an Unavailable answer gave %v, which matches a domain error; want a failure of the call %s", err, stuck(4))
	}
	if err := endpoints.Delete(ctx, 1); status.Code(err) != codes.Unimplemented {
		t.Fatalf("step 4: client.Delete against a server without the Delete rpc = %s; want Unimplemented, as the server answered: a caller told anything else would never learn that this server lacks the rpc %s", codeAndMessage(err), stuck(4))
	}

	// Nobody listens on this address any more: a connection error.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close()
	gone, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	if _, err := NewClient(gone).Get(ctx, 1); status.Code(err) != codes.Unavailable || errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 4: client.Get with no server = %v; want an Unavailable connection error, not a domain error %s", err, stuck(4))
	}
}

// TestStep4ClientsKeepTheContract runs the contract suite of stage 01
// against the gRPC client, and against the HTTP client of stage 03 for
// comparison: both must behave exactly like the service.
func TestStep4ClientsKeepTheContract(t *testing.T) {
	clientWorks(t)
	t.Run("gRPC", func(t *testing.T) { todotest.Run(t, newClient) })
	t.Run("HTTP", func(t *testing.T) { todotest.Run(t, newHTTPClient) })
}

// newHTTPClient starts the HTTP API of stage 03 over a new SQLite file and
// returns its client: the other transport, for comparison.
func newHTTPClient(t *testing.T) todo.Service {
	t.Helper()
	srv := httptest.NewServer(todohttp.NewHandler(todoendpoint.New(todotest.NewService(t)), ""))
	t.Cleanup(srv.Close)
	client, err := todohttp.NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// TestStep4GRPCAndHTTPClientsAgree sends the same calls through both
// transports, each over its own new store, and compares what comes back:
// the same todos, the same errors, the same messages.
func TestStep4GRPCAndHTTPClientsAgree(t *testing.T) {
	clientWorks(t)
	grpcClient, httpClient := newClient(t), newHTTPClient(t)
	ctx := context.Background()

	type outcome struct {
		todos    []todo.Todo
		err      string
		notFound bool
		invalid  bool
	}
	// one makes the result of a call that returns one todo a list.
	one := func(t todo.Todo, err error) ([]todo.Todo, error) { return []todo.Todo{t}, err }
	none := func(err error) ([]todo.Todo, error) { return nil, err }
	calls := []struct {
		name string
		call func(svc todo.Service) ([]todo.Todo, error)
	}{
		{`Create(" milk ", 2)`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Create(ctx, " milk ", 2)) }},
		{`Create("bread", 1)`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Create(ctx, "bread", 1)) }},
		{`Create("", 0)`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Create(ctx, "", 0)) }},
		{`Get(1)`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Get(ctx, 1)) }},
		{`Get(99)`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Get(ctx, 99)) }},
		{`Update(1, {})`, func(svc todo.Service) ([]todo.Todo, error) { return one(svc.Update(ctx, 1, todo.Patch{})) }},
		{`Update(1, {Completed: true, Order: 0})`, func(svc todo.Service) ([]todo.Todo, error) {
			return one(svc.Update(ctx, 1, todo.Patch{Completed: new(true), Order: new(int64(0))}))
		}},
		{`Update(99, {Title: "x"})`, func(svc todo.Service) ([]todo.Todo, error) {
			return one(svc.Update(ctx, 99, todo.Patch{Title: new("x")}))
		}},
		{`List()`, func(svc todo.Service) ([]todo.Todo, error) { return svc.List(ctx) }},
		{`Delete(2)`, func(svc todo.Service) ([]todo.Todo, error) { return none(svc.Delete(ctx, 2)) }},
		{`Delete(2) again`, func(svc todo.Service) ([]todo.Todo, error) { return none(svc.Delete(ctx, 2)) }},
		{`DeleteAll()`, func(svc todo.Service) ([]todo.Todo, error) { return none(svc.DeleteAll(ctx)) }},
		{`List() at the end`, func(svc todo.Service) ([]todo.Todo, error) { return svc.List(ctx) }},
	}
	run := func(svc todo.Service, call func(todo.Service) ([]todo.Todo, error)) outcome {
		todos, err := call(svc)
		o := outcome{todos: todos, notFound: errors.Is(err, todo.ErrNotFound), invalid: errors.Is(err, todo.ErrInvalid)}
		if err != nil {
			o.err, o.todos = err.Error(), nil
		}
		return o
	}
	// Times differ between the two stores; everything else must not.
	sameButTimes := func(a, b []todo.Todo) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			x, y := a[i], b[i]
			if x.ID != y.ID || x.Title != y.Title || x.Completed != y.Completed || x.Order != y.Order {
				return false
			}
		}
		return true
	}
	for _, c := range calls {
		g, h := run(grpcClient, c.call), run(httpClient, c.call)
		if g.err != h.err || g.notFound != h.notFound || g.invalid != h.invalid || !sameButTimes(g.todos, h.todos) {
			t.Fatalf("step 4: %s gave different outcomes:\n  gRPC: %+v\n  HTTP: %+v\n"+
				"want the same todos and the same error (text, errors.Is todo.ErrNotFound / todo.ErrInvalid) through both transports %s", c.name, g, h, stuck(4))
		}
	}
}
