package todosd

import (
	"fmt"
	"io"

	"github.com/go-kit/kit/endpoint"

	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
)

// Pick returns the endpoint of one method from a set: "Create" gives
// e.CreateEndpoint, and so on (the names of todoendpoint.Methods()).
func Pick(e todoendpoint.Endpoints, method string) (endpoint.Endpoint, error) {
	switch method {
	case "Create":
		return e.CreateEndpoint, nil
	case "Get":
		return e.GetEndpoint, nil
	case "List":
		return e.ListEndpoint, nil
	case "Update":
		return e.UpdateEndpoint, nil
	case "Delete":
		return e.DeleteEndpoint, nil
	case "DeleteAll":
		return e.DeleteAllEndpoint, nil
	}
	return nil, fmt.Errorf("todosd: no method %q in todoendpoint.Endpoints", method)
}

// closerFunc turns a func into an io.Closer, the closer a Factory returns
// with each endpoint.
type closerFunc func() error

// Close calls f.
func (f closerFunc) Close() error { return f() }

var _ io.Closer = closerFunc(nil)
