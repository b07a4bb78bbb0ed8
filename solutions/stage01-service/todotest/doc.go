// Package todotest is the contract every todo.Service keeps: the same
// scenarios, run against the service itself and, in later stages, against
// every client of it (endpoints, HTTP, gRPC, discovery). A client that passes
// behaves exactly like the service, errors included.
package todotest
