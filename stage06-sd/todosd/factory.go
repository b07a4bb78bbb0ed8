package todosd

import (
	"io"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	"github.com/go-kit/log"
)

// A FactoryFor returns the sd.Factory of one method of todo.Service (the
// name of one of todoendpoint.Methods()): the client builds one discovery
// chain per method, each with its own factory.
type FactoryFor func(method string) sd.Factory

// FactoryConfig holds the settings of the endpoints a factory makes, one
// per instance and method. Zero values take the defaults given with each
// field.
type FactoryConfig struct {
	// Timeout bounds one HTTP request to one instance (5s). The client's
	// own Timeout (ClientConfig) bounds a whole call, retries included.
	Timeout time.Duration
	// BreakerFailures is how many consecutive failures open the circuit
	// breaker of one instance (3).
	BreakerFailures uint32
	// BreakerTimeout is how long an open breaker refuses calls before it
	// lets one through to try the instance again (5s).
	BreakerTimeout time.Duration
}

// withDefaults returns cfg with the zero values replaced by the defaults.
func (cfg FactoryConfig) withDefaults() FactoryConfig {
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

// HTTPFactory returns the factories of the HTTP transport. The factory of a
// method turns an instance, the URL a server registered, into:
//
//   - the method's client endpoint at that URL (stage 03's todohttp client),
//     with its own HTTP connections;
//   - wrapped in its own circuit breaker (stage 04's), so that an instance
//     that keeps failing is skipped at once while the others serve: the
//     breaker opens after cfg.BreakerFailures failures in a row;
//   - and an io.Closer that closes the instance's idle connections, which
//     the Endpointer calls when the instance leaves etcd.
func HTTPFactory(cfg FactoryConfig, logger log.Logger) FactoryFor {
	cfg = cfg.withDefaults()
	return func(method string) sd.Factory {
		return func(instance string) (endpoint.Endpoint, io.Closer, error) {
			// TODO(stage06, step 2): the endpoint of method on instance, the
			// URL a server registered, over stage 03's HTTP client.
			//   - A call reaches that instance and no other, and gives up
			//     after cfg.Timeout. An instance that is not a URL is an
			//     error, returned.
			//   - Decide what each instance owns. After
			//     cfg.BreakerFailures failures in a row, calls to a dead
			//     instance must fail at once (stage 04's breaker, with cfg's
			//     limits and a logger that names the instance) while the
			//     live instances, made by this same factory, still answer.
			//     A not-found is an answer, never a failure.
			//   - Decide what the io.Closer releases: the Endpointer calls
			//     it when the instance leaves etcd (closerFunc, in
			//     endpoints.go, turns a func into an io.Closer).
			_, _ = cfg, logger
			return nil, nil, notWritten("the HTTP factory", 2)
		}
	}
}

// GRPCFactory returns the factories of the gRPC transport, HTTPFactory's
// sibling. The factory of a method turns an instance, the host:port a
// server registered under DefaultGRPCPrefix, into:
//
//   - the method's client endpoint at that address (stage 05's todogrpc
//     client), on a gRPC connection of its own (grpc.NewClient connects
//     lazily, on the first call, and reconnects by itself);
//   - wrapped in its own circuit breaker, as with HTTP;
//   - and an io.Closer that hangs up that connection, which the Endpointer
//     calls when the instance leaves etcd.
//
// The error path holds as over HTTP: the todogrpc client turns NotFound and
// InvalidArgument back into domain errors inside the response, so the
// breaker and the retry never see them.
func GRPCFactory(cfg FactoryConfig, logger log.Logger) FactoryFor {
	cfg = cfg.withDefaults()
	return func(method string) sd.Factory {
		return func(instance string) (endpoint.Endpoint, io.Closer, error) {
			// TODO(stage06, step 2): the same contract as HTTPFactory's,
			// over stage 05's gRPC client (todogrpc.NewClient) at instance,
			// a bare host:port (plaintext: the workshop has no TLS).
			//   - gRPC's client is a connection, not a request per call:
			//     decide what the instance owns, what the closer releases,
			//     and what becomes of what you made when a later part of
			//     the factory fails.
			//   - The per-request timeout is the HTTP client's; over gRPC,
			//     the call's context bounds it.
			_, _ = cfg, logger
			return nil, nil, notWritten("the gRPC factory", 2)
		}
	}
}
