package todosd

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
