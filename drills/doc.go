// Package drills holds the reliability drills of the finished todo service:
// tests that run the SOLUTIONS (never the exercises) under hostile input and
// faults, and check what the service promises (RELIABILITY.md at the root of
// the repository):
//
//   - FuzzHTTPCreate, FuzzHTTPPatch: any body (and any {id}) sent to the
//     stage 03 handler over a real SQLite store is answered 200, 201, 400,
//     404 or 413, never 5xx, always with a JSON body, and an answer that is
//     not 2xx leaves the store as it was;
//   - FuzzGRPCCreate, FuzzGRPCUpdate: any fields (and any extra wire bytes)
//     sent to the stage 05 gRPC server are answered OK, InvalidArgument or
//     NotFound, and an error stores nothing;
//   - TestKillDuringWrites: the stage 05 todosvc binary is killed with
//     SIGKILL while writers create todos over HTTP; restarted on the same
//     file, it has every create it acknowledged and the file passes
//     PRAGMA integrity_check (skipped under -short).
//
// go test ./... runs the fuzz targets on their seed corpora
// (testdata/fuzz/); go test -run '^$' -fuzz '^FuzzHTTPCreate$' -fuzztime 30s
// fuzzes one of them (one target per command).
package drills
