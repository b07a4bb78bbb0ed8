package todosd

import (
	"context"

	"github.com/go-kit/log"
)

// Connect dials etcd at etcdEndpoints and returns the Client of the
// instances registered there: what a program calls to get a discovering
// todo.Service in one line. ctx bounds the dial only. Close the Client when
// done: it also closes its etcd client.
func Connect(ctx context.Context, etcdEndpoints []string, factory FactoryFor, cfg ClientConfig, logger log.Logger) (*Client, error) {
	etcdCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	etcd, err := Dial(etcdCtx, etcdEndpoints)
	if err != nil {
		cancel()
		return nil, err
	}
	c, err := NewClient(etcd, factory, cfg, logger)
	if err != nil {
		cancel()
		return nil, err
	}
	c.stop = cancel
	return c, nil
}
