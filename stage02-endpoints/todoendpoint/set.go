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
