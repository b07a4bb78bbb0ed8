package todosd

import (
	"context"
	"net"
	"strings"
	"sync"

	"google.golang.org/grpc"
)

// closeOnDone returns a gRPC dial option for etcd's client whose network
// connections all close when ctx is done.
//
// Go kit's etcd client has no Close method: it is meant to live until the
// context given to etcdv3.NewClient is done. But etcd's client keeps its
// connection, and the stream that renews leases, open even then; an etcd
// server with such a client left takes seconds to stop, and a "crashed"
// instance (Registration.Close) would not look crashed to etcd. With this
// option, cancelling the context really hangs up.
func closeOnDone(ctx context.Context) grpc.DialOption {
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
		conns = nil
	})
	return grpc.WithContextDialer(func(dialCtx context.Context, addr string) (net.Conn, error) {
		if _, hostPort, ok := strings.Cut(addr, "://"); ok {
			addr = hostPort
		}
		conn, err := (&net.Dialer{}).DialContext(dialCtx, "tcp", addr)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		if err := ctx.Err(); err != nil {
			conn.Close()
			return nil, err
		}
		conns = append(conns, conn)
		return conn, nil
	})
}
