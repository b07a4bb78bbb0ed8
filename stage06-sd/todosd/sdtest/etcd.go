package sdtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/gokit-workshop/workshop/stage06-sd/internal/embedetcd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
)

// EnvEndpoints names the environment variable that points the tests at an
// etcd that is already running.
const EnvEndpoints = "ETCD_ENDPOINTS"

// Etcd is the etcd of one test.
type Etcd struct {
	// Endpoints are the host:port addresses of the etcd: pass them to
	// todosd.Dial, todosd.Register and todosd.Connect.
	Endpoints []string
	// Prefix is this test's own key prefix, ending with "/": register the
	// instances of the test under it.
	Prefix string
	// GRPCPrefix is this test's own key prefix for gRPC instances, the
	// twin of Prefix (todosd.DefaultGRPCPrefix with an embedded etcd).
	GRPCPrefix string

	root   string // under which every key of the test lives
	client *clientv3.Client
}

// runs tells tests apart when they share an etcd.
var runs atomic.Int64

// StartEtcd returns the etcd of the test: a new embedded etcd on
// 127.0.0.1:0, or the one ETCD_ENDPOINTS names. Everything it started stops
// when the test ends, after what the test started later.
func StartEtcd(t testing.TB) *Etcd {
	t.Helper()
	var endpoints []string
	root := "/" // under which the test's keys live
	if env := os.Getenv(EnvEndpoints); env != "" {
		var err error
		if endpoints, err = todosd.ParseEndpoints(env); err != nil {
			t.Fatalf("%s: %v", EnvEndpoints, err)
		}
		root = fmt.Sprintf("/workshop-test/%d-%d/%s/",
			os.Getpid(), runs.Add(1), strings.ReplaceAll(t.Name(), "/", "_"))
	} else {
		server, err := embedetcd.Start(embedetcd.Config{
			Dir:        filepath.Join(t.TempDir(), "etcd"),
			ClientAddr: "127.0.0.1:0",
			Fast:       true,
		})
		if err != nil {
			t.Fatalf("start an embedded etcd: %v", err)
		}
		t.Cleanup(server.Close)
		endpoints = []string{server.Addr()}
	}

	client, err := clientv3.New(clientv3.Config{
		Endpoints:   endpoints,
		DialTimeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatalf("connect to etcd %v: %v", endpoints, err)
	}
	t.Cleanup(func() { client.Close() })
	e := &Etcd{
		Endpoints:  endpoints,
		Prefix:     root + "services/todo/http/",
		GRPCPrefix: root + "services/todo/grpc/",
		root:       root,
		client:     client,
	}
	if os.Getenv(EnvEndpoints) != "" {
		t.Cleanup(func() { // leave nothing behind in a shared etcd
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			client.Delete(ctx, root, clientv3.WithPrefix())
		})
	}
	return e
}

// Keys returns every key under the test's prefix and its value.
func (e *Etcd) Keys(t testing.TB) map[string]string {
	t.Helper()
	return e.KeysUnder(t, e.Prefix)
}

// KeysUnder returns every key under prefix and its value: pass
// e.GRPCPrefix for the gRPC instances.
func (e *Etcd) KeysUnder(t testing.TB, prefix string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := e.client.Get(ctx, prefix, clientv3.WithPrefix())
	if err != nil {
		t.Fatalf("etcd get %s*: %v", prefix, err)
	}
	keys := make(map[string]string, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		keys[string(kv.Key)] = string(kv.Value)
	}
	return keys
}

// WaitForKeys polls the test's prefix until cond holds for its keys, and
// returns true, or returns false after timeout.
func (e *Etcd) WaitForKeys(t testing.TB, timeout time.Duration, cond func(keys map[string]string) bool) bool {
	t.Helper()
	for deadline := time.Now().Add(timeout); ; time.Sleep(20 * time.Millisecond) {
		if cond(e.Keys(t)) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// LeaseTTL returns the TTL that etcd granted the lease of key, or 0 when
// the key is not there or has no lease.
func (e *Etcd) LeaseTTL(t testing.TB, key string) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := e.client.Get(ctx, key)
	if err != nil {
		t.Fatalf("etcd get %s: %v", key, err)
	}
	if len(resp.Kvs) == 0 || resp.Kvs[0].Lease == 0 {
		return 0
	}
	lease, err := e.client.TimeToLive(ctx, clientv3.LeaseID(resp.Kvs[0].Lease))
	if err != nil {
		t.Fatalf("etcd lease of %s: %v", key, err)
	}
	return time.Duration(lease.GrantedTTL) * time.Second
}

// Key is a key that Put registered on a lease it keeps alive.
type Key struct {
	Name string

	client *clientv3.Client
	lease  clientv3.LeaseID
	cancel context.CancelFunc // stops the keep-alives
	done   atomic.Bool
}

// Put registers value under key with a lease of ttl that it keeps alive,
// as a server's registration does, without Go kit. The key goes when the
// test ends, if not before.
func (e *Etcd) Put(t testing.TB, key, value string, ttl time.Duration) *Key {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	lease, err := e.client.Grant(ctx, max(1, int64(ttl.Seconds())))
	if err != nil {
		cancel()
		t.Fatalf("etcd grant a lease: %v", err)
	}
	if _, err := e.client.Put(ctx, key, value, clientv3.WithLease(lease.ID)); err != nil {
		cancel()
		t.Fatalf("etcd put %s: %v", key, err)
	}
	alive, err := e.client.KeepAlive(ctx, lease.ID)
	if err != nil {
		cancel()
		t.Fatalf("etcd keep lease alive: %v", err)
	}
	go func() {
		for range alive { // drain, as etcd's client asks
		}
	}()
	k := &Key{Name: key, client: e.client, lease: lease.ID, cancel: cancel}
	t.Cleanup(k.Delete)
	return k
}

// Delete deletes the key now, as a server's deregistration does.
func (k *Key) Delete() {
	if k.done.Swap(true) {
		return
	}
	k.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	k.client.Revoke(ctx, k.lease) // the key goes with its lease
}

// Expire stops renewing the key's lease, as a server that crashed does:
// etcd deletes the key when the lease runs out, one TTL later.
func (k *Key) Expire() {
	if k.done.Swap(true) {
		return
	}
	k.cancel()
}

// InstanceTTL is the lease of the keys RegisterHTTP and RegisterGRPC put: a
// killed server's key outlives it by that much. Not shorter: a test that
// loads both cores (callers without a pause, -race) can starve the lease's
// renewal for a second or two, and every instance would vanish at once.
const InstanceTTL = 4 * time.Second

// RegisterHTTP puts s's URL under the test's prefix, on a lease of
// InstanceTTL, as the server would register itself.
func (e *Etcd) RegisterHTTP(t testing.TB, s *HTTPServer) *Key {
	t.Helper()
	return e.Put(t, e.Prefix+strings.TrimPrefix(s.URL, "http://"), s.URL, InstanceTTL)
}
