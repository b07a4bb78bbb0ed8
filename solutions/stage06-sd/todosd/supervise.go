package todosd

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/go-kit/log"
)

// checkEvery is how often the supervisor reads the instance's key.
const checkEvery = time.Second

// Registration is an instance registered in etcd, and supervised: its
// lease is kept alive until Deregister or Close, and if the lease is lost
// all the same, the instance is registered again on a new one.
//
// Go kit alone registers once (go-kit/kit#1043). When etcd is down for
// longer than the TTL, etcd's client gives the lease up: the keep-alive
// channel it returned closes, and kit's client, which drains that channel,
// just stops. When etcd comes back, it restores the key with its lease and
// deletes both one TTL later, since nobody renews them; the server goes on
// serving, unlisted for good. The supervisor watches what clients see, the
// key: when it is gone, it logs "registration lost" and registers again
// (a new etcd client, a new lease) until it logs "re-registered".
type Registration struct {
	Key   string // the etcd key
	Value string // the instance: the server's URL, or host:port for gRPC

	cfg    RegisterConfig
	logger log.Logger

	mu      sync.Mutex
	current *lease // the lease the key is on; swapped on re-registering
	ended   bool   // Deregister or Close: register nothing more

	stop context.CancelFunc // ends the supervisor
	done chan struct{}      // closed when the supervisor has returned
	once sync.Once
}

// supervise returns the Registration of key, registered on first, and
// starts its supervisor.
func supervise(cfg RegisterConfig, key string, first *lease, logger log.Logger) *Registration {
	ctx, stop := context.WithCancel(context.Background())
	r := &Registration{
		Key: key, Value: cfg.Instance, cfg: cfg, logger: logger,
		current: first, stop: stop, done: make(chan struct{}),
	}
	go r.supervise(ctx)
	return r
}

// supervise checks the key every checkEvery until ctx is done, and
// registers the instance again when its key is gone. While etcd is down the
// check fails or waits: that is no loss yet (the lease may outlive the
// outage), so it only tries again.
func (r *Registration) supervise(ctx context.Context) {
	defer close(r.done)
	ticker := time.NewTicker(checkEvery)
	defer ticker.Stop()
	lost := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		r.mu.Lock()
		current := r.current
		r.mu.Unlock()
		values, err := current.client.GetEntries(r.Key)
		if err != nil || slices.Contains(values, r.Value) {
			continue
		}
		if !lost {
			r.logger.Log("msg", "registration lost", "key", r.Key, "instance", r.Value)
			lost = true
		}
		if r.reregister(ctx) {
			lost = false
		}
	}
}

// reregister registers the instance on a new lease and swaps it in,
// unless the registration has ended. It reports whether it did.
func (r *Registration) reregister(ctx context.Context) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ended {
		return false
	}
	next, err := registerLease(ctx, r.cfg, r.Key, r.logger)
	if err != nil {
		r.logger.Log("msg", "re-register failed; trying again", "key", r.Key, "err", err)
		return false
	}
	r.current.cancel() // its lease is gone: only its client is left to end
	r.current = next
	r.logger.Log("msg", "re-registered", "key", r.Key, "instance", r.Value)
	return true
}

// end stops the supervisor and returns the current lease: nothing
// registers again after it.
func (r *Registration) end() *lease {
	r.stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ended = true
	return r.current
}

// Deregister deletes the key, so clients stop sending requests here, and
// ends the registration. Call it on shutdown, before draining the requests
// in flight. If etcd does not answer in time, the key expires with its
// lease instead.
func (r *Registration) Deregister() {
	r.once.Do(func() {
		current := r.end()
		done := make(chan struct{})
		go func() {
			current.registrar.Deregister()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(registerTimeout):
		}
		current.cancel()
		r.wait()
	})
}

// Close ends the registration without deleting the key, as a crash would:
// the keep-alives stop, and etcd deletes the key when its lease expires,
// one TTL later. Servers call Deregister; Close is for tests and demos.
func (r *Registration) Close() {
	r.once.Do(func() {
		r.end().cancel()
		r.wait()
	})
}

// wait waits for the supervisor to return, which it does as soon as its
// etcd client is ended, or for registerTimeout.
func (r *Registration) wait() {
	select {
	case <-r.done:
	case <-time.After(registerTimeout):
	}
}
