// Package api holds the workshop's protobuf contracts and the Go code
// generated from them. The generated code is committed: building the
// workshop needs no protoc. See README.md to regenerate it.
package api

// buf (a protobuf compiler in Go) and the two plugins are tool dependencies
// of the module in ../tools/protobuf, which stays out of the repository's
// go.work (its own go.work keeps it apart): go -C runs buf there, on this
// folder, with this folder's buf.gen.yaml, which says which plugins buf runs.
//go:generate go -C ../tools/protobuf tool buf generate --template ../../api/buf.gen.yaml -o ../../api ../../api
