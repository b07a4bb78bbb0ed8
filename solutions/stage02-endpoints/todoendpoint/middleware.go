package todoendpoint

import "github.com/go-kit/kit/endpoint"

// Middleware wraps the endpoint of one method. method is the name of the
// todo.Service method the endpoint serves (one of Methods()), so that one
// middleware can label metrics or logs with it, or treat methods apart (say,
// retry only the ones that are safe to repeat).
//
// To apply one of kit's endpoint.Middleware values (a rate limiter, say) to
// every method alike, ignore the name:
//
//	func(_ string, next endpoint.Endpoint) endpoint.Endpoint { return limit(next) }
type Middleware func(method string, next endpoint.Endpoint) endpoint.Endpoint

// Methods returns the method names a Middleware is given, in the order of
// the todo.Service interface.
func Methods() []string {
	return []string{"Create", "Get", "List", "Update", "Delete", "DeleteAll"}
}

// Wrap returns a copy of e with every endpoint wrapped in the middlewares mw.
// The first middleware is the outermost: a request goes through mw[0], then
// mw[1], and so on, then the endpoint of e (as with kit's endpoint.Chain).
func (e Endpoints) Wrap(mw ...Middleware) Endpoints {
	wrap := func(method string, next endpoint.Endpoint) endpoint.Endpoint {
		for i := len(mw) - 1; i >= 0; i-- {
			next = mw[i](method, next)
		}
		return next
	}
	return Endpoints{
		CreateEndpoint:    wrap("Create", e.CreateEndpoint),
		GetEndpoint:       wrap("Get", e.GetEndpoint),
		ListEndpoint:      wrap("List", e.ListEndpoint),
		UpdateEndpoint:    wrap("Update", e.UpdateEndpoint),
		DeleteEndpoint:    wrap("Delete", e.DeleteEndpoint),
		DeleteAllEndpoint: wrap("DeleteAll", e.DeleteAllEndpoint),
	}
}
