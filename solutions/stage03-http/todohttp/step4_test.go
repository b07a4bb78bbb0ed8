package todohttp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 4: the HTTP client is a todo.Service (README, "Step 4"). Run:
// go test ./todohttp -run TestStep4

// newClient starts a server over a new SQLite file and returns a client of it.
func newClient(t *testing.T) todo.Service {
	t.Helper()
	base, _ := newServer(t)
	client, err := NewClient(base)
	if err != nil {
		t.Fatalf("NewClient(%q) = %v; want a client", base, err)
	}
	return client
}

// answering starts a server that answers every request with status and
// body, and returns the client endpoints of it.
func answering(t *testing.T, status int, body string) todoendpoint.Endpoints {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		header := w.Header()
		header.Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	endpoints, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return endpoints
}

func TestStep4ClientCreatesAndGets(t *testing.T) {
	needSteps(t, 4, 3)
	client := newClient(t)
	ctx := context.Background()

	created, err := client.Create(ctx, "Buy milk", 4)
	if err != nil {
		fatalf(t, 4, "client.Create(ctx, \"Buy milk\", 4) = %v; want the new todo: the server answered 201 and the todo, "+
			"the status a create wants (readAnswer, client.go)", err)
	}
	if created.ID <= 0 || created.Title != "Buy milk" || created.Order != 4 || created.CreatedAt.IsZero() {
		fatalf(t, 4, "client.Create(ctx, \"Buy milk\", 4) returned %+v; want the todo the server made, read from the answer's body", created)
	}
	got, err := client.Get(ctx, created.ID)
	if err != nil || !todotest.Same(got, created) {
		fatalf(t, 4, "client.Get(ctx, %d) = %+v, %v; want %+v", created.ID, got, err, created)
	}
}

func TestStep4ClientDeletes(t *testing.T) {
	needSteps(t, 4, 3)
	client := newClient(t)
	ctx := context.Background()
	a, err := client.Create(ctx, "a", 0)
	if err != nil {
		fatalf(t, 4, "client.Create(ctx, \"a\", 0) = %v; want the new todo (readAnswer, client.go)", err)
	}
	if _, err := client.Create(ctx, "b", 0); err != nil {
		t.Fatal(err)
	}
	if err := client.Delete(ctx, a.ID); err != nil {
		fatalf(t, 4, "client.Delete(ctx, %d) = %v; want nil: the server answered 204 No Content, the status a delete wants, "+
			"with no body to read (decodeNoContent, client.go)", a.ID, err)
	}
	if err := client.DeleteAll(ctx); err != nil {
		fatalf(t, 4, "client.DeleteAll(ctx) = %v; want nil: the server answered 204 No Content (decodeNoContent, client.go)", err)
	}
	if list, err := client.List(ctx); err != nil || len(list) != 0 {
		fatalf(t, 4, "client.List(ctx) after DeleteAll = %d todos, %v; want none", len(list), err)
	}
}

func TestStep4DomainErrorsCrossTheWire(t *testing.T) {
	needSteps(t, 4, 3)
	client := newClient(t)
	ctx := context.Background()

	_, err := client.Get(ctx, 404404)
	if !errors.Is(err, todo.ErrNotFound) || !strings.Contains(err.Error(), "404404") {
		fatalf(t, 4, "client.Get of an unknown id = %v; want an error matching todo.ErrNotFound, with the server's message: "+
			"a 404 is the domain's answer, and the caller must tell it from a failure with errors.Is, as with the service itself", err)
	}
	_, err = client.Create(ctx, "   ", 0)
	if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), "empty") {
		fatalf(t, 4, "client.Create with a blank title = %v; want an error matching todo.ErrInvalid, with the server's message: "+
			"a 400 is the domain's answer too", err)
	}
	err = client.Delete(ctx, 404404)
	if !errors.Is(err, todo.ErrNotFound) {
		fatalf(t, 4, "client.Delete of an unknown id = %v; want an error matching todo.ErrNotFound: the server answered 404, "+
			"which a 204-answering call must read as the domain's answer too (decodeNoContent, client.go)", err)
	}
}

// TestStep4ServerTroubleIsAnEndpointError: what is not the domain's answer
// is a failure of the call, which the endpoint returns, so that a circuit
// breaker or a retry (stages 04 and 06) sees it; a domain error must not be
// returned there, or a breaker would open on "not found".
func TestStep4ServerTroubleIsAnEndpointError(t *testing.T) {
	needSteps(t, 4, 3)
	for _, tc := range []struct {
		what   string
		status int
		body   string
		want   string // in the error
	}{
		{"a server answering 503 (a proxy with no server behind it)", 503, `{"error": "try later"}`, "503"},
		{"a server answering 500", 500, `{"error": "internal error"}`, "500"},
		{"a server answering 200 with a body that is no todo", 200, `<html>hello</html>`, ""},
	} {
		endpoints := answering(t, tc.status, tc.body)
		resp, err := endpoints.GetEndpoint(context.Background(), todoendpoint.GetRequest{ID: 1})
		if err == nil {
			fatalf(t, 4, "the Get client endpoint, against %s, returned (%+v, nil); want (nil, an error): "+
				"a failure of the call is the endpoint's error, not a response (readAnswer, client.go)", tc.what, resp)
		}
		if errors.Is(err, todo.ErrNotFound) || errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			fatalf(t, 4, "the Get client endpoint, against %s, returned the error %q; want an error that is no domain error "+
				"and says what the server answered", tc.what, err)
		}
	}

	endpoints := answering(t, 404, `{"error": "todo 1 not found"}`)
	resp, err := endpoints.GetEndpoint(context.Background(), todoendpoint.GetRequest{ID: 1})
	if err != nil {
		fatalf(t, 4, "the Get client endpoint, against a server answering 404, returned the error %q; want a response "+
			"that failed, and no endpoint error: a not-found is an answer, not a failure of the call, "+
			"and must never open a circuit breaker", err)
	}
	if f, ok := resp.(todoendpoint.GetResponse); !ok || !errors.Is(f.Err, todo.ErrNotFound) {
		fatalf(t, 4, "the Get client endpoint, against a server answering 404, returned %+v; want a GetResponse whose Err is not-found", resp)
	}

	srv := httptest.NewServer(http.NotFoundHandler())
	client, _ := NewClient(srv.URL)
	srv.Close() // nobody listens any more
	if _, err := client.Get(context.Background(), 1); err == nil || errors.Is(err, todo.ErrNotFound) {
		fatalf(t, 4, "client.Get with the server gone = %v; want a connection error, not a domain error", err)
	}
}

func TestStep4ClientKeepsTheContract(t *testing.T) {
	needSteps(t, 4, 3)
	todotest.Run(t, newClient)
}
