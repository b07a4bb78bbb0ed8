package todoendpoint_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Step 2: the client side, Endpoints as a todo.Service (README, "Step 2"):
// Endpoints.Create and Endpoints.Delete are the learner's; Get, List, Update
// and DeleteAll are provided.

// Endpoints is a todo.Service: this line does not compile otherwise.
var _ todo.Service = todoendpoint.Endpoints{}

func TestStep2EndpointsBehaveLikeTheService(t *testing.T) {
	needStep1(t, 2)
	svc := todotest.NewService(t)
	e := todoendpoint.New(svc)
	ctx := context.Background()

	var created todo.Todo
	var err error
	noPanic(t, 2, `Endpoints.Create(ctx, "  Buy milk ", 2)`, func() { created, err = e.Create(ctx, "  Buy milk ", 2) })
	if err != nil {
		t.Fatalf("step 2: Endpoints.Create(ctx, \"  Buy milk \", 2) returned the error %q; want the new todo, as svc.Create returns it %s", err, stuck(2))
	}
	if stored := mustGetFromService(t, svc, created.ID); created.Title != "Buy milk" || !todotest.Same(created, stored) {
		t.Fatalf("step 2: Endpoints.Create returned the todo %d %q; want what the service stored, todo %d %q: "+
			"the todo comes out of the endpoint's response %s", created.ID, created.Title, stored.ID, stored.Title, stuck(2))
	}

	other := mustCreate(t, svc, "other", 3)
	noPanic(t, 2, fmt.Sprintf("Endpoints.Delete(ctx, %d)", created.ID), func() { err = e.Delete(ctx, created.ID) })
	if err != nil {
		t.Fatalf("step 2: Endpoints.Delete(ctx, %d) returned the error %q; want nil: the todo exists %s", created.ID, err, stuck(2))
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Fatalf("step 2: after Endpoints.Delete(ctx, %d), svc.List holds %d todos (error %s); want only %q: "+
			"the request must carry the id %s", created.ID, len(list), show(err), other.Title, stuck(2))
	}
}

// TestStep2EndpointsKeepTheContract runs the stage 01 contract suite against
// the endpoint set, server and client side together: it must behave exactly
// like the service. If a scenario fails, its name says which method to look
// at again.
func TestStep2EndpointsKeepTheContract(t *testing.T) {
	needStep1(t, 2)
	todotest.Run(t, func(t *testing.T) todo.Service {
		return todoendpoint.New(todotest.NewService(t))
	})
}

func TestStep2DomainErrorsSurviveTheTrip(t *testing.T) {
	needStep1(t, 2)
	svc := todotest.NewService(t)
	mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)
	ctx := context.Background()
	const unknown = 4242

	for _, c := range []struct {
		call   string
		want   error
		direct func(todo.Service) error // the call, on the service or on the endpoints
	}{
		{`Create(ctx, "", 0)`, todo.ErrInvalid, func(s todo.Service) error { _, err := s.Create(ctx, "", 0); return err }},
		{"Delete(ctx, 4242)", todo.ErrNotFound, func(s todo.Service) error { return s.Delete(ctx, unknown) }},
	} {
		svcErr := c.direct(svc)
		var err error
		noPanic(t, 2, "Endpoints."+c.call, func() { err = c.direct(e) })
		if !errors.Is(err, c.want) || err.Error() != svcErr.Error() {
			t.Fatalf("step 2: Endpoints.%s = %s; want the service's own error, %q, which matches %s.\n"+
				"The endpoint answered it inside the response: the caller must get it back from there %s",
				c.call, show(err), svcErr, sentinel(c.want), stuck(2))
		}
	}
}

func TestStep2EndpointErrorsComeBackAsTheyAre(t *testing.T) {
	needStep1(t, 2)
	ctx := context.Background()

	svc := closedService(t)
	closed := todoendpoint.New(svc)
	_, createErr := svc.Create(ctx, "Buy milk", 1)
	deleteErr := svc.Delete(ctx, 1)
	for _, c := range []struct {
		call   string
		svcErr error
		do     func() error
	}{
		{`Create(ctx, "Buy milk", 1)`, createErr, func() error { _, err := closed.Create(ctx, "Buy milk", 1); return err }},
		{"Delete(ctx, 1)", deleteErr, func() error { return closed.Delete(ctx, 1) }},
	} {
		var err error
		noPanic(t, 2, "Endpoints."+c.call+" on a closed store", func() { err = c.do() })
		if err == nil || err.Error() != c.svcErr.Error() || todo.ErrorCode(err) != todo.CodeInternal {
			t.Fatalf("step 2: on a closed store, Endpoints.%s returned the error %s; want the service's own internal error, %q: "+
				"the error the endpoint returns reaches the caller unchanged %s", c.call, show(err), c.svcErr, stuck(2))
		}
	}

	live := todoendpoint.New(todotest.NewService(t))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, c := range []struct {
		call string
		do   func() error
	}{
		{`Create(cancelled, "Buy milk", 1)`, func() error { _, err := live.Create(cancelled, "Buy milk", 1); return err }},
		{"Delete(cancelled, 1)", func() error { return live.Delete(cancelled, 1) }},
	} {
		var err error
		noPanic(t, 2, "Endpoints."+c.call, func() { err = c.do() })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("step 2: Endpoints.%s, with a cancelled context, returned the error %s; want an error that matches context.Canceled: "+
				"the caller's ctx goes to the endpoint, and its error comes back as it is %s", c.call, show(err), stuck(2))
		}
	}
}

func TestStep2WrongResponseTypeIsAnError(t *testing.T) {
	// endpoint.Nop answers struct{}{}: a transport wired to the wrong decoder
	// would answer something as unexpected.
	e := todoendpoint.Endpoints{CreateEndpoint: endpoint.Nop, DeleteEndpoint: endpoint.Nop}
	ctx := context.Background()

	for _, c := range []struct {
		call string
		want string
		do   func() error
	}{
		{`Create(ctx, "Buy milk", 1)`, "CreateResponse", func() error { _, err := e.Create(ctx, "Buy milk", 1); return err }},
		{"Delete(ctx, 1)", "DeleteResponse", func() error { return e.Delete(ctx, 1) }},
	} {
		var err error
		noPanic(t, 2, "Endpoints."+c.call+" on an endpoint that answers struct{}{}", func() { err = c.do() })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("step 2: Endpoints.%s, on an endpoint that answers struct{}{}, returned the error %s; want an error that names %s: "+
				"an answer of the wrong type is a wiring bug, and wrongResponse words it %s", c.call, show(err), c.want, stuck(2))
		}
	}
}

// mustGetFromService gets a todo from the service itself, or ends the test.
func mustGetFromService(t *testing.T, svc todo.Service, id int64) todo.Todo {
	t.Helper()
	got, err := svc.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("step 2: svc.Get(ctx, %d) = %v; want the todo created through the endpoints %s", id, err, stuck(2))
	}
	return got
}
