package embedetcd

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// Config says where the server keeps its data and listens.
type Config struct {
	// Dir is the data directory; it is created if missing.
	Dir string
	// ClientAddr is the host:port clients connect to, e.g. 127.0.0.1:2379;
	// port 0 picks a free one (see Server.Addr).
	ClientAddr string
	// PeerAddr is the host:port of the peer (raft) listener; empty means
	// 127.0.0.1:0, a free port, which a single member never needs to know.
	PeerAddr string
	// Fast trades safety for speed, for tests and demos: no fsync, and a
	// 10 ms heartbeat (100 ms election), so the member elects itself at once
	// and leases as short as one second expire on time.
	Fast bool
	// Logger receives etcd's own logs; nil means none.
	Logger *zap.Logger
}

// Server is a running embedded etcd.
type Server struct {
	etcd *embed.Etcd
}

// startTimeout bounds how long a new member may take to become ready.
const startTimeout = 30 * time.Second

// Start starts the server and waits until it serves clients.
func Start(cfg Config) (*Server, error) {
	if cfg.PeerAddr == "" {
		cfg.PeerAddr = "127.0.0.1:0"
	}
	clientURL, err := url.Parse("http://" + cfg.ClientAddr)
	if err != nil {
		return nil, fmt.Errorf("etcd client address %q: %w", cfg.ClientAddr, err)
	}
	peerURL, err := url.Parse("http://" + cfg.PeerAddr)
	if err != nil {
		return nil, fmt.Errorf("etcd peer address %q: %w", cfg.PeerAddr, err)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = zap.NewNop()
	}

	ec := embed.NewConfig()
	ec.Name = "workshop"
	ec.Dir = cfg.Dir
	ec.ListenClientUrls = []url.URL{*clientURL}
	ec.AdvertiseClientUrls = []url.URL{*clientURL}
	ec.ListenPeerUrls = []url.URL{*peerURL}
	ec.AdvertisePeerUrls = []url.URL{*peerURL}
	ec.InitialCluster = ec.Name + "=" + peerURL.String()
	ec.ZapLoggerBuilder = embed.NewZapLoggerBuilder(logger)
	if cfg.Fast {
		ec.UnsafeNoFsync = true
		ec.TickMs = 10
		ec.ElectionMs = 100
	}

	e, err := embed.StartEtcd(ec)
	if err != nil {
		return nil, fmt.Errorf("start etcd on %s: %w", cfg.ClientAddr, err)
	}
	select {
	case <-e.Server.ReadyNotify():
		return &Server{etcd: e}, nil
	case err := <-e.Err():
		e.Close()
		return nil, fmt.Errorf("etcd on %s: %w", cfg.ClientAddr, err)
	case <-time.After(startTimeout):
		e.Server.Stop()
		e.Close()
		return nil, errors.New("etcd did not become ready within " + startTimeout.String())
	}
}

// Addr returns the host:port the server listens on for clients.
func (s *Server) Addr() string {
	return s.etcd.Clients[0].Addr().String()
}

// Err returns a channel that receives an error if the server fails while
// running.
func (s *Server) Err() <-chan error {
	return s.etcd.Err()
}

// Close stops the server. Close clients connected to it first (deregister,
// cancel their contexts): a server with live clients takes seconds to stop.
func (s *Server) Close() {
	s.etcd.Close()
}
