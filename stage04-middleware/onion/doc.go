// Package onion wraps the todo service in the middleware of stage 04, ring
// by ring: service middleware around the service, endpoint middleware around
// each of its endpoints, transport middleware around the HTTP handler.
// Endpoints builds the rings under the transport, HTTPHandler the HTTP
// transport on top (stage 05 puts gRPC on the same endpoints); Config holds
// their settings and flags.
//
// Which ring each middleware belongs to, and in what order the rings' pieces
// wrap each other, decides what each of them sees: the doc comments of
// Endpoints and HTTPHandler say what that must be.
package onion
