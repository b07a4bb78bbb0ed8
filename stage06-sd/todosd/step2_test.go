package todosd_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	"github.com/sony/gobreaker"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd/sdtest"
)

// Step 2: the factory, from an instance to an endpoint (README, "Step 2").

// build calls the factory of method on instance and checks that it gave an
// endpoint and a closer.
func build(t *testing.T, factory sd.Factory, method, instance string) (endpoint.Endpoint, io.Closer) {
	t.Helper()
	if factory == nil {
		t.Fatalf("step 2: the factories' %q is nil; want an sd.Factory%s", method, stuck(2))
	}
	e, closer, err := factory(instance)
	if err != nil {
		t.Fatalf("step 2: the %s factory(%q) = %v; want an endpoint: the transport's client of that instance, "+
			"the method's endpoint of it (Pick), in a breaker of its own%s", method, instance, err, stuck(2))
	}
	if e == nil || closer == nil {
		t.Fatalf("step 2: the %s factory(%q) returned a nil endpoint or closer (endpoint nil: %t, closer nil: %t); want both: "+
			"the Endpointer calls the closer when the instance leaves etcd%s", method, instance, e == nil, closer == nil, stuck(2))
	}
	return e, closer
}

func TestStep2FactoryMakesAnEndpointPerInstance(t *testing.T) {
	db := sdtest.SharedDB(t)
	first, second := sdtest.StartHTTPServer(t, db), sdtest.StartHTTPServer(t, db)
	factories := todosd.HTTPFactory(todosd.FactoryConfig{}, testLogger(t))
	ctx := context.Background()

	create, closer := build(t, factories("Create"), "Create", first.URL)
	response, err := create(ctx, todoendpoint.CreateRequest{Title: "made through a factory"})
	created, ok := response.(todoendpoint.CreateResponse)
	if err != nil || !ok || created.Err != nil || created.Todo.ID <= 0 {
		t.Fatalf("step 2: the Create endpoint of %s answered a %T, error %v; want a CreateResponse with the new todo%s", first.URL, response, err, stuck(2))
	}
	if first.Hits() != 1 || second.Hits() != 0 {
		t.Fatalf("step 2: after one call through the endpoint of %s, the instances served %d and %d requests; want 1 and 0: "+
			"the endpoint must call the instance it was made for%s", first.URL, first.Hits(), second.Hits(), stuck(2))
	}
	if err := closer.Close(); err != nil {
		t.Fatalf("step 2: closer.Close() = %v; want nil%s", err, stuck(2))
	}

	// Another instance, the same data: the instances share one database.
	get, _ := build(t, factories("Get"), "Get", second.URL)
	response, err = get(ctx, todoendpoint.GetRequest{ID: created.Todo.ID})
	got, ok := response.(todoendpoint.GetResponse)
	if err != nil || !ok || got.Err != nil || got.Todo.Title != "made through a factory" {
		t.Fatalf("step 2: the Get endpoint of %s answered a %T, error %v; want the todo created on %s%s", second.URL, response, err, first.URL, stuck(2))
	}

	// A not-found is the domain's answer, carried in the response.
	response, err = get(ctx, todoendpoint.GetRequest{ID: 4242})
	got, _ = response.(todoendpoint.GetResponse)
	if err != nil || !errors.Is(got.Err, todo.ErrNotFound) {
		t.Fatalf("step 2: Get(4242) through the endpoint answered a %T, error %v; want a GetResponse whose Err matches todo.ErrNotFound: "+
			"a not-found is an answer, carried in the response%s", response, err, stuck(2))
	}

	if _, _, err := factories("Get")("not a URL"); err == nil {
		t.Fatalf("step 2: the Get factory(\"not a URL\") returned no error; want the error of todohttp.NewClient, "+
			"which refuses an instance that is not a URL%s", stuck(2))
	}
}

func TestStep2EachInstanceHasItsOwnBreaker(t *testing.T) {
	db := sdtest.SharedDB(t)
	live, dead := sdtest.StartHTTPServer(t, db), sdtest.StartHTTPServer(t, db)
	dead.Kill()
	cfg := todosd.FactoryConfig{BreakerFailures: 2}
	factory := todosd.HTTPFactory(cfg, testLogger(t))("List")
	ctx := context.Background()

	deadList, _ := build(t, factory, "List", dead.URL)
	liveList, _ := build(t, factory, "List", live.URL)

	// Not-founds are not failures: they never open a breaker.
	get, _ := build(t, todosd.HTTPFactory(cfg, testLogger(t))("Get"), "Get", live.URL)
	for range 5 {
		if _, err := get(ctx, todoendpoint.GetRequest{ID: 4242}); err != nil {
			t.Fatalf("step 2: Get(4242) on a live instance returned the error %v; want a response carrying the not-found, "+
				"and never an open breaker: a not-found is not a failure%s", err, stuck(2))
		}
	}

	for i := range 2 {
		if _, err := deadList(ctx, todoendpoint.ListRequest{}); err == nil {
			t.Fatalf("step 2: call %d of List on a dead instance returned no error; want the connection's error%s", i+1, stuck(2))
		}
	}
	_, err := deadList(ctx, todoendpoint.ListRequest{})
	if !errors.Is(err, gobreaker.ErrOpenState) {
		t.Fatalf("step 2: the third List on a dead instance, after %d failures, returned %v; want an open breaker "+
			"(errors.Is(err, gobreaker.ErrOpenState)): stage 04's breaker, with cfg's limits, around the instance's endpoint%s",
			cfg.BreakerFailures, err, stuck(2))
	}
	if _, err := liveList(ctx, todoendpoint.ListRequest{}); err != nil {
		t.Fatalf("step 2: List on the live instance, while the dead one's breaker is open, returned %v; want the list: "+
			"each endpoint the factory makes needs a breaker of its own%s", err, stuck(2))
	}
}

func TestStep2GRPCFactoryOwnsAConnectionPerInstance(t *testing.T) {
	db := sdtest.SharedDB(t)
	in, dead := sdtest.StartGRPCServer(t, db), sdtest.StartGRPCServer(t, db)
	dead.Kill()
	cfg := todosd.FactoryConfig{BreakerFailures: 2}
	factories := todosd.GRPCFactory(cfg, testLogger(t))
	ctx := context.Background()

	get, closer := build(t, factories("Get"), "Get", in.Addr)
	response, err := get(ctx, todoendpoint.GetRequest{ID: 4242})
	got, _ := response.(todoendpoint.GetResponse)
	if err != nil || !errors.Is(got.Err, todo.ErrNotFound) {
		t.Fatalf("step 2: Get(4242) through the gRPC endpoint of %s answered a %T, error %v; want a GetResponse whose "+
			"Err matches todo.ErrNotFound (stage 05's client carries it in the response)%s", in.Addr, response, err, stuck(2))
	}
	if in.Hits() != 1 {
		t.Fatalf("step 2: after one call through the gRPC endpoint of %s, the instance served %d rpcs; want 1%s", in.Addr, in.Hits(), stuck(2))
	}

	deadList, _ := build(t, factories("List"), "List", dead.Addr)
	for range 2 {
		deadList(ctx, todoendpoint.ListRequest{})
	}
	if _, err := deadList(ctx, todoendpoint.ListRequest{}); !errors.Is(err, gobreaker.ErrOpenState) {
		t.Fatalf("step 2: the third List on a dead gRPC instance, after %d failures, returned %v; want an open breaker "+
			"(errors.Is(err, gobreaker.ErrOpenState)), as over HTTP%s", cfg.BreakerFailures, err, stuck(2))
	}

	// The closer is the Endpointer's way to hang up on an instance that left.
	if err := closer.Close(); err != nil {
		t.Fatalf("step 2: the gRPC closer's Close() = %v; want nil%s", err, stuck(2))
	}
	if _, err := get(ctx, todoendpoint.GetRequest{ID: 4242}); err == nil {
		t.Fatalf("step 2: the Get endpoint of %s still answered after its closer was closed; want an error: "+
			"the closer must release what the factory made for the instance, or every instance that ever left "+
			"keeps a connection open%s", in.Addr, stuck(2))
	}
}
