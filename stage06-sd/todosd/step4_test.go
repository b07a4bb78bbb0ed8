package todosd_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-kit/kit/sd/lb"
	"github.com/go-kit/log"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd/sdtest"
)

// Step 4: retry what is safe to retry (README, "Step 4").

// startDead registers an instance that was started and killed: its key is
// in etcd, nobody answers at its URL.
func startDead(t *testing.T, etcd *sdtest.Etcd) *sdtest.HTTPServer {
	t.Helper()
	dead := sdtest.StartHTTPServer(t, sdtest.SharedDB(t))
	dead.Kill()
	etcd.RegisterHTTP(t, dead)
	return dead
}

func TestStep4ADeadInstanceFailsNoCallAndDuplicatesNoCreate(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 2)
	startDead(t, etcd)
	client := connect(t, etcd, 4)
	waitUntilServed(t, 4, client, instances...)
	ctx := context.Background()

	for i := range 12 {
		if _, err := client.List(ctx); err != nil {
			t.Fatalf("step 4: List call %d, with one of three instances dead, = %v; want the list: "+
				"List changes nothing, so a failed List is safe to try again on another instance%s", i+1, err, stuck(4))
		}
	}

	// A dead instance refuses the connection, then its breaker opens: both
	// prove that the Create never reached a server.
	for i := range 6 {
		if _, err := client.Create(ctx, fmt.Sprintf("create %d", i), 0); err != nil {
			t.Fatalf("step 4: Create %d, with one of three instances dead, = %v; want a todo: a refused connection "+
				"or an open breaker proves that the request never reached a server, so even a Create is safe to send "+
				"to another instance: NeverSent(err) must say so%s", i+1, err, stuck(4))
		}
	}
	if list, err := client.List(ctx); err != nil || len(list) != 6 {
		t.Fatalf("step 4: after 6 Creates succeeded, List = %d todos, %v; want 6, no duplicate%s", len(list), err, stuck(4))
	}
}

// startHangUp registers an instance that reads each request and closes
// the connection without an answer, as a server that dies after the insert
// would: the client cannot tell whether the work was done. It returns the
// number of Creates (POSTs) it read.
func startHangUp(t *testing.T, etcd *sdtest.Etcd) *atomic.Int64 {
	t.Helper()
	var read atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.Method == http.MethodPost {
			read.Add(1)
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(server.Close)
	etcd.Put(t, etcd.Prefix+server.Listener.Addr().String(), server.URL, 5*time.Second)
	return &read
}

func TestStep4ACreateWhoseFateIsUnknownIsNotSentAgain(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 1)
	read := startHangUp(t, etcd)
	client := connect(t, etcd, 4)
	waitUntilServed(t, 4, client, instances...)
	ctx := context.Background()

	var failed, created int
	for i := range 6 {
		if _, err := client.Create(ctx, fmt.Sprintf("create %d", i), 0); err != nil {
			failed++
		} else {
			created++
		}
	}
	if failed == 0 || read.Load() == 0 {
		t.Fatalf("step 4: 6 Creates over two instances, one of which reads each request and hangs up, all succeeded "+
			"(that instance read %d); want the ones it read to fail%s", read.Load(), stuck(4))
	}
	if read.Load() > int64(failed) {
		t.Fatalf("step 4: an instance that read %d Creates and hung up without an answer; %d Creates failed, %d succeeded; "+
			"want each Create it read to fail, reported to the caller: a connection broken after the request was sent "+
			"leaves its fate unknown (the server may have created the todo), so NeverSent must say no and the Create "+
			"must not be sent again%s", read.Load(), failed, created, stuck(4))
	}
	list, err := client.List(ctx)
	if err != nil || len(list) != created {
		t.Fatalf("step 4: after %d Creates succeeded and %d failed, List = %d todos, %v; want %d.\n"+
			"The List too may meet the instance that hangs up; a read is safe to send again whatever happened to it, "+
			"so a List that fails on that instance was not tried on the other: which methods does Retryable let retrying take?%s",
			created, failed, len(list), err, created, stuck(4))
	}
}

func TestStep4NeverSentTellsTheSafeFailuresFromTheUnknown(t *testing.T) {
	// Real errors, as the client's chain returns them.
	dead := deadAddr(t)
	_, dialErr := http.Post("http://"+dead+"/todos", "application/json", strings.NewReader(`{"title":"x"}`))
	breaker := todomw.CircuitBreaker(1, time.Minute, log.NewNopLogger())("Create",
		func(context.Context, any) (any, error) { return nil, errors.New("boom") })
	breaker(context.Background(), nil) // one failure opens it
	_, openErr := breaker(context.Background(), nil)

	hangUp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}))
	defer hangUp.Close()
	_, brokenErr := http.Post(hangUp.URL+"/todos", "application/json", strings.NewReader(`{"title":"x"}`))
	timeout, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-timeout.Done()

	for _, c := range []struct {
		what string
		err  error
		want bool
	}{
		{"no instance: lb.ErrNoEndpoints", lb.ErrNoEndpoints, true},
		{"an open breaker", openErr, true},
		{"an HTTP connection refused (a failed dial)", dialErr, true},
		{"a failed dial, wrapped once more", fmt.Errorf("create: %w", dialErr), true},
		{"an HTTP connection closed after the request was sent", brokenErr, false},
		{"a timeout", timeout.Err(), false},
		{"a gRPC Unavailable", status.Error(codes.Unavailable, "transport is closing"), false},
		{"nil", nil, false},
	} {
		if c.err == nil && c.what != "nil" {
			t.Fatalf("the test could not make %s", c.what)
		}
		if got := todosd.NeverSent(c.err); got != c.want {
			t.Fatalf("step 4: NeverSent(%s: %v) = %v; want %v. Safe to send again: what proves the request never "+
				"reached a server (no instance, an open breaker, a connection never made); unknown: everything "+
				"else%s", c.what, c.err, got, c.want, stuck(4))
		}
	}
}

func TestStep4RetryGivesUpAfterAttemptsWithTheLastError(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	startDead(t, etcd)
	startDead(t, etcd)
	var tries attempts
	cfg := testClientConfig(etcd.Prefix) // 3 attempts, 5s a call
	client := connectWith(t, etcd, 4, tries.count(todosd.HTTPFactory(testFactoryConfig, testLogger(t))), cfg)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := client.Create(context.Background(), "wait for discovery", 0); !errors.Is(err, lb.ErrNoEndpoints) {
			break // both dead instances known
		}
	}
	tries.reset()

	start := time.Now()
	_, listErr := client.List(context.Background())
	took := time.Since(start)
	n, last := tries.reset()
	switch {
	case listErr == nil:
		t.Fatalf("step 4: List with every instance dead returned no error; want the last attempt's error%s", stuck(4))
	case n > cfg.Attempts && errors.Is(listErr, context.DeadlineExceeded):
		t.Fatalf("step 4: List with every instance dead tried %d times in %v, until the call's timeout (%v) ended it: "+
			"%v. The retry never gave up by itself: its callback must stop after cfg.Attempts (%d) tries%s",
			n, took.Round(time.Millisecond), cfg.Timeout, listErr, cfg.Attempts, stuck(4))
	case n == 1:
		t.Fatalf("step 4: List with every instance dead was tried once; want cfg.Attempts (%d) tries: "+
			"List is safe to try again%s", cfg.Attempts, stuck(4))
	case n != cfg.Attempts:
		t.Fatalf("step 4: List with every instance dead was tried %d times; want cfg.Attempts = %d in all, "+
			"the first try included: read what the callback's n counts%s", n, cfg.Attempts, stuck(4))
	}
	if stillWrapped := errors.As(listErr, new(lb.RetryError)); stillWrapped {
		t.Fatalf("step 4: List with every instance dead = lb.RetryError %q; want the last attempt's error itself (%v): "+
			"lb.RetryError has no Unwrap, so errors.Is cannot see through it%s", listErr, last, stuck(4))
	}
	if !errors.Is(listErr, last) {
		t.Fatalf("step 4: List with every instance dead = %v; want the last attempt's error, %v%s", listErr, last, stuck(4))
	}
}

func TestStep4ATimeoutIsNotTriedAgain(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, _ := startInstances(t, etcd, 2)
	var tries attempts
	factory := todosd.HTTPFactory(todosd.FactoryConfig{Timeout: 300 * time.Millisecond, BreakerFailures: 5}, testLogger(t))
	client := connectWith(t, etcd, 4, tries.count(factory), testClientConfig(etcd.Prefix))
	waitUntilServed(t, 4, client, instances...)
	instances[0].Hang() // it takes requests and never answers

	// Round robin: of two calls, one goes to each instance.
	tries.reset()
	var timedOut, failed int
	for range 2 {
		_, listErr := client.List(context.Background())
		switch {
		case errors.Is(listErr, context.DeadlineExceeded):
			timedOut++
		case listErr != nil:
			failed++
			t.Logf("List = %v", listErr)
		}
	}
	n, _ := tries.reset()
	if failed > 0 {
		t.Fatalf("step 4: of two List calls, one to a hung instance, %d failed with another error than a timeout "+
			"(the test log shows it); want one timeout and one list%s", failed, stuck(4))
	}
	if timedOut != 1 || n != 2 {
		t.Fatalf("step 4: of two List calls, one to an instance that hangs past its request timeout (300ms), %d timed out, "+
			"in %d tries; want 1 timed out, in 2 tries. A request that timed out may still be running on its instance: "+
			"sending it again adds load where things are already slow. A context error ends the tries%s",
			timedOut, n, stuck(4))
	}
}

func TestStep4KillingAnInstanceUnderLoadFailsNoCall(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	instances, keys := startInstances(t, etcd, 3)
	// One client per caller: a round robin shared by concurrent callers
	// gives one call's tries to whatever instances come next, and three of
	// them can all be the dead one. A caller alone on its balancer tries
	// three instances in a row, of which at most one is dead.
	const callers = 4
	var clients []*todosd.Client
	for range callers {
		client := connect(t, etcd, 4)
		waitUntilServed(t, 4, client, instances...)
		clients = append(clients, client)
	}
	seed, err := clients[0].Create(context.Background(), "read under load", 0)
	if err != nil {
		t.Fatalf("step 4: Create = %v; want a todo%s", err, stuck(4))
	}

	// The callers read and update without a pause until told to stop.
	stop := make(chan struct{})
	var calls, failures atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	for w, client := range clients {
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
		t.Fatalf("step 4: the killed instance's key %s is still in etcd 10s after its lease stopped being renewed", keys[1].Name)
	}
	if f := failures.Load(); f > 0 {
		t.Fatalf("step 4: %d of %d calls failed while one of three instances was killed (the first: %v); want none: "+
			"List, Get and Update are safe to try again, so a failure on the dead instance is tried on another, "+
			"up to cfg.Attempts (3) tries. (\"service unavailable\" is an open breaker: the dead instance's, "+
			"which fails at once; \"connection refused\", the dead instance itself.)%s",
			f, calls.Load(), firstFailure.Load(), stuck(4))
	}
	if calls.Load() < 20 {
		t.Fatalf("step 4: only %d calls made under load; want many more%s", calls.Load(), stuck(4))
	}
	t.Logf("%d calls, no failure; instances served %v (the second was killed)", calls.Load(), hits(instances))
}
