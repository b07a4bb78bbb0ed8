package todosd

import (
	"fmt"
	"strings"
)

// DefaultPrefix is the etcd key prefix under which todo servers register
// their HTTP URL: one key per instance, /services/todo/http/<host:port>.
const DefaultPrefix = "/services/todo/http/"

// DefaultGRPCPrefix is the etcd key prefix under which todo servers register
// their gRPC address: one key per instance, /services/todo/grpc/<host:port>,
// whose value is the host:port itself. A server that speaks both transports
// registers twice, once under each prefix; a client watches the prefix of
// the transport it speaks.
const DefaultGRPCPrefix = "/services/todo/grpc/"

// DefaultEtcd is the etcd client address of a local etcd: cmd/etcdlocal's,
// or a real one installed with its defaults.
const DefaultEtcd = "127.0.0.1:2379"

// ParseEndpoints returns the etcd addresses in s, a comma-separated list as
// the -etcd-endpoints flags take it, spaces and empty items dropped; an
// error when none is left.
func ParseEndpoints(s string) ([]string, error) {
	var endpoints []string
	for e := range strings.SplitSeq(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			endpoints = append(endpoints, e)
		}
	}
	if len(endpoints) == 0 {
		return nil, fmt.Errorf("no etcd address in %q: give one or more, comma-separated, e.g. %s", s, DefaultEtcd)
	}
	return endpoints, nil
}
