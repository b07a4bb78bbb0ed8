// Package todomw holds the middleware of the todo service: the concerns that
// are not business rules, each in its own small decorator, so that the
// service, the endpoints and the HTTP handler stay exactly as stages 01 to 03
// left them.
//
// There are three kinds, one per layer of the onion:
//
//   - service middleware, a ServiceMiddleware (func(todo.Service)
//     todo.Service): Logging and Instrumenting. They see the service's own
//     arguments and results, so they can log a title or count not-founds;
//   - endpoint middleware, a todoendpoint.Middleware: RateLimit,
//     CircuitBreaker and EndpointDuration. They see only requests, responses
//     and returned errors, the same for every method, and are given the
//     method's name;
//   - transport middleware, a func(http.Handler) http.Handler: Recover.
//
// Errors born here carry their own HTTP status (kit's StatusCoder), so the
// error encoder of stage 03 answers them without knowing about them.
package todomw

import "github.com/gokit-workshop/workshop/solutions/stage01-service/todo"

// ServiceMiddleware decorates a todo.Service: it returns a Service that does
// something around each call and passes the call on to next.
type ServiceMiddleware func(next todo.Service) todo.Service
