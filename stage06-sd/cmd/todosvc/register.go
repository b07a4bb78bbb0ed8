package main

import (
	"context"
	"fmt"
	"net"

	"github.com/go-kit/log"
)

// register registers the instance whose API listens on addr in etcd, and
// returns the func that deregisters it, which run calls on shutdown before
// draining. The registered URL is cfg.registerURL, or http:// and addr.
func register(ctx context.Context, cfg config, addr net.Addr, logger log.Logger) (deregister func(), err error) {
	// TODO(stage06, step 4): register this server.
	//   1. url, err := instanceURL(cfg.registerURL, addr) (below);
	//   2. reg, err := todosd.Register(ctx, todosd.RegisterConfig{…},
	//      logger), the RegisterConfig built from cfg.etcdEndpoints,
	//      cfg.etcdPrefix, url (its Instance) and cfg.etcdTTL; return its
	//      error as it is;
	//   3. logger.Log("msg", "registered", "key", reg.Key, "url", reg.Value);
	//   4. return a func that calls reg.Deregister() and then logs
	//      "msg", "deregistered", "key", reg.Key.
	// run calls that func on shutdown, before it drains (main.go).
	_, _, _ = ctx, cfg, logger
	return func() {}, fmt.Errorf("register %v is not written yet: do stage 06, step 4", addr)
}

// instanceURL returns the URL to register: registerURL when given, else
// http:// and the bound address, which must then name a host clients can
// reach (not 0.0.0.0 or [::]).
func instanceURL(registerURL string, addr net.Addr) (string, error) {
	if registerURL != "" {
		return registerURL, nil
	}
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		return "", fmt.Errorf("the HTTP address %v is not one clients can reach: give -register-url, e.g. http://myhost:8080", addr)
	}
	return "http://" + addr.String(), nil
}
