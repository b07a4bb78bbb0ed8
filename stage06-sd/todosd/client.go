package todosd

import (
	"context"
	"sync"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	"github.com/go-kit/kit/sd/etcdv3"
	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Client is a todo.Service that discovers its servers in etcd: its
// Endpoints hold one discovery chain per method,
//
//	Instancer → Endpointer (Factory) → round robin → retry
//
// so each call goes to one of the instances registered at that moment.
// Close it when done.
type Client struct {
	todoendpoint.Endpoints

	instancer   sd.Instancer
	endpointers []*sd.DefaultEndpointer
	mu          sync.Mutex
	stop        context.CancelFunc // ends the etcd client, when Connect made it
}

var _ todo.Service = (*Client)(nil)

// ClientConfig holds the settings of a discovering client: which instances
// it watches and how it calls them. Zero values take the defaults given with
// each field. The settings of each instance's endpoint are the factory's
// (FactoryConfig).
type ClientConfig struct {
	// Prefix is the etcd key prefix the instances register under
	// (DefaultPrefix).
	Prefix string
	// Attempts is how many times a call is tried, on different instances,
	// before it fails (3): a call of a Retryable method after any failure,
	// one of the others only while the error proves that the request never
	// left (NeverSent).
	Attempts int
	// Timeout bounds one call of the client, its retries included (5s).
	Timeout time.Duration
}

// withDefaults returns cfg with the zero values replaced by the defaults.
func (cfg ClientConfig) withDefaults() ClientConfig {
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	return cfg
}

// NewClient returns the Client of the instances registered under
// cfg.Prefix in etcd, as Go kit's etcd client sees them. factory builds
// the endpoint of a method on one instance (HTTPFactory, say).
func NewClient(etcd etcdv3.Client, factory FactoryFor, cfg ClientConfig, logger log.Logger) (*Client, error) {
	cfg = cfg.withDefaults()
	// TODO(stage06, step 3): watch the instances registered under
	// cfg.Prefix in etcd, in place of this instancer, which knows none.
	// Failing to watch is NewClient's error.
	var instancer sd.Instancer = sd.FixedInstancer{}
	_ = etcd
	c := &Client{instancer: instancer}
	for _, m := range todoendpoint.Methods() {
		m.SetEndpoint(&c.Endpoints, c.endpoint(m.Name, factory(m.Name), cfg, log.With(logger, "method", m.Name)))
	}
	c.waitReady()
	return c, nil
}

// endpoint returns the endpoint of one method: its discovery chain, from
// c.instancer to one call on one instance, retried when the method is
// Retryable.
func (c *Client) endpoint(method string, factory sd.Factory, cfg ClientConfig, logger log.Logger) endpoint.Endpoint {
	// TODO(stage06, step 3): the chain of one method, over c.instancer.
	//   - Each call goes to one of the instances c.instancer reports at
	//     that moment, through the endpoint factory made for it; with no
	//     instance, the caller gets Go kit's "no endpoints" error.
	//   - Successive calls take the instances in turn: 30 calls over three
	//     instances are 10, 10 and 10.
	//   - An instance that leaves gets no more calls, and its closer is
	//     called; Close (below) must be able to close what you build here.
	//   - Retryable methods use retrying (retry.go, step 4), the others
	//     once (provided), each with cfg. As shipped, Retryable allows none.
	_, _, _, _ = method, factory, cfg, logger
	return func(context.Context, any) (any, error) {
		return nil, notWritten("the discovery chain", 3)
	}
}

// keep remembers an endpointer, for Close.
func (c *Client) keep(e *sd.DefaultEndpointer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endpointers = append(c.endpointers, e)
}

// Close stops following etcd and closes the endpoints of every instance.
func (c *Client) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.endpointers {
		e.Close()
	}
	c.endpointers = nil
	if c.instancer != nil {
		c.instancer.Stop()
		c.instancer = nil
	}
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
}
