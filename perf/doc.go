// Package perf measures what each layer of the workshop's todo service
// costs, and how the Go kit stack compares with a server written without it.
//
// The measurements live in benchmarks (go test -bench . in this directory),
// never in timed tests:
//
//   - BenchmarkLayers: create, get and a list of 100 through the store, the
//     service, the endpoints, the HTTP and gRPC transports on loopback, the
//     stage 04 middleware onion on top, and the plain baselines;
//   - BenchmarkMiddleware: each piece of the onion alone, around a service
//     that answers at once;
//   - BenchmarkServers: whole servers, kit and plain, under 16 callers at
//     once;
//   - BenchmarkSQLite…: the SQLite settings of stage 01 (journal mode,
//     synchronous level, connection pool, prepared statements), each against
//     its alternatives, on the store alone.
//
// The plain servers are in package baseline; cmd/load is a load tool for a
// running server; compare.sh runs the kit stack and the baseline one after
// the other and prints them side by side. PERFORMANCE.md at the root of the
// repository has the figures and what to take away from them.
package perf
