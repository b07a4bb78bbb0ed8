// Package todosd is the client-side discovery of the todo service, with Go
// kit's package sd and etcd as the registry.
//
// Two halves meet in etcd, under one key prefix per transport
// (DefaultPrefix for HTTP, DefaultGRPCPrefix for gRPC):
//
//   - each todo server registers itself (registrar.go): Register puts a key
//     with the server's instance (its URL for HTTP, its host:port for gRPC)
//     under the prefix, on a lease that the server keeps alive; Deregister
//     removes it on shutdown, and when a server dies without deregistering
//     the lease expires and the key goes with it;
//   - each client discovers the servers (client.go): an Instancer watches the
//     prefix, an Endpointer turns each instance into an endpoint through a
//     Factory (factory.go), a round-robin balancer picks one per call, and a
//     retry tries another when one fails, for the methods that are safe to
//     repeat. One such chain per method, put in an Endpoints set, is a
//     todo.Service that follows instances as they come and go.
//
// An instance, here as in Go kit, is that string: what a server registers
// and what a Factory turns into an endpoint. Connect and Dial reach etcd
// (dial.go); three configs hold the settings of each part: RegisterConfig
// (what a server registers), ClientConfig (how a client calls) and
// FactoryConfig (the endpoint of each instance).
//
// The error path of stage 02 holds all the way: a domain error (not found,
// invalid) travels inside the response, so neither the breakers nor the
// retries see it, and errors.Is(err, todo.ErrNotFound) holds for the caller.
package todosd
