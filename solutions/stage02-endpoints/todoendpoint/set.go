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
// Errors take one of two roads. A domain error (todo.ErrNotFound,
// todo.ErrInvalid) travels inside the response, in its Err field, and the
// response reports it through Failed (kit's endpoint.Failer). Any other error
// is returned by the endpoint itself. Endpoint middleware such as circuit
// breakers and retries therefore sees only real failures.
package todoendpoint

import (
	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
)

// Endpoints holds one endpoint per method of todo.Service. On the server side
// New fills it from a service; on the client side a transport fills it with
// its client endpoints. Either way its methods make it a todo.Service.
type Endpoints struct {
	CreateEndpoint    endpoint.Endpoint
	GetEndpoint       endpoint.Endpoint
	ListEndpoint      endpoint.Endpoint
	UpdateEndpoint    endpoint.Endpoint
	DeleteEndpoint    endpoint.Endpoint
	DeleteAllEndpoint endpoint.Endpoint
}

// New returns the endpoints of svc, each wrapped in the middlewares mw (see
// Wrap).
func New(svc todo.Service, mw ...Middleware) Endpoints {
	return Endpoints{
		CreateEndpoint:    MakeCreateEndpoint(svc),
		GetEndpoint:       MakeGetEndpoint(svc),
		ListEndpoint:      MakeListEndpoint(svc),
		UpdateEndpoint:    MakeUpdateEndpoint(svc),
		DeleteEndpoint:    MakeDeleteEndpoint(svc),
		DeleteAllEndpoint: MakeDeleteAllEndpoint(svc),
	}.Wrap(mw...)
}
