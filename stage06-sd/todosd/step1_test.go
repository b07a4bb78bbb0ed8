package todosd_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd/sdtest"
)

// Step 1: register an instance in etcd (README, "Step 1").

// register registers url under the test's prefix with ttl, and ends the
// registration (Close) when the test ends.
func register(t *testing.T, etcd *sdtest.Etcd, url string, ttl time.Duration) *todosd.Registration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg := todosd.RegisterConfig{Etcd: etcd.Endpoints, Prefix: etcd.Prefix, Instance: url, TTL: ttl}
	reg, err := todosd.Register(ctx, cfg, testLogger(t))
	if err != nil {
		t.Fatalf("step 1: todosd.Register(ctx, %+v, logger) = %v; want a registration.\n"+
			"Dial etcd, then build an etcdv3.Service{Key, Value, TTL} and an etcdv3.NewRegistrar, "+
			"and call registerWithin", cfg, err)
	}
	if reg == nil {
		t.Fatalf("step 1: todosd.Register returned a nil *Registration and no error")
	}
	t.Cleanup(reg.Close)
	return reg
}

func TestStep1RegisterPutsTheKeyAndDeregisterRemovesIt(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	url := "http://127.0.0.1:8080"
	wantKey := etcd.Prefix + "127.0.0.1:8080"

	reg := register(t, etcd, url, 10*time.Second)
	if keys := etcd.Keys(t); keys[wantKey] != url {
		t.Fatalf("step 1: after Register, etcd holds %v under the prefix; want %s = %s.\n"+
			"The etcdv3.Service's Key is cfg.Key(), its Value the instance (cfg.Instance)", keys, wantKey, url)
	}
	if reg.Key != wantKey || reg.Value != url {
		t.Fatalf("step 1: the Registration says Key %q, Value %q; want %q, %q", reg.Key, reg.Value, wantKey, url)
	}

	reg.Deregister()
	if keys := etcd.Keys(t); len(keys) != 0 {
		t.Fatalf("step 1: after Deregister, etcd still holds %v; want no key: "+
			"Deregister must call the registrar's Deregister, which deletes the key", keys)
	}
}

func TestStep1RegisterFailsFastWhenEtcdIsDown(t *testing.T) {
	addr := deadAddr(t)
	cfg := todosd.RegisterConfig{Etcd: []string{addr}, Instance: "http://127.0.0.1:8080"}

	start := time.Now()
	reg, err := todosd.Register(context.Background(), cfg, testLogger(t))
	took := time.Since(start)
	if reg != nil {
		reg.Close()
	}
	if err == nil {
		t.Fatalf("step 1: Register with etcd at %s, where nothing listens, returned no error; want one", addr)
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("step 1: Register with etcd down = %q; want an error that names %s and says \"unreachable\": "+
			"wrap etcdv3.NewClient's error in Dial: fmt.Errorf(\"etcd %%s unreachable: %%w\", …)", err, addr)
	}
	if took > 5*time.Second {
		t.Fatalf("step 1: Register with etcd down took %v; want an answer within a few seconds: "+
			"give etcdv3.ClientOptions a DialTimeout and grpc.WithBlock() as a DialOption", took)
	}
}

func TestStep1KeyOutlivesTheTTLWhileAliveAndExpiresAfterACrash(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	url := "http://127.0.0.1:8081"
	const ttl = time.Second

	reg := register(t, etcd, url, ttl)
	// Alive: the lease is renewed in the background, so the key stays well
	// past its TTL.
	time.Sleep(3 * ttl)
	if keys := etcd.Keys(t); keys[reg.Key] != url {
		t.Fatalf("step 1: %v after Register with a TTL of %v, etcd holds %v; want the key still there: "+
			"pass etcdv3.NewTTLOption(ttl/3, ttl) as the Service's TTL, so the registrar keeps the lease alive",
			3*ttl, ttl, keys)
	}

	// Crash: the keep-alives stop and nobody deletes the key; etcd does,
	// when the lease expires.
	reg.Close()
	if !etcd.WaitForKeys(t, 10*time.Second, func(keys map[string]string) bool { return len(keys) == 0 }) {
		t.Fatalf("step 1: 10s after the instance stopped renewing its lease of %v, etcd still holds %v; "+
			"want the key gone: register it on a lease (the Service's TTL)", ttl, etcd.Keys(t))
	}
}
