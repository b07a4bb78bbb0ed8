package todogrpc

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// ConnectionTimeout is how long a new connection has to complete its
// HTTP/2 handshake before the server closes it: as long as the HTTP
// server's ReadHeaderTimeout (stage 03's serve.Group).
const ConnectionTimeout = 5 * time.Second

// connectionLimits are the server options that bound what a connection may
// hold, whatever its client does. grpc-go's defaults suit a server behind a
// proxy that already does this; this one faces its clients.
func connectionLimits() []grpc.ServerOption {
	return []grpc.ServerOption{
		// A connection that sends nothing (a port scan, a client that died
		// while connecting, a slowloris) holds a goroutine and a file
		// descriptor until it is closed: grpc-go waits 120 s for the
		// handshake by default.
		grpc.ConnectionTimeout(ConnectionTimeout),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			// A connection without a call for this long is sent GOAWAY,
			// as the HTTP server closes a keep-alive connection idle for
			// its IdleTimeout; a gRPC client reconnects by itself on its
			// next call. The default keeps it forever.
			MaxConnectionIdle: 2 * time.Minute,
			// A connection silent for a minute is pinged, and closed if
			// the ping is not answered within 20 s: a client gone without
			// closing (a cable pulled, a VM gone) is found in 80 s, not
			// in the default 2 h 20 s.
			Time:    time.Minute,
			Timeout: 20 * time.Second,
			// MaxConnectionAge stays unset (forever): clients find the
			// instances through etcd (stage 06), with one connection to
			// each, so no proxy needs the connections to end to rebalance.
		}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			// A client may ping every 10 s, the shortest keepalive.Time a
			// grpc-go client accepts, even between calls. The default (5
			// min, and never between calls) answers a client whose
			// keepalive is shorter with GOAWAY "too_many_pings"; a faster
			// pinger is still cut off.
			MinTime:             10 * time.Second,
			PermitWithoutStream: true,
		}),
	}
}
