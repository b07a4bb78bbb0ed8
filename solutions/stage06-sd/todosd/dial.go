package todosd

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-kit/kit/sd/etcdv3"
	"google.golang.org/grpc"
)

// DialTimeout bounds how long Dial waits for etcd to answer.
const DialTimeout = 2 * time.Second

// Dial connects to the etcd cluster at endpoints (host:port each, or URLs)
// and returns Go kit's etcd client, which lives until ctx is done. Both
// halves use it: Register, one client per registration, and Connect, for a
// client's Instancer.
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
	// forever for an etcd that is not there. grpc.WithBlock is deprecated
	// because grpc.NewClient ignores it; etcd v3.6's client dials with
	// grpc.DialContext, which honours it (etcd's Config.DialOptions doc
	// names it for exactly this).
	client, err := etcdv3.NewClient(ctx, machines, etcdv3.ClientOptions{
		DialTimeout: DialTimeout,
		DialOptions: []grpc.DialOption{grpc.WithBlock(), closeOnDone(ctx)},
	})
	if err != nil {
		return nil, fmt.Errorf("etcd %s unreachable: %w", strings.Join(endpoints, ","), err)
	}
	return client, nil
}
