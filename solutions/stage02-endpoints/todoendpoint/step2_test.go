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
// Endpoints.Delete and Endpoints.DeleteAll are the learner's; Create, Get,
// List and Update are provided.

// Endpoints is a todo.Service: this line does not compile otherwise.
var _ todo.Service = todoendpoint.Endpoints{}

func TestStep2EndpointsBehaveLikeTheService(t *testing.T) {
	needStep1(t, 2)
	svc := todotest.NewService(t)
	e := todoendpoint.New(svc)
	ctx := context.Background()

	doomed := mustCreate(t, svc, "doomed", 1)
	other := mustCreate(t, svc, "other", 2)
	var err error
	noPanic(t, 2, fmt.Sprintf("Endpoints.Delete(ctx, %d)", doomed.ID), func() { err = e.Delete(ctx, doomed.ID) })
	if err != nil {
		t.Fatalf("step 2: Endpoints.Delete(ctx, %d) returned the error %q; want nil: the todo exists %s", doomed.ID, err, stuck(2))
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Fatalf("step 2: after Endpoints.Delete(ctx, %d), svc.List holds %d todos (error %s); want only %q: "+
			"the request must carry the id %s", doomed.ID, len(list), show(err), other.Title, stuck(2))
	}

	noPanic(t, 2, "Endpoints.DeleteAll(ctx)", func() { err = e.DeleteAll(ctx) })
	if err != nil {
		t.Fatalf("step 2: Endpoints.DeleteAll(ctx) returned the error %q; want nil, as svc.DeleteAll returns %s", err, stuck(2))
	}
	if list, err := svc.List(ctx); err != nil || len(list) != 0 {
		t.Fatalf("step 2: after Endpoints.DeleteAll(ctx), svc.List holds %d todos (error %s); want none: "+
			"the call must reach the DeleteAll endpoint %s", len(list), show(err), stuck(2))
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

func TestStep2TheCallersMistakesReachTheCaller(t *testing.T) {
	needStep1(t, 2)
	svc := todotest.NewService(t)
	mustCreate(t, svc, "keep me", 1)
	e := todoendpoint.New(svc)
	ctx := context.Background()
	const unknown = 4242

	svcErr := svc.Delete(ctx, unknown)
	var err error
	noPanic(t, 2, "Endpoints.Delete(ctx, 4242)", func() { err = e.Delete(ctx, unknown) })
	if !errors.Is(err, todo.ErrNotFound) || err.Error() != svcErr.Error() {
		t.Fatalf("step 2: Endpoints.Delete(ctx, 4242) = %s; want the service's own error, %q, which matches todo.ErrNotFound.\n"+
			"Ask the Delete endpoint yourself what it answers for an unknown id, and where the not-found is %s",
			show(err), svcErr, stuck(2))
	}

	// The service's DeleteAll has no mistake to report, but a server behind
	// a transport may refuse the call: a stage 03 client endpoint answers
	// the server's refusal as this one does.
	refused := todo.Errorf(todo.CodeInvalid, "delete all refused")
	refusing := todoendpoint.Endpoints{DeleteAllEndpoint: func(context.Context, any) (any, error) {
		return todoendpoint.DeleteAllResponse{Err: refused}, nil
	}}
	noPanic(t, 2, "Endpoints.DeleteAll(ctx) on an endpoint that answers a failed DeleteAllResponse", func() { err = refusing.DeleteAll(ctx) })
	if err != refused {
		t.Fatalf("step 2: Endpoints.DeleteAll(ctx), on an endpoint that answers DeleteAllResponse{Err: %q} and a nil error, returned %s; "+
			"want that very error: the caller must not be told the call worked %s", refused, show(err), stuck(2))
	}
}

func TestStep2EndpointErrorsComeBackAsTheyAre(t *testing.T) {
	needStep1(t, 2)
	ctx := context.Background()

	svc := closedService(t)
	closed := todoendpoint.New(svc)
	deleteErr := svc.Delete(ctx, 1)
	deleteAllErr := svc.DeleteAll(ctx)
	for _, c := range []struct {
		call   string
		svcErr error
		do     func() error
	}{
		{"Delete(ctx, 1)", deleteErr, func() error { return closed.Delete(ctx, 1) }},
		{"DeleteAll(ctx)", deleteAllErr, func() error { return closed.DeleteAll(ctx) }},
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
		{"Delete(cancelled, 1)", func() error { return live.Delete(cancelled, 1) }},
		{"DeleteAll(cancelled)", func() error { return live.DeleteAll(cancelled) }},
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
	e := todoendpoint.Endpoints{DeleteEndpoint: endpoint.Nop, DeleteAllEndpoint: endpoint.Nop}
	ctx := context.Background()

	for _, c := range []struct {
		call string
		want string
		do   func() error
	}{
		{"Delete(ctx, 1)", "DeleteResponse", func() error { return e.Delete(ctx, 1) }},
		{"DeleteAll(ctx)", "DeleteAllResponse", func() error { return e.DeleteAll(ctx) }},
	} {
		var err error
		noPanic(t, 2, "Endpoints."+c.call+" on an endpoint that answers struct{}{}", func() { err = c.do() })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("step 2: Endpoints.%s, on an endpoint that answers struct{}{}, returned the error %s; want an error that names %s: "+
				"an answer of the wrong type is a wiring bug, and wrongResponse words it %s", c.call, show(err), c.want, stuck(2))
		}
	}
}
