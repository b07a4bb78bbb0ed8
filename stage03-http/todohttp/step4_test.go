package todohttp

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 4: the HTTP client is a todo.Service (README, "Step 4").

// newClient starts a server over a new SQLite file and returns a client of it.
func newClient(t *testing.T) todo.Service {
	t.Helper()
	base, _ := newServer(t)
	client, err := NewClient(base)
	if err != nil {
		t.Fatalf("step 4: NewClient(%q) = %v; want a client", base, err)
	}
	return client
}

func TestStep4ClientCreatesAndGets(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()

	created, err := client.Create(ctx, "Buy milk", 4)
	if err != nil {
		t.Fatalf("step 4: client.Create(ctx, \"Buy milk\", 4) = %v; want the new todo.\n"+
			"decodeCreateResponse: readAnswer(r, http.StatusCreated, &body), then a CreateResponse", err)
	}
	if created.ID <= 0 || created.Title != "Buy milk" || created.Order != 4 || created.CreatedAt.IsZero() {
		t.Fatalf("step 4: client.Create returned %+v; want the todo the server made", created)
	}
	got, err := client.Get(ctx, created.ID)
	if err != nil || !todotest.Same(got, created) {
		t.Fatalf("step 4: client.Get(ctx, %d) = %+v, %v; want %+v", created.ID, got, err, created)
	}
}

func TestStep4DomainErrorsCrossTheWire(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()

	_, err := client.Get(ctx, 404404)
	if !errors.Is(err, todo.ErrNotFound) || !strings.Contains(err.Error(), "404404") {
		t.Fatalf("step 4: client.Get of an unknown id = %v; want an error matching todo.ErrNotFound with the server's message.\n"+
			"readAnswer: a 404 answer becomes &todo.Error{Code: todo.CodeNotFound, Message: the body's \"error\"}, returned as domainErr", err)
	}
	_, err = client.Create(ctx, "   ", 0)
	if !errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("step 4: client.Create with a blank title = %v; want an error matching todo.ErrInvalid with the server's message.\n"+
			"readAnswer: a 400 answer becomes a todo.Error with CodeInvalid", err)
	}
}

func TestStep4ServerTroubleIsAnEndpointError(t *testing.T) {
	// A server that answers 503 to everything: not the domain's answer.
	srv := httptest.NewServer(errorHandler(&statusError{status: 503, message: "try later"}))
	t.Cleanup(srv.Close)
	endpoints, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := endpoints.GetEndpoint(context.Background(), todoendpoint.GetRequest{ID: 1})
	if err == nil || resp != nil {
		t.Fatalf("step 4: the Get client endpoint, against a server answering 503, returned (%v, %v); want (nil, an error).\n"+
			"readAnswer: any status other than the wanted one, 400 or 404 is returned as err, for the endpoint: "+
			"circuit breakers and retries must see it", resp, err)
	}
	if errors.Is(err, todo.ErrNotFound) || errors.Is(err, todo.ErrInvalid) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("step 4: a 503 answer gave the error %q; want a non-domain error that names the status", err)
	}

	srv.Close() // nobody listens any more
	if _, err := endpoints.Get(context.Background(), 1); err == nil || errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 4: client.Get with the server gone = %v; want a connection error, not a domain error", err)
	}
}

func TestStep4ClientKeepsTheContract(t *testing.T) {
	todotest.Run(t, newClient)
}
