package main

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
)

// Step 5: the real server registers itself (README, "Step 5").

// stuck ends every failure message of step 5: how to ask for a hint.
const stuck = "\n(stuck? go run ../workshop hint stage06 5)"

// started is a run in the background.
type started struct {
	url    string                // http://127.0.0.1:port of the API
	logs   *servetest.SyncBuffer // run's stderr
	cancel context.CancelFunc    // what SIGINT or SIGTERM does in main
	done   chan error            // run's result
}

// start runs the command on port 0 over the database db, registered in
// etcd under the test's prefix, and waits until it logs its address.
func start(t *testing.T, etcd *sdtest.Etcd, db string) *started {
	t.Helper()
	sdtest.RequireSteps(t, etcd, 3, "step 5 (the server registers itself)")
	ctx, cancel := context.WithCancel(context.Background())
	s := &started{logs: &servetest.SyncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	args := []string{"-http-addr", "127.0.0.1:0", "-grpc-addr", "", "-debug-addr", "", "-db", db,
		"-etcd-endpoints", strings.Join(etcd.Endpoints, ","), "-etcd-prefix", etcd.Prefix, "-etcd-ttl", "2s", "-shutdown-grace", "0"}
	go func() { s.done <- run(ctx, args, s.logs) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})

	addr := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-s.done:
			s.done <- err // for Cleanup
			t.Fatalf("step 5: run(%q) returned %v; want it to serve and register.\n"+
				"register (register.go) registers the URL clients reach this server at, with todosd.Register and "+
				"the etcd settings of cfg\nlogs:\n%s%s", args, err, s.logs, stuck)
		default:
		}
		if m := addr.FindStringSubmatch(s.logs.String()); m != nil && strings.Contains(s.logs.String(), "msg=registered") {
			s.url = "http://" + m[1]
			return s
		}
	}
	t.Fatalf("step 5: run did not log \"transport=HTTP addr=…\" and \"msg=registered\" within 15s; want both: "+
		"register logs msg=registered once the key is in etcd\nlogs:\n%s%s", s.logs, stuck)
	return nil
}

// stopped waits for run to return after cancel and returns its error.
func (s *started) stopped(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(15 * time.Second):
		t.Fatalf("step 5: run did not return within 15s of its context being cancelled; want it to stop: "+
			"does the func register returns hang?\nlogs:\n%s%s", s.logs, stuck)
		return nil
	}
}

func TestStep5RunRegistersAndDeregistersBeforeDraining(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	s := start(t, etcd, filepath.Join(t.TempDir(), "todo.db"))

	key := etcd.Prefix + strings.TrimPrefix(s.url, "http://")
	if keys := etcd.Keys(t); keys[key] != s.url {
		t.Fatalf("step 5: with run serving at %s, etcd holds %v; want %s = %s: "+
			"the instance is the URL instanceURL gives, under cfg's prefix%s", s.url, keys, key, s.url, stuck)
	}

	s.cancel() // SIGTERM, as it were
	if err := s.stopped(t); err != nil {
		t.Fatalf("step 5: run returned %v after its context was cancelled; want nil\nlogs:\n%s%s", err, s.logs, stuck)
	}
	if keys := etcd.Keys(t); len(keys) != 0 {
		t.Fatalf("step 5: after run stopped, etcd still holds %v; want the key deleted on shutdown: "+
			"run calls the func register returns when it stops; that func ends the registration, key and all%s", keys, stuck)
	}
	logs := s.logs.String()
	dereg, drain := strings.Index(logs, "msg=deregistered"), strings.Index(logs, `msg="shutting down"`)
	if dereg < 0 || drain < 0 || dereg > drain {
		t.Fatalf("step 5: the log says msg=deregistered at offset %d and msg=\"shutting down\" at %d (-1: missing); "+
			"want msg=deregistered first, logged by the func register returns (deregister, then drain)\nlogs:\n%s%s", dereg, drain, logs, stuck)
	}
}

func TestStep5TwoServersOneDatabaseOneClient(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	db := filepath.Join(t.TempDir(), "todo.db")
	a, b := start(t, etcd, db), start(t, etcd, db)
	if !etcd.WaitForKeys(t, 5*time.Second, func(keys map[string]string) bool { return len(keys) == 2 }) {
		t.Fatalf("step 5: two servers running (%s, %s), etcd holds %v; want two keys%s", a.url, b.url, etcd.Keys(t), stuck)
	}

	cfg := todosd.ClientConfig{Prefix: etcd.Prefix}
	client, err := todosd.Connect(context.Background(), etcd.Endpoints, todosd.HTTPFactory(todosd.FactoryConfig{}, log.NewNopLogger()), cfg, log.NewNopLogger())
	if err != nil {
		t.Fatalf("step 5: todosd.Connect = %v; want a client (steps 1 to 3)%s", err, stuck)
	}
	defer client.Close()
	ctx := context.Background()
	for i := range 4 {
		if _, err := client.Create(ctx, "shared", int64(i)); err != nil {
			t.Fatalf("step 5: Create %d through the discovering client = %v; want a todo%s", i+1, err, stuck)
		}
	}
	for _, s := range []*started{a, b} {
		if n := strings.Count(s.logs.String(), "method=Create"); n != 2 {
			t.Fatalf("step 5: server %s logged %d Creates of 4 sent round robin to two servers; want 2\nlogs:\n%s%s", s.url, n, s.logs, stuck)
		}
	}
	list, err := client.List(ctx)
	if err != nil || len(list) != 4 {
		t.Fatalf("step 5: List = %d todos, %v; want the 4 created, whichever server answers: they share one database%s", len(list), err, stuck)
	}
}

func TestStep5RunFailsClearlyWhenEtcdIsDown(t *testing.T) {
	sdtest.RequireSteps(t, sdtest.StartEtcd(t), 1, "step 5 (the server registers itself)")
	etcd := "127.0.0.1:1" // nothing listens on port 1
	args := []string{"-http-addr", "127.0.0.1:0", "-grpc-addr", "", "-debug-addr", "", "-db", filepath.Join(t.TempDir(), "todo.db"),
		"-etcd-endpoints", etcd}
	begin := time.Now()
	err := run(context.Background(), args, io.Discard)
	if err == nil || !strings.Contains(err.Error(), etcd) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("step 5: run with etcd down at %s = %v; want an error that names %s and says unreachable: "+
			"todosd.Register's, returned as it is%s", etcd, err, etcd, stuck)
	}
	if took := time.Since(begin); took > 10*time.Second {
		t.Fatalf("step 5: run with etcd down took %v to fail; want a few seconds%s", took, stuck)
	}
}
