// Package todoendpoint turns the todo service into Go kit endpoints, and
// endpoints back into a service.
//
// The server side (server.go) has one constructor per service method,
// MakeCreateEndpoint and so on: each endpoint takes a request value
// (CreateRequest), calls the service and answers a response value
// (CreateResponse). Transports decode into requests and encode responses; the
// service never sees either.
//
// The client side (client.go) is the Endpoints set: a struct of six
// endpoints whose methods implement todo.Service. A transport's client
// endpoints, put in an Endpoints, become a todo.Service that callers use as
// if the service were in the same process.
//
// The methods of todo.Service are listed once, in Methods (methods.go):
// Wrap, and the transports and discovery of later stages, walk that table
// instead of naming the six methods again.
//
// Errors take one of two roads: inside the response, in its Err field,
// which the response reports through Failed (kit's endpoint.Failer); or
// returned by the endpoint itself. Both reach the caller; only the returned
// one reaches endpoint middleware such as circuit breakers and retries.
// split (server.go) chooses the road of each error the service returns. An
// error born in a later layer (rate limited, circuit open) says what Kind it
// is (kinds.go), so that every transport answers it in its own words.
package todoendpoint
