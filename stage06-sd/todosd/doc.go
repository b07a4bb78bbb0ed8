// Package todosd is the client-side discovery of the todo service, with Go
// kit's package sd and etcd as the registry.
//
// Two halves meet in etcd, under one key prefix per transport
// (DefaultPrefix for HTTP, DefaultGRPCPrefix for gRPC):
//
//   - each todo server registers itself (registrar.go): Register puts a key
//     with the server's URL under the prefix, on a lease that the server
//     keeps alive; Deregister removes it on shutdown, and when a server dies
//     without deregistering the lease expires and the key goes with it;
//   - each client discovers the servers (client.go): an Instancer watches the
//     prefix, an Endpointer turns each instance into an endpoint through a
//     Factory (factory.go), a round-robin balancer picks one per call, and a
//     retry tries another when one fails, for the methods that are safe to
//     repeat. One such chain per method, put in an Endpoints set, is a
//     todo.Service that follows instances as they come and go.
//
// The error path of stage 02 holds all the way: a domain error (not found,
// invalid) travels inside the response, so neither the breakers nor the
// retries see it, and errors.Is(err, todo.ErrNotFound) holds for the caller.
package todosd

import (
	"time"
)

// DefaultPrefix is the etcd key prefix under which todo servers register
// their HTTP URL: one key per instance, /services/todo/http/<host:port>.
const DefaultPrefix = "/services/todo/http/"

// DefaultGRPCPrefix is the etcd key prefix under which todo servers register
// their gRPC address: one key per instance, /services/todo/grpc/<host:port>,
// whose value is the host:port itself. A server that speaks both transports
// registers twice, once under each prefix; a client watches the prefix of
// the transport it speaks.
const DefaultGRPCPrefix = "/services/todo/grpc/"

// DefaultEtcd is the etcd client address of a local etcd: cmd/etcdlocal's,
// or a real one installed with its defaults.
const DefaultEtcd = "127.0.0.1:2379"

// Config holds the settings of a discovering client. Zero values take the
// defaults given with each field.
type Config struct {
	// Prefix is the etcd key prefix the instances register under
	// (DefaultPrefix).
	Prefix string
	// Attempts is how many times a call of a retried method is tried, on
	// different instances, before it fails (3).
	Attempts int
	// Timeout bounds one call of the client, its retries included (5s).
	Timeout time.Duration
	// BreakerFailures is how many consecutive failures open the circuit
	// breaker of one instance (3).
	BreakerFailures uint32
	// BreakerTimeout is how long an open breaker refuses calls before it
	// lets one through to try the instance again (5s).
	BreakerTimeout time.Duration
}

// withDefaults returns cfg with the zero values replaced by the defaults.
func (cfg Config) withDefaults() Config {
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	if cfg.BreakerFailures == 0 {
		cfg.BreakerFailures = 3
	}
	if cfg.BreakerTimeout <= 0 {
		cfg.BreakerTimeout = 5 * time.Second
	}
	return cfg
}
