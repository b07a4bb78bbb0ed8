// Package api holds the workshop's protobuf contracts and the Go code
// generated from them. The generated code is committed: building the
// workshop needs no protoc. See README.md to regenerate it.
package api

// buf (a protobuf compiler in Go) and the two plugins are tool dependencies
// of the module in ../tools/protobuf, which stays out of go.work: GOWORK=off
// lets -modfile name it. buf.gen.yaml says which plugins buf runs.
//go:generate env GOWORK=off go tool -modfile=../tools/protobuf/go.mod buf generate
