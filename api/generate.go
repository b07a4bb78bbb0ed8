// Package api holds the workshop's protobuf contracts and the Go code
// generated from them. The generated code is committed: building the
// workshop needs no protoc. See README.md to regenerate it.
package api

//go:generate protoc --proto_path=. --go_out=. --go_opt=paths=source_relative --go-grpc_out=. --go-grpc_opt=paths=source_relative todo/v1/todo.proto
