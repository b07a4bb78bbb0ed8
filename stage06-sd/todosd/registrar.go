package todosd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-kit/kit/sd/etcdv3"
	"github.com/go-kit/log"
)

// registerTimeout bounds how long Register and Deregister wait for etcd.
const registerTimeout = 5 * time.Second

// RegisterConfig says what a server registers, and where.
type RegisterConfig struct {
	// Etcd is where to register: host:port of each etcd member.
	Etcd []string
	// Prefix is the key prefix of the service (DefaultPrefix).
	Prefix string
	// Instance is the value registered, the instance in Go kit's words: how
	// clients reach this server, a URL for HTTP (http://127.0.0.1:8080) or a
	// bare host:port for gRPC (127.0.0.1:8082).
	Instance string
	// TTL is the lease of the key: how long it outlives a server that dies
	// without deregistering (10s; at least 1s).
	TTL time.Duration
}

// Key returns the etcd key of the instance: the prefix, then the host:port
// of its URL (or the instance itself when it is a bare host:port, as a gRPC
// address is), so that each instance has its own key.
func (cfg RegisterConfig) Key() (string, error) {
	host := cfg.Instance
	if strings.Contains(cfg.Instance, "://") {
		u, err := url.Parse(cfg.Instance)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("instance URL %q: want http://host:port", cfg.Instance)
		}
		host = u.Host
	} else if _, _, err := net.SplitHostPort(cfg.Instance); err != nil {
		return "", fmt.Errorf("instance URL %q: want http://host:port, or host:port for gRPC", cfg.Instance)
	}
	prefix := cfg.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return prefix + host, nil
}

// Registration is an instance registered in etcd. Its lease is kept alive
// until Deregister or Close.
type Registration struct {
	Key   string // the etcd key
	Value string // the instance: the server's URL, or host:port for gRPC

	registrar *etcdv3.Registrar
	cancel    context.CancelFunc // ends the etcd client: its keep-alives stop
	once      sync.Once
}

// Register puts the instance's key in etcd, on a lease of cfg.TTL that it
// keeps alive in the background. ctx bounds the registration itself; the
// registration lives on after ctx is done, until Deregister or Close.
//
// It returns an error when etcd is unreachable or the key is not there
// after registering. Go kit does not register the instance again if the
// lease is ever lost (etcd down for longer than the TTL: go-kit/kit#1043):
// restart the server, or see the stage README for a supervisor.
func Register(ctx context.Context, cfg RegisterConfig, logger log.Logger) (*Registration, error) {
	key, err := cfg.Key()
	if err != nil {
		return nil, err
	}
	ttl := max(cfg.TTL, time.Second)
	if cfg.TTL == 0 {
		ttl = 10 * time.Second
	}

	// One etcd client per registration: a Go kit client holds one lease. Its
	// context is not ctx, which a caller may cancel long before it
	// deregisters (on SIGTERM, say): Deregister needs the client alive.
	clientCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	// TODO(stage06, step 1): register cfg.Instance under key with Go kit's
	// registrar (etcdv3.NewRegistrar), on a lease of ttl.
	//   - The etcd client is Dial's, on clientCtx. Dial's error goes back
	//     as it is: it names the address.
	//   - Kit registers an etcdv3.Service: a key, a value and a TTLOption.
	//     The lease etcd grants must be exactly ttl (clients rely on it: it
	//     is how long a crashed server stays listed). NewTTLOption takes two
	//     durations; its doc says what they are for, its source says what
	//     kit really does with each. Read the source before you choose.
	//   - Kit's Register returns nothing and only logs: registerWithin
	//     (below) calls it under registerTimeout and says whether the key
	//     is there. Its error goes back naming the etcd and the key.
	//   - Out: a *Registration with the key, the instance, the registrar
	//     (Deregister uses it) and cancel (Close uses it). Every failure
	//     calls cancel first, so that no etcd client is left behind.
	cancel()
	_, _, _ = clientCtx, key, ttl
	return nil, notWritten("todosd.Register", 1)
}

// registerWithin calls registrar.Register and checks that the key holds
// the value. Go kit's Register returns nothing (it logs its errors), and
// etcd may stop answering after the dial: so both run under a timer.
func registerWithin(ctx context.Context, timeout time.Duration, client etcdv3.Client, registrar *etcdv3.Registrar, service etcdv3.Service) error {
	done := make(chan error, 1)
	go func() {
		registrar.Register()
		values, err := client.GetEntries(service.Key)
		switch {
		case err != nil:
			done <- err
		case !slices.Contains(values, service.Value):
			done <- errors.New("the key is not there after registering (the log says why)")
		default:
			done <- nil
		}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("no answer within %v", timeout)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Deregister deletes the key, so clients stop sending requests here, and
// ends the registration. Call it on shutdown, before draining the requests
// in flight. If etcd does not answer in time, the key expires with its
// lease instead.
func (r *Registration) Deregister() {
	r.once.Do(func() {
		done := make(chan struct{})
		go func() {
			r.registrar.Deregister()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(registerTimeout):
		}
		r.cancel()
	})
}

// Close ends the registration without deleting the key, as a crash would:
// the keep-alives stop, and etcd deletes the key when its lease expires,
// one TTL later. Servers call Deregister; Close is for tests and demos.
func (r *Registration) Close() {
	r.once.Do(r.cancel)
}
