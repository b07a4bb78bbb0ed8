// Package embedetcd starts a single-member etcd server inside the process,
// from go.etcd.io/etcd/server/v3/embed: the registry of the stage for
// learners with nothing installed (cmd/etcdlocal), for the demo and for the
// tests. The todo server itself never links it: it talks to etcd as a
// client, wherever etcd runs.
package embedetcd
