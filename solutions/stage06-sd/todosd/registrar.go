package todosd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
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

// Register puts the instance's key in etcd, on a lease of cfg.TTL that it
// keeps alive in the background, and supervises it (supervise.go): if the
// lease is ever lost, the instance is registered again. ctx bounds the
// registration itself; the registration lives on after ctx is done, until
// Deregister or Close.
//
// It returns an error when etcd is unreachable or the key is not there
// after registering.
func Register(ctx context.Context, cfg RegisterConfig, logger log.Logger) (*Registration, error) {
	key, err := cfg.Key()
	if err != nil {
		return nil, err
	}
	first, err := registerLease(ctx, cfg, key, logger)
	if err != nil {
		return nil, err
	}
	return supervise(cfg, key, first, logger), nil
}

// lease is one registration of the instance, as Go kit makes it: its own
// etcd client, which holds the lease and keeps it alive, and the registrar
// that wrote the key.
type lease struct {
	client    etcdv3.Client      // the supervisor reads the key through it
	registrar *etcdv3.Registrar  // the key is deleted through it, on Deregister
	cancel    context.CancelFunc // ends the etcd client: its keep-alives stop
}

// registerLease registers cfg.Instance under key, on a lease of cfg.TTL
// that a new etcd client keeps alive until the lease's cancel. Register
// calls it once, and the supervisor again each time the lease is lost.
func registerLease(ctx context.Context, cfg RegisterConfig, key string, logger log.Logger) (*lease, error) {
	ttl := max(cfg.TTL, time.Second)
	if cfg.TTL == 0 {
		ttl = 10 * time.Second
	}

	// One etcd client per registration: a Go kit client holds one lease. Its
	// context is not ctx, which a caller may cancel long before it
	// deregisters (on SIGTERM, say): Deregister needs the client alive.
	clientCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	client, err := Dial(clientCtx, cfg.Etcd)
	if err != nil {
		cancel()
		return nil, err
	}
	// The lease is ttl, in whole seconds (kit's Grant drops the rest). The
	// heartbeat of NewTTLOption renews nothing in kit v0.13: the
	// registrar's KeepAlive hands the lease to etcd's client, which renews
	// it every TTL/3 by itself. NewTTLOption only uses the heartbeat to
	// raise a ttl at or below it to 3×heartbeat, so it must stay under
	// ttl; ttl/3 also tells the reader what really happens.
	service := etcdv3.Service{
		Key:   key,
		Value: cfg.Instance,
		TTL:   etcdv3.NewTTLOption(ttl/3, ttl),
	}
	registrar := etcdv3.NewRegistrar(client, service, logger)
	if err := registerWithin(ctx, registerTimeout, client, registrar, service); err != nil {
		cancel()
		return nil, fmt.Errorf("etcd %s: register %s: %w", strings.Join(cfg.Etcd, ","), key, err)
	}
	return &lease{client: client, registrar: registrar, cancel: cancel}, nil
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
