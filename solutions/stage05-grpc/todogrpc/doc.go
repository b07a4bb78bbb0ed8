// Package todogrpc is the gRPC transport of the todo service: the same
// endpoints as the HTTP transport of stage 03, bound to the rpcs of
// todo.v1.TodoService (the contract in the api module, api/todo/v1).
//
// The server side: NewServer binds each endpoint to its rpc with one kit
// grpctransport.Server, which decodes the protobuf request into the
// endpoint's request type (decode.go), calls the endpoint and encodes its
// response into the protobuf response (encode.go). toStatus (errors.go) is
// the one place where an error becomes a gRPC status code: a domain code, or
// the kind of an error born in middleware (stage 02's todoendpoint.Kind), so
// this package needs nothing of HTTP. Recover is the
// interceptor that turns a panic into an Internal error, because a panic in
// a gRPC handler would otherwise end the whole server.
//
// The client side: NewClient binds each rpc to a kit grpctransport.Client,
// and puts the six client endpoints in a todoendpoint.Endpoints, which is a
// todo.Service. Kit's client returns a non-OK status as an error before its
// decoder runs, so a client endpoint middleware (domainErrors) turns the
// statuses that are answers of the service back into domain errors inside
// the response of the method (its FailedResponse in todoendpoint.Methods()):
// errors.Is(err, todo.ErrNotFound) holds for the caller, and circuit breakers
// and retries see only real failures.
package todogrpc
