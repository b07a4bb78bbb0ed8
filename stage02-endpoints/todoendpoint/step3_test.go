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
	"github.com/gokit-workshop/workshop/stage02-endpoints/todoendpoint"
)

// Step 3: the client side, Endpoints as a todo.Service (README, "Step 3").

// Endpoints is a todo.Service: this line does not compile otherwise.
var _ todo.Service = todoendpoint.Endpoints{}

func TestStep3EndpointsBehaveLikeTheService(t *testing.T) {
	svc := todotest.NewService(t)
	e := todoendpoint.New(svc)
	ctx := context.Background()

	created, err := e.Create(ctx, "  Buy milk ", 2)
	if err != nil {
		t.Fatalf("step 3: Endpoints.Create(ctx, \"  Buy milk \", 2) returned the error %q; want the new todo.\n"+
			"Call e.CreateEndpoint(ctx, CreateRequest{…}), return an error it returns as it is, "+
			"assert the CreateResponse and return resp.Todo, resp.Err", err)
	}
	if stored := mustGetFromService(t, svc, created.ID); created.Title != "Buy milk" || !todotest.Same(created, stored) {
		t.Fatalf("step 3: Endpoints.Create returned %+v; want what the service stored, %+v", created, stored)
	}

	got, err := e.Get(ctx, created.ID)
	if err != nil || !todotest.Same(got, created) {
		t.Fatalf("step 3: Endpoints.Get(ctx, %d) = %+v, %v; want %+v.\n"+
			"Call e.GetEndpoint(ctx, GetRequest{ID: id}) and unpack the GetResponse", created.ID, got, err, created)
	}

	updated, err := e.Update(ctx, created.ID, todo.Patch{Completed: new(true)})
	if err != nil || !updated.Completed || updated.Title != created.Title {
		t.Fatalf("step 3: Endpoints.Update(ctx, %d, {Completed: true}) = %+v, %v; want the todo, completed.\n"+
			"Call e.UpdateEndpoint(ctx, UpdateRequest{ID: id, Patch: p}) and unpack the UpdateResponse", created.ID, updated, err)
	}
	if stored := mustGetFromService(t, svc, created.ID); !todotest.Same(updated, stored) {
		t.Fatalf("step 3: Endpoints.Update returned %+v; want what the service stored, %+v", updated, stored)
	}
}

// TestStep3EndpointsKeepTheContract runs the stage 01 contract suite against
// the endpoint set, server and client side together: it must behave exactly
// like the service. If a scenario fails, its name says which method to look
// at again.
func TestStep3EndpointsKeepTheContract(t *testing.T) {
	todotest.Run(t, func(t *testing.T) todo.Service {
		return todoendpoint.New(todotest.NewService(t))
	})
}

func TestStep3DomainErrorsSurviveTheTrip(t *testing.T) {
	svc := todotest.NewService(t)
	kept := mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)
	ctx := context.Background()
	const unknown = 4242

	for _, c := range []struct {
		call   string
		want   error
		direct func(todo.Service) error // the call, on the service or on the endpoints
	}{
		{"Get(ctx, 4242)", todo.ErrNotFound, func(s todo.Service) error { _, err := s.Get(ctx, unknown); return err }},
		{"Update(ctx, 4242, {Completed: true})", todo.ErrNotFound, func(s todo.Service) error {
			_, err := s.Update(ctx, unknown, todo.Patch{Completed: new(true)})
			return err
		}},
		{fmt.Sprintf("Update(ctx, %d, {})", kept.ID), todo.ErrInvalid, func(s todo.Service) error { _, err := s.Update(ctx, kept.ID, todo.Patch{}); return err }},
		{`Create(ctx, "", 0)`, todo.ErrInvalid, func(s todo.Service) error { _, err := s.Create(ctx, "", 0); return err }},
		{"Delete(ctx, 4242)", todo.ErrNotFound, func(s todo.Service) error { return s.Delete(ctx, unknown) }},
	} {
		svcErr := c.direct(svc)
		var err error
		noPanic(t, 3, "Endpoints."+c.call, func() { err = c.direct(e) })
		if !errors.Is(err, c.want) || err.Error() != svcErr.Error() {
			t.Fatalf("step 3: Endpoints.%s = %s; want the service's own error, %q, which matches %s.\n"+
				"The domain error comes back in the response: return resp.Err", c.call, show(err), svcErr, sentinel(c.want))
		}
	}
}

func TestStep3EndpointErrorsComeBackAsTheyAre(t *testing.T) {
	ctx := context.Background()

	svc := closedService(t)
	_, svcErr := svc.Create(ctx, "Buy milk", 1)
	var err error
	noPanic(t, 3, "Endpoints.Create on a closed store", func() { _, err = todoendpoint.New(svc).Create(ctx, "Buy milk", 1) })
	if err == nil || err.Error() != svcErr.Error() || todo.ErrorCode(err) != todo.CodeInternal {
		t.Fatalf("step 3: on a closed store, Endpoints.Create returned the error %s; want the service's own internal error, %q.\n"+
			"When the endpoint returns an error, return it as it is", show(err), svcErr)
	}

	live := todoendpoint.New(todotest.NewService(t))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, c := range []struct {
		call string
		do   func() error
	}{
		{`Create(cancelled, "Buy milk", 1)`, func() error { _, err := live.Create(cancelled, "Buy milk", 1); return err }},
		{"Get(cancelled, 1)", func() error { _, err := live.Get(cancelled, 1); return err }},
		{"Update(cancelled, 1, {Completed: true})", func() error {
			_, err := live.Update(cancelled, 1, todo.Patch{Completed: new(true)})
			return err
		}},
	} {
		noPanic(t, 3, "Endpoints."+c.call, func() { err = c.do() })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("step 3: Endpoints.%s, with a cancelled context, returned the error %s; want an error that matches context.Canceled.\n"+
				"Pass ctx to the endpoint, and return the endpoint's error as it is", c.call, show(err))
		}
	}
}

func TestStep3WrongResponseTypeIsAnError(t *testing.T) {
	// endpoint.Nop answers struct{}{}: a transport wired to the wrong decoder
	// would answer something as unexpected.
	e := todoendpoint.Endpoints{CreateEndpoint: endpoint.Nop, GetEndpoint: endpoint.Nop, UpdateEndpoint: endpoint.Nop}
	ctx := context.Background()

	for _, c := range []struct {
		call string
		want string
		do   func() error
	}{
		{`Create(ctx, "Buy milk", 1)`, "CreateResponse", func() error { _, err := e.Create(ctx, "Buy milk", 1); return err }},
		{"Get(ctx, 1)", "GetResponse", func() error { _, err := e.Get(ctx, 1); return err }},
		{"Update(ctx, 1, {Completed: true})", "UpdateResponse", func() error {
			_, err := e.Update(ctx, 1, todo.Patch{Completed: new(true)})
			return err
		}},
	} {
		var err error
		noPanic(t, 3, "Endpoints."+c.call+" on an endpoint that answers struct{}{}", func() { err = c.do() })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("step 3: Endpoints.%s, on an endpoint that answers struct{}{}, returned the error %s; want an error that names %s.\n"+
				"Use resp, ok := response.(%s), and when !ok return wrongResponse(…)", c.call, show(err), c.want, c.want)
		}
	}
}

// mustGetFromService gets a todo from the service itself, or ends the test.
func mustGetFromService(t *testing.T, svc todo.Service, id int64) todo.Todo {
	t.Helper()
	got, err := svc.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("step 3: svc.Get(ctx, %d) = %v; want the todo created through the endpoints", id, err)
	}
	return got
}
