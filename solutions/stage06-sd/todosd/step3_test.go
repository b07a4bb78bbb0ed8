package todosd_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-kit/kit/sd/lb"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
)

// Step 3: the discovery chain, Instancer → Endpointer → round robin → retry
// (README, "Step 3").

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

// waitUntilServed calls List until every instance has served a request:
// the client has discovered them all. "No endpoints" means not yet.
func waitUntilServed(t *testing.T, client todo.Service, instances ...*sdtest.HTTPServer) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		_, err := client.List(context.Background())
		if errors.Is(err, lb.ErrNoEndpoints) {
			continue // not discovered yet
		}
		if err != nil {
			t.Fatalf("step 3: List through the discovering client = %v; want the list.\n"+
				"In Client.endpoint, build sd.NewEndpointer(c.instancer, factory, logger), lb.NewRoundRobin, "+
				"then lb.RetryWithCallback", err)
		}
		all := true
		for _, in := range instances {
			all = all && in.Hits() > 0
		}
		if all {
			return
		}
	}
	t.Fatalf("step 3: after 10s of List calls, the instances served %v requests; want every one of them reached: "+
		"NewClient must watch cfg.Prefix with etcdv3.NewInstancer", hits(instances))
}

func TestStep3CallsSpreadAcrossEveryInstance(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 3)
	client := connect(t, etcd)
	waitUntilServed(t, client, instances...)

	before := hits(instances)
	const calls = 30
	for i := range calls {
		if _, err := client.List(context.Background()); err != nil {
			t.Fatalf("step 3: List call %d = %v; want the list", i+1, err)
		}
	}
	after := hits(instances)
	for i := range instances {
		if n := after[i] - before[i]; n < calls/3-1 || n > calls/3+1 {
			t.Fatalf("step 3: %d List calls over three instances were served %v times each (before: %v, after: %v); "+
				"want about %d each: balance with lb.NewRoundRobin(endpointer)",
				calls, diff(after, before), before, after, calls/3)
		}
	}
}

func diff(after, before []int64) []int64 {
	d := make([]int64, len(after))
	for i := range after {
		d[i] = after[i] - before[i]
	}
	return d
}

func TestStep3NotFoundIsNotRetried(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 2)
	client := connect(t, etcd)
	waitUntilServed(t, client, instances...)

	before := hits(instances)
	_, err := client.Get(context.Background(), 4242)
	if !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 3: Get(ctx, 4242) through the discovering client = %v (%T); want an error that matches todo.ErrNotFound", err, err)
	}
	after := hits(instances)
	if n := after[0] - before[0] + after[1] - before[1]; n != 1 {
		t.Fatalf("step 3: one Get of an unknown id reached the instances %d times; want once: "+
			"a not-found is an answer, not a failure. Retry only errors the endpoint returns", n)
	}
}

func TestStep3FailuresAreRetriedElsewhereButNotCreate(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 2)
	dead := sdtest.StartHTTPServer(t, sdtest.SharedDB(t))
	dead.Kill()
	etcd.RegisterHTTP(t, dead) // registered, but nobody answers there
	client := connect(t, etcd)
	waitUntilServed(t, client, instances...)
	ctx := context.Background()

	for i := range 12 {
		if _, err := client.List(ctx); err != nil {
			t.Fatalf("step 3: List call %d, with one of three instances dead, = %v; want the list: "+
				"retry a failed call on another instance with lb.RetryWithCallback (cfg.Attempts tries)", i+1, err)
		}
	}

	var failed, created int
	for i := range 6 {
		if _, err := client.Create(ctx, fmt.Sprintf("create %d", i), 0); err != nil {
			failed++
		} else {
			created++
		}
	}
	if failed == 0 {
		t.Fatalf("step 3: 6 Creates with one of three instances dead all succeeded; want the ones sent to the dead instance " +
			"to fail: Create is not Retryable, so its chain has no retry (a retried Create could create twice)")
	}
	list, err := client.List(ctx)
	if err != nil || len(list) != created {
		t.Fatalf("step 3: after %d Creates succeeded and %d failed, List = %d todos, %v; want %d", created, failed, len(list), err, created)
	}
}

func TestStep3ErrorsKeepTheirIdentity(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	client := connect(t, etcd) // no instance registered

	_, err := client.List(context.Background())
	if !errors.Is(err, lb.ErrNoEndpoints) {
		t.Fatalf("step 3: List with no instance registered = %v (%T); want an error that matches lb.ErrNoEndpoints: "+
			"lb.RetryError has no Unwrap, so return its Final error", err, err)
	}

	instances, _ := startInstances(t, etcd, 1)
	waitUntilServed(t, client, instances...)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := client.List(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("step 3: List with a cancelled context = %v (%T); want an error that matches context.Canceled", err, err)
	}
}

func TestStep3NewInstanceIsFoundWithoutRestartingTheClient(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 1)
	client := connect(t, etcd)
	waitUntilServed(t, client, instances...)

	newcomer := sdtest.StartHTTPServer(t, sdtest.SharedDB(t))
	etcd.RegisterHTTP(t, newcomer)
	waitUntilServed(t, client, newcomer)
}

func TestStep3KillingAnInstanceUnderLoadFailsNoCall(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, keys := startInstances(t, etcd, 3)
	client := connect(t, etcd)
	waitUntilServed(t, client, instances...)
	seed, err := client.Create(context.Background(), "read under load", 0)
	if err != nil {
		t.Fatalf("step 3: Create = %v; want a todo", err)
	}

	// Four callers read and update without a pause until told to stop.
	stop := make(chan struct{})
	var calls, failures atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch (w + i) % 3 {
				case 0:
					_, err = client.List(context.Background())
				case 1:
					_, err = client.Get(context.Background(), seed.ID)
				case 2:
					_, err = client.Update(context.Background(), seed.ID, todo.Patch{Completed: new(i%2 == 0)})
				}
				calls.Add(1)
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}

	time.Sleep(300 * time.Millisecond)
	victim := instances[1]
	victim.Kill()    // crash: connections reset, nothing deregistered...
	keys[1].Expire() // ...and the lease is no longer renewed
	gone := etcd.WaitForKeys(t, 10*time.Second, func(k map[string]string) bool { _, ok := k[keys[1].Name]; return !ok })
	time.Sleep(300 * time.Millisecond) // and a little more load without it
	close(stop)
	wg.Wait()

	if !gone {
		t.Fatalf("step 3: the killed instance's key %s is still in etcd 10s after its lease stopped being renewed", keys[1].Name)
	}
	if f := failures.Load(); f > 0 {
		t.Fatalf("step 3: %d of %d calls failed while one of three instances was killed (the first: %v); want none: "+
			"List, Get and Update are Retryable, so a failure on the dead instance is tried again on another",
			f, calls.Load(), firstFailure.Load())
	}
	if calls.Load() < 20 {
		t.Fatalf("step 3: only %d calls made under load; want many more", calls.Load())
	}
	t.Logf("%d calls, no failure; instances served %v (the second was killed)", calls.Load(), hits(instances))
}

func TestStep3ClientKeepsTheContract(t *testing.T) {
	todotest.Run(t, func(t *testing.T) todo.Service {
		etcd := sdtest.StartEtcd(t)
		instances, _ := startInstances(t, etcd, 2)
		client := connect(t, etcd)
		waitUntilServed(t, client, instances...) // List only: the store stays empty
		return client
	})
}
