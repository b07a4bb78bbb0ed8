// Package todomw holds the middleware of the todo service: the concerns that
// are not business rules, each in its own small decorator, so that the
// service, the endpoints and the HTTP handler stay exactly as stages 01 to 03
// left them.
//
// There are three sorts, one per layer of the onion:
//
//   - service middleware, a ServiceMiddleware (func(todo.Service)
//     todo.Service): Logging and Instrumenting. They see the service's own
//     arguments and results, so they can log a title or count not-founds;
//   - endpoint middleware, a todoendpoint.Middleware: RateLimit,
//     CircuitBreaker and EndpointDuration. They see only requests, responses
//     and returned errors, the same for every method, and are given the
//     method's name;
//   - transport middleware, around the HTTP handler: Recover(logger, next)
//     returns an http.Handler that serves with next.
//
// Errors born here say their kind (stage 02's todoendpoint.Kind: rate
// limited, unavailable), a word every transport maps to its own answer, so
// the HTTP error encoder of stage 03 and the gRPC server of stage 05 answer
// them without knowing about them, and they carry no HTTP or gRPC type.
package todomw
