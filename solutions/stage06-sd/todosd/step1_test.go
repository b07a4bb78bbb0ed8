package todosd_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage06-sd/internal/embedetcd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
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
	// Alive: the key must stay well past its TTL, renewed while the
	// registration lives.
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

// TestStep1RegistrationSurvivesAnEtcdOutageLongerThanTheTTL stops etcd for
// longer than the TTL and starts it again on the same data and port: the
// key comes back on its old lease, which nobody renews any more, and goes
// one TTL later. The provided supervisor (supervise.go) must then register
// the instance again, and say so in the log. Go kit alone does not
// (go-kit/kit#1043).
func TestStep1RegistrationSurvivesAnEtcdOutageLongerThanTheTTL(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "etcd")
	cfg := embedetcd.Config{Dir: dir, ClientAddr: deadAddr(t), Fast: true}
	server, err := embedetcd.Start(cfg)
	if err != nil {
		t.Fatalf("start an embedded etcd on %s: %v", cfg.ClientAddr, err)
	}
	defer func() {
		if server != nil {
			server.Close()
		}
	}()
	prefix := "/services/todo/http/"
	url := "http://127.0.0.1:8083"
	const ttl = 2 * time.Second // kit grants whole seconds: at least 2s

	lines := &logLines{t: t}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reg, err := todosd.Register(ctx, todosd.RegisterConfig{
		Etcd: []string{cfg.ClientAddr}, Prefix: prefix, Instance: url, TTL: ttl,
	}, lines)
	if err != nil {
		t.Fatalf("step 1: todosd.Register = %v; want a registration, with etcd up at %s%s", err, cfg.ClientAddr, stuck(1))
	}
	defer reg.Close()
	value := func() string { // the key's value, or "" when etcd has none or is down
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // ends the client
		client, err := todosd.Dial(ctx, []string{cfg.ClientAddr})
		if err != nil {
			return ""
		}
		values, _ := client.GetEntries(reg.Key)
		if len(values) == 0 {
			return ""
		}
		return values[0]
	}
	if got := value(); got != url {
		t.Fatalf("step 1: after Register, etcd holds %q under %s; want %q%s", got, reg.Key, url, stuck(1))
	}

	// The outage: longer than the TTL, so etcd's client gives the lease up.
	server.Close()
	time.Sleep(3 * ttl)
	if server, err = embedetcd.Start(cfg); err != nil {
		t.Fatalf("restart the embedded etcd on %s: %v", cfg.ClientAddr, err)
	}

	// The old lease expires one TTL after the restart; the supervisor must
	// notice and register again. Generous deadlines: a loaded machine is slow.
	deadline := time.Now().Add(60 * time.Second)
	for !lines.has("re-registered") || value() != url {
		if time.Now().After(deadline) {
			t.Fatalf("step 1: 60s after etcd came back from an outage of %v (longer than the TTL, %v), "+
				"etcd holds %q under %s (\"re-registered\" logged: %v); want %q, and the line logged: "+
				"the registration must survive the outage. The supervisor (supervise.go) is provided: "+
				"it reads the key through the etcd client of the lease registerLease returns%s",
				3*ttl, ttl, value(), reg.Key, lines.has("re-registered"), url, stuck(1))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !lines.has("registration lost") {
		t.Fatalf("step 1: the instance was registered again but the log never said \"registration lost\"; "+
			"want both lines, so that an operator sees the outage%s", stuck(1))
	}
	reg.Deregister()
	if got := value(); got != "" {
		t.Fatalf("step 1: after Deregister, following a re-registration, etcd holds %q under %s; want no key: "+
			"Deregister must delete the key of the current lease%s", got, reg.Key, stuck(1))
	}
}

// logLines is a Go kit logger that keeps the "msg" of each line, and
// writes the lines to the test log.
type logLines struct {
	t    *testing.T
	mu   sync.Mutex
	msgs []string
}

func (l *logLines) Log(keyvals ...any) error {
	l.t.Log(keyvals...)
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := 0; i+1 < len(keyvals); i += 2 {
		if keyvals[i] == "msg" {
			l.msgs = append(l.msgs, fmt.Sprint(keyvals[i+1]))
		}
	}
	return nil
}

// has reports whether a line's msg was msg.
func (l *logLines) has(msg string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Contains(l.msgs, msg)
}
