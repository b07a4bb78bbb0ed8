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
	m, ok := todoendpoint.MethodNamed(method)
	if !ok {
		return nil, fmt.Errorf("todosd: no method %q in todoendpoint.Endpoints", method)
	}
	return m.Endpoint(e), nil
}

// closerFunc turns a func into an io.Closer, the closer a Factory returns
// with each endpoint.
type closerFunc func() error

// Close calls f.
func (f closerFunc) Close() error { return f() }

var _ io.Closer = closerFunc(nil)
