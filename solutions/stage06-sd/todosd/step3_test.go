package todosd_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-kit/kit/sd/lb"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
)

// Step 3: the discovery chain, Instancer → Endpointer → round robin
// (README, "Step 3"). Step 4 adds the retry; these tests must pass with
// or without it.

// startInstances starts n instances over one shared database and registers
// each under the test's prefix.
func startInstances(t *testing.T, etcd *sdtest.Etcd, n int) ([]*sdtest.HTTPServer, []*sdtest.Key) {
	t.Helper()
	db := sdtest.SharedDB(t)
	var instances []*sdtest.HTTPServer
	var keys []*sdtest.Key
	for range n {
		in := sdtest.StartHTTPServer(t, db)
		instances = append(instances, in)
		keys = append(keys, etcd.RegisterHTTP(t, in))
	}
	return instances, keys
}

// hits returns how many requests each instance served.
func hits(instances []*sdtest.HTTPServer) []int64 {
	var n []int64
	for _, in := range instances {
		n = append(n, in.Hits())
	}
	return n
}

// diff returns after - before, per instance.
func diff(after, before []int64) []int64 {
	d := make([]int64, len(after))
	for i := range after {
		d[i] = after[i] - before[i]
	}
	return d
}

// waitUntilServed calls List until every instance has served a request:
// the client has discovered them all. "No endpoints" means not yet. step
// says which step's test waits.
func waitUntilServed(t *testing.T, step int, client todo.Service, instances ...*sdtest.HTTPServer) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		_, err := client.List(context.Background())
		if errors.Is(err, lb.ErrNoEndpoints) {
			continue // not discovered yet
		}
		if err != nil {
			t.Fatalf("step %d: List through the discovering client, every instance alive, = %v; want the list.\n"+
				"Client.endpoint builds the chain of one method: the Endpointer over c.instancer and the factory, "+
				"a round robin over it, and the way a call uses the balancer (step 3)%s", step, err, stuck(3))
		}
		all := true
		for _, in := range instances {
			all = all && in.Hits() > 0
		}
		if all {
			return
		}
	}
	t.Fatalf("step %d: after 10s of List calls, the instances served %v requests; want every one of them reached: "+
		"NewClient's Instancer must watch cfg.Prefix in etcd, and the balancer pick each instance in turn%s",
		step, hits(instances), stuck(3))
}

func TestStep3CallsSpreadAcrossEveryInstance(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 3)
	client := connect(t, etcd, 3)
	waitUntilServed(t, 3, client, instances...)

	before := hits(instances)
	const calls = 30
	for i := range calls {
		if _, err := client.List(context.Background()); err != nil {
			t.Fatalf("step 3: List call %d = %v; want the list%s", i+1, err, stuck(3))
		}
	}
	got := diff(hits(instances), before)
	for i := range instances {
		if n := got[i]; n < calls/3-1 || n > calls/3+1 {
			t.Fatalf("step 3: %d List calls over three instances were served %v times each; want about %d each: "+
				"a round robin gives each instance its turn%s", calls, got, calls/3, stuck(3))
		}
	}
}

func TestStep3NotFoundReachesOneInstanceOnce(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 2)
	client := connect(t, etcd, 3)
	waitUntilServed(t, 3, client, instances...)

	before := hits(instances)
	_, err := client.Get(context.Background(), 4242)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: Get(ctx, 4242) through the discovering client = %v (%T); want an error that matches todo.ErrNotFound%s",
			err, err, stuck(3))
	}
	got := diff(hits(instances), before)
	if n := got[0] + got[1]; n != 1 {
		t.Fatalf("step 3: one Get of an unknown id reached the instances %d times; want once: "+
			"a not-found is an answer inside the response, not a failure to try elsewhere%s", n, stuck(3))
	}
}

func TestStep3WithoutInstancesTheErrorSaysSo(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	client := connect(t, etcd, 3) // no instance registered

	if _, err := client.Create(context.Background(), "nobody there", 0); !errors.Is(err, lb.ErrNoEndpoints) {
		t.Fatalf("step 3: Create with no instance registered = %v (%T); want an error that matches lb.ErrNoEndpoints: "+
			"the balancer's own error, handed on as it is%s", err, err, stuck(3))
	}
	if _, err := client.List(context.Background()); !errors.Is(err, lb.ErrNoEndpoints) {
		step := 3
		if errors.As(err, new(lb.RetryError)) {
			step = 4 // the retry's error, not handed on
		}
		t.Fatalf("step %d: List with no instance registered = %v (%T); want an error that matches lb.ErrNoEndpoints. "+
			"An lb.RetryError here comes from step 4's retry: it has no Unwrap, so hand on the last try's error%s",
			step, err, err, stuck(step))
	}

	instances, _ := startInstances(t, etcd, 1)
	waitUntilServed(t, 3, client, instances...)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, listErr := client.List(ctx); !errors.Is(listErr, context.Canceled) {
		t.Fatalf("step 3: List with a cancelled context = %v (%T); want an error that matches context.Canceled: "+
			"the caller's context reaches the instance's endpoint%s", listErr, listErr, stuck(3))
	}
}

func TestStep3NewInstanceIsFoundWithoutRestartingTheClient(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 1)
	client := connect(t, etcd, 3)
	waitUntilServed(t, 3, client, instances...)

	newcomer := sdtest.StartHTTPServer(t, sdtest.SharedDB(t))
	etcd.RegisterHTTP(t, newcomer)
	waitUntilServed(t, 3, client, newcomer)
}

func TestStep3DeregisteredInstanceGetsNoMoreCalls(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, keys := startInstances(t, etcd, 2)
	client := connect(t, etcd, 3)
	waitUntilServed(t, 3, client, instances...)

	keys[0].Delete() // as its server does on a clean shutdown
	time.Sleep(200 * time.Millisecond)
	before := hits(instances)
	for i := range 6 {
		if _, err := client.List(context.Background()); err != nil {
			t.Fatalf("step 3: List call %d, after one of two instances deregistered, = %v; want the list%s", i+1, err, stuck(3))
		}
	}
	if got := diff(hits(instances), before); got[0] != 0 || got[1] != 6 {
		t.Fatalf("step 3: 6 List calls after the first instance deregistered were served %v times; want [0 6]: "+
			"the Instancer hears that the key is gone, and the Endpointer drops its endpoint%s", got, stuck(3))
	}
}

func TestStep3ClientKeepsTheContract(t *testing.T) {
	todotest.Run(t, func(t *testing.T) todo.Service {
		etcd := sdtest.StartEtcd(t)
		instances, _ := startInstances(t, etcd, 2)
		client := connect(t, etcd, 3)
		waitUntilServed(t, 3, client, instances...) // List only: the store stays empty
		return client
	})
}
