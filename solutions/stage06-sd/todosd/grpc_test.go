package todosd_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-kit/kit/sd/lb"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
)

// The gRPC transport: the same discovery chain, with GRPCFactory (step 2)
// instead of HTTPFactory. These tests need steps 1 to 3, and say so.

// startGRPCInstances starts n gRPC instances over one shared database and
// registers each under the test's gRPC prefix.
func startGRPCInstances(t *testing.T, etcd *sdtest.Etcd, n int) []*sdtest.GRPCServer {
	t.Helper()
	db := sdtest.SharedDB(t)
	var instances []*sdtest.GRPCServer
	for range n {
		in := sdtest.StartGRPCServer(t, db)
		instances = append(instances, in)
		etcd.RegisterGRPC(t, in)
	}
	return instances
}

// grpcHits returns how many rpcs each instance served.
func grpcHits(instances []*sdtest.GRPCServer) []int64 {
	var n []int64
	for _, in := range instances {
		n = append(n, in.Hits())
	}
	return n
}

// connectGRPC returns a discovering client of the test's gRPC instances,
// closed when the test ends.
func connectGRPC(t *testing.T, etcd *sdtest.Etcd) *todosd.Client {
	t.Helper()
	sdtest.RequireSteps(t, etcd, 3, "the gRPC client (GRPCFactory, provided)")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger := testLogger(t)
	client, err := todosd.Connect(ctx, etcd.Endpoints, todosd.GRPCFactory(testFactoryConfig, logger), testClientConfig(etcd.GRPCPrefix), logger)
	if err != nil {
		t.Fatalf("todosd.Connect(ctx, %v, GRPCFactory…) = %v; want a client.\n"+
			"Connect calls Dial (step 1), then NewClient (step 3)", etcd.Endpoints, err)
	}
	t.Cleanup(client.Close)
	return client
}

// waitUntilServedGRPC calls List until every gRPC instance has served one.
func waitUntilServedGRPC(t *testing.T, client todo.Service, instances ...*sdtest.GRPCServer) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		_, err := client.List(context.Background())
		if errors.Is(err, lb.ErrNoEndpoints) {
			continue // not discovered yet
		}
		if err != nil {
			t.Fatalf("List through the discovering gRPC client = %v; want the list", err)
		}
		all := true
		for _, in := range instances {
			all = all && in.Hits() > 0
		}
		if all {
			return
		}
	}
	t.Fatalf("after 10s of List calls, the gRPC instances served %v rpcs; want every one of them reached", grpcHits(instances))
}

func TestGRPCFactoryClientSpreadsCallsAcrossInstances(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances := startGRPCInstances(t, etcd, 3)
	client := connectGRPC(t, etcd)
	waitUntilServedGRPC(t, client, instances...)

	before := grpcHits(instances)
	const calls = 30
	for i := range calls {
		if _, err := client.List(context.Background()); err != nil {
			t.Fatalf("List call %d over gRPC = %v; want the list", i+1, err)
		}
	}
	after := grpcHits(instances)
	for i := range instances {
		if n := after[i] - before[i]; n < calls/3-1 || n > calls/3+1 {
			t.Fatalf("%d List calls over three gRPC instances were served %v times each; want about %d each",
				calls, diff(after, before), calls/3)
		}
	}
}

func TestGRPCFactoryClientNotFoundIsNotRetried(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances := startGRPCInstances(t, etcd, 2)
	client := connectGRPC(t, etcd)
	waitUntilServedGRPC(t, client, instances...)

	before := grpcHits(instances)
	_, err := client.Get(context.Background(), 4242)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("Get(ctx, 4242) through the discovering gRPC client = %v (%T); want an error that matches todo.ErrNotFound", err, err)
	}
	after := grpcHits(instances)
	if n := after[0] - before[0] + after[1] - before[1]; n != 1 {
		t.Fatalf("one Get of an unknown id reached the gRPC instances %d times; want once: a not-found is an answer, not a failure", n)
	}
}

func TestGRPCFactoryClientKeepsTheContract(t *testing.T) {
	sdtest.RequireSteps(t, sdtest.StartEtcd(t), 3, "the gRPC client (GRPCFactory, provided)")
	todotest.Run(t, func(t *testing.T) todo.Service {
		etcd := sdtest.StartEtcd(t)
		instances := startGRPCInstances(t, etcd, 2)
		client := connectGRPC(t, etcd)
		waitUntilServedGRPC(t, client, instances...) // List only: the store stays empty
		return client
	})
}
