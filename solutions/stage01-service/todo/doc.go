// Package todo is the domain of the workshop's service: the Todo type, the
// Service that holds the business rules, the Store that keeps todos, and the
// domain errors every transport maps to its own codes.
//
// Nothing here knows about HTTP, gRPC or SQL: the dependency arrows point
// inwards, transport → endpoint → service → store.
package todo
