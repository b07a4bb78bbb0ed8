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
	"google.golang.org/grpc"
)

// DialTimeout bounds how long Dial waits for etcd to answer.
const DialTimeout = 2 * time.Second

// registerTimeout bounds how long Register and Deregister wait for etcd.
const registerTimeout = 5 * time.Second

// Dial connects to the etcd cluster at endpoints (host:port each, or URLs)
// and returns Go kit's etcd client, which lives until ctx is done.
//
// It fails within DialTimeout when etcd does not answer, with an error that
// names the addresses: "etcd 127.0.0.1:2379 unreachable: …".
func Dial(ctx context.Context, endpoints []string) (etcdv3.Client, error) {
	machines := make([]string, len(endpoints))
	for i, e := range endpoints {
		machines[i] = e
		if !strings.Contains(e, "://") {
			machines[i] = "http://" + e
		}
	}
	// Without a dial timeout and grpc.WithBlock, etcd's client connects in
	// the background: NewClient returns at once, and the first request waits
	// forever for an etcd that is not there.
	client, err := etcdv3.NewClient(ctx, machines, etcdv3.ClientOptions{
		DialTimeout: DialTimeout,
		DialOptions: []grpc.DialOption{grpc.WithBlock(), closeOnDone(ctx)},
	})
	if err != nil {
		return nil, fmt.Errorf("etcd %s unreachable: %w", strings.Join(endpoints, ","), err)
	}
	return client, nil
}

// Instance says what a server registers.
type Instance struct {
	// Etcd is where to register: host:port of each etcd member.
	Etcd []string
	// Prefix is the key prefix of the service (DefaultPrefix).
	Prefix string
	// URL is the value registered: how clients reach this instance,
	// e.g. http://127.0.0.1:8080, or a bare host:port such as
	// 127.0.0.1:8082, the address of a gRPC server.
	URL string
	// TTL is the lease of the key: how long it outlives a server that dies
	// without deregistering (10s; at least 1s).
	TTL time.Duration
}

// Key returns the etcd key of the instance: the prefix, then the host:port
// of its URL (or the URL itself when it is a bare host:port, as a gRPC
// address is), so that each instance has its own key.
func (in Instance) Key() (string, error) {
	host := in.URL
	if strings.Contains(in.URL, "://") {
		u, err := url.Parse(in.URL)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("instance URL %q: want http://host:port", in.URL)
		}
		host = u.Host
	} else if _, _, err := net.SplitHostPort(in.URL); err != nil {
		return "", fmt.Errorf("instance URL %q: want http://host:port, or host:port for gRPC", in.URL)
	}
	prefix := in.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return prefix + host, nil
}

// Registration is an instance registered in etcd. Its lease is kept alive
// until Deregister or Close.
type Registration struct {
	Key   string // the etcd key
	Value string // the instance's URL

	registrar *etcdv3.Registrar
	cancel    context.CancelFunc // ends the etcd client: its keep-alives stop
	once      sync.Once
}

// Register puts the instance's key in etcd, on a lease of in.TTL that it
// keeps alive in the background. ctx bounds the registration itself; the
// registration lives on after ctx is done, until Deregister or Close.
//
// It returns an error when etcd is unreachable or the key is not there
// after registering. Go kit does not register the instance again if the
// lease is ever lost (etcd down for longer than the TTL: go-kit/kit#1043):
// restart the server, or see the stage README for a supervisor.
func Register(ctx context.Context, in Instance, logger log.Logger) (*Registration, error) {
	key, err := in.Key()
	if err != nil {
		return nil, err
	}
	ttl := max(in.TTL, time.Second)
	if in.TTL == 0 {
		ttl = 10 * time.Second
	}

	// One etcd client per registration: a Go kit client holds one lease. Its
	// context is not ctx, which a caller may cancel long before it
	// deregisters (on SIGTERM, say): Deregister needs the client alive.
	clientCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	client, err := Dial(clientCtx, in.Etcd)
	if err != nil {
		cancel()
		return nil, err
	}
	service := etcdv3.Service{
		Key:   key,
		Value: in.URL,
		TTL:   etcdv3.NewTTLOption(ttl/3, ttl),
	}
	registrar := etcdv3.NewRegistrar(client, service, logger)
	if err := registerWithin(ctx, registerTimeout, client, registrar, service); err != nil {
		cancel()
		return nil, fmt.Errorf("etcd %s: register %s: %w", strings.Join(in.Etcd, ","), key, err)
	}
	return &Registration{Key: key, Value: in.URL, registrar: registrar, cancel: cancel}, nil
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
