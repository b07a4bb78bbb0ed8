package todosd

import (
	"io"
	"net/http"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
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
			transport := http.DefaultTransport.(*http.Transport).Clone()
			client := &http.Client{Transport: transport, Timeout: cfg.Timeout}
			endpoints, err := todohttp.NewClient(instance, httptransport.SetClient(client))
			if err != nil {
				return nil, nil, err
			}
			e, err := Pick(endpoints, method)
			if err != nil {
				return nil, nil, err
			}
			breaker := todomw.CircuitBreaker(cfg.BreakerFailures, cfg.BreakerTimeout, log.With(logger, "instance", instance))
			e = breaker(method, e)
			return e, closerFunc(func() error { transport.CloseIdleConnections(); return nil }), nil
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
			conn, err := grpc.NewClient(instance, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				return nil, nil, err
			}
			e, err := Pick(todogrpc.NewClient(conn), method)
			if err != nil {
				conn.Close()
				return nil, nil, err
			}
			breaker := todomw.CircuitBreaker(cfg.BreakerFailures, cfg.BreakerTimeout, log.With(logger, "instance", instance))
			return breaker(method, e), conn, nil
		}
	}
}
