// Package sdtest holds the test helpers of stage 06: a real etcd for each
// test, and real todo servers on 127.0.0.1 (HTTPServer, GRPCServer) that
// count the requests they serve; what they register in etcd is their
// instance, in Go kit's words (a URL, or a host:port). It is provided:
// nothing here is an exercise.
//
// Each test gets an embedded etcd of its own, in t.TempDir(). When the
// environment variable ETCD_ENDPOINTS is set (host:port, comma-separated),
// the tests use that etcd instead, under a key prefix of their own, so that
// runs do not see each other's keys: that is how CI runs them against an
// etcd in another process.
package sdtest
