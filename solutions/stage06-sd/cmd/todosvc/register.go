package main

import (
	"context"
	"fmt"
	"net"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
)

// register registers the instance whose API listens on addr in etcd, and
// returns the func that deregisters it, which run calls on shutdown before
// draining. The registered URL is cfg.registerURL, or http:// and addr.
func register(ctx context.Context, cfg config, addr net.Addr, logger log.Logger) (deregister func(), err error) {
	url, err := instanceURL(cfg.registerURL, addr)
	if err != nil {
		return nil, err
	}
	reg, err := todosd.Register(ctx, todosd.RegisterConfig{
		Etcd:     cfg.etcdEndpoints,
		Prefix:   cfg.etcdPrefix,
		Instance: url,
		TTL:      cfg.etcdTTL,
	}, logger)
	if err != nil {
		return nil, err
	}
	logger.Log("msg", "registered", "key", reg.Key, "instance", reg.Value, "ttl", cfg.etcdTTL)
	return func() {
		reg.Deregister()
		logger.Log("msg", "deregistered", "key", reg.Key)
	}, nil
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
