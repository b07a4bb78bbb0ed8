package todoendpoint

import "github.com/go-kit/kit/endpoint"

// Method describes one method of todo.Service as an Endpoints set holds it:
// what code that handles every method alike (Wrap, a transport's client, a
// discovering client) needs to know about each one.
type Method struct {
	// Name is the method's name, "Create" and so on: what a Middleware is
	// told.
	Name string
	// Endpoint returns the method's endpoint in e: e.CreateEndpoint for
	// Create.
	Endpoint func(e Endpoints) endpoint.Endpoint
	// SetEndpoint sets the method's endpoint in e to ep.
	SetEndpoint func(e *Endpoints, ep endpoint.Endpoint)
	// FailedResponse returns the method's response carrying the error err
	// (CreateResponse{Err: err} for Create): what a client transport (stage
	// 03) answers when the server's answer was a response that failed.
	FailedResponse func(err error) endpoint.Failer
}

// Methods returns the methods of todo.Service, in the order of the
// interface. It is the one list of them: whatever treats every method
// alike walks it rather than naming the six again.
func Methods() []Method {
	return []Method{
		{
			Name:           "Create",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.CreateEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.CreateEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return CreateResponse{Err: err} },
		},
		{
			Name:           "Get",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.GetEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.GetEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return GetResponse{Err: err} },
		},
		{
			Name:           "List",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.ListEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.ListEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return ListResponse{Err: err} },
		},
		{
			Name:           "Update",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.UpdateEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.UpdateEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return UpdateResponse{Err: err} },
		},
		{
			Name:           "Delete",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.DeleteEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.DeleteEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return DeleteResponse{Err: err} },
		},
		{
			Name:           "DeleteAll",
			Endpoint:       func(e Endpoints) endpoint.Endpoint { return e.DeleteAllEndpoint },
			SetEndpoint:    func(e *Endpoints, ep endpoint.Endpoint) { e.DeleteAllEndpoint = ep },
			FailedResponse: func(err error) endpoint.Failer { return DeleteAllResponse{Err: err} },
		},
	}
}

// MethodNamed returns the method of todo.Service called name, and false if
// there is none.
func MethodNamed(name string) (Method, bool) {
	for _, m := range Methods() {
		if m.Name == name {
			return m, true
		}
	}
	return Method{}, false
}
