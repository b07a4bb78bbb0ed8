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
		t.Fatalf("step 1: todosd.Register(ctx, %+v, logger) = %v; want a registration, with etcd up at %v.\n"+
			"Register dials etcd (Dial), describes the instance to Go kit's registrar and registers it, "+
			"checked by registerWithin%s", cfg, err, etcd.Endpoints, stuck(1))
	}
	if reg == nil {
		t.Fatalf("step 1: todosd.Register returned a nil *Registration and no error; want a Registration%s", stuck(1))
	}
	t.Cleanup(reg.Close)
	return reg
}

func TestStep1DialAnswersAtOnceOrFailsWithinTheTimeout(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := todosd.Dial(ctx, etcd.Endpoints)
	if err != nil || client == nil {
		t.Fatalf("step 1: todosd.Dial(ctx, %v), etcd up there, = %v, %v; want Go kit's etcd client and no error%s",
			etcd.Endpoints, client, err, stuck(1))
	}
	if _, err := client.GetEntries(etcd.Prefix); err != nil {
		t.Fatalf("step 1: the client Dial returned cannot read etcd: GetEntries = %v; want no error%s", err, stuck(1))
	}

	// Nobody there. Time first: the cause of a missing error is the dial
	// that does not wait, not the message.
	addr := deadAddr(t)
	start := time.Now()
	client, err = todosd.Dial(ctx, []string{addr})
	took := time.Since(start)
	if err == nil {
		t.Fatalf("step 1: todosd.Dial(ctx, [%s]), where nothing listens, returned a client and no error after %v; want an error "+
			"within %v. etcd's client connects in the background unless its dial is told to block (a gRPC dial option), "+
			"and then it needs a timeout: etcdv3.ClientOptions has both%s", addr, took.Round(time.Millisecond), todosd.DialTimeout, stuck(1))
	}
	if took > todosd.DialTimeout+time.Second {
		t.Fatalf("step 1: todosd.Dial(ctx, [%s]), where nothing listens, took %v to fail; want at most DialTimeout (%v): "+
			"give etcdv3.ClientOptions that timeout%s", addr, took.Round(time.Millisecond), todosd.DialTimeout, stuck(1))
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("step 1: todosd.Dial(ctx, [%s]), where nothing listens, = %q; want an error that names the address and "+
			"says \"unreachable\" (etcd %s unreachable: …), so that a user knows which etcd to start. "+
			"Wrap Go kit's error with %%w%s", addr, err, addr, stuck(1))
	}
}

func TestStep1RegisterPutsTheKeyAndDeregisterRemovesIt(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	url := "http://127.0.0.1:8080"
	wantKey := etcd.Prefix + "127.0.0.1:8080"
	const ttl = 4 * time.Second

	reg := register(t, etcd, url, ttl)
	if keys := etcd.Keys(t); keys[wantKey] != url {
		t.Fatalf("step 1: after Register, etcd holds %v under the prefix; want %s = %s: "+
			"the key is cfg.Key(), the value is the instance (cfg.Instance)%s", keys, wantKey, url, stuck(1))
	}
	if reg.Key != wantKey || reg.Value != url {
		t.Fatalf("step 1: the Registration says Key %q, Value %q; want %q, %q%s", reg.Key, reg.Value, wantKey, url, stuck(1))
	}
	if got := etcd.LeaseTTL(t, wantKey); got != ttl {
		t.Fatalf("step 1: the key's lease was granted a TTL of %v; want cfg.TTL, %v: the TTL is how long the key "+
			"outlives a crash. Which of NewTTLOption's two durations reaches etcd, and when does kit change it? "+
			"(go doc -src github.com/go-kit/kit/sd/etcdv3.NewTTLOption)%s", got, ttl, stuck(1))
	}

	reg.Deregister()
	if keys := etcd.Keys(t); len(keys) != 0 {
		t.Fatalf("step 1: after Deregister, etcd still holds %v; want no key: the Registration must hold "+
			"the registrar that registered it, whose Deregister deletes the key%s", keys, stuck(1))
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
		t.Fatalf("step 1: Register with etcd at %s, where nothing listens, returned no error; want one%s", addr, stuck(1))
	}
	if took > todosd.DialTimeout+time.Second {
		t.Fatalf("step 1: Register with etcd down took %v to fail; want at most DialTimeout (%v): "+
			"Register dials with Dial, which must fail that fast (TestStep1DialAnswersAtOnceOrFailsWithinTheTimeout)%s",
			took.Round(time.Millisecond), todosd.DialTimeout, stuck(1))
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("step 1: Register with etcd down = %q; want Dial's error as it is (it names %s and says \"unreachable\")%s",
			err, addr, stuck(1))
	}
}

func TestStep1KeyOutlivesTheTTLWhileAliveAndExpiresAfterACrash(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	url := "http://127.0.0.1:8081"
	const ttl = 2 * time.Second

	reg := register(t, etcd, url, ttl)
	// Alive: etcd's client renews the lease in the background (every TTL/3),
	// so the key stays well past its TTL.
	time.Sleep(2 * ttl)
	if keys := etcd.Keys(t); keys[reg.Key] != url {
		t.Fatalf("step 1: %v after Register with a TTL of %v, etcd holds %v; want the key still there: "+
			"the lease is renewed for as long as the etcd client the registrar used lives: keep it alive "+
			"(its context is clientCtx, not ctx) until Deregister or Close%s",
			2*ttl, ttl, keys, stuck(1))
	}

	// Crash: the keep-alives stop and nobody deletes the key; etcd does,
	// when the lease expires.
	reg.Close()
	if !etcd.WaitForKeys(t, 10*time.Second, func(keys map[string]string) bool { return len(keys) == 0 }) {
		t.Fatalf("step 1: 10s after the instance stopped renewing its lease of %v, etcd still holds %v; "+
			"want the key gone: register it on a lease (the Service's TTL)%s", ttl, etcd.Keys(t), stuck(1))
	}
}
