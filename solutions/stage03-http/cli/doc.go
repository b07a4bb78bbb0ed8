// Package cli is the logic of the todocli command: each subcommand is one
// call of a todo.Service. It does not know which transport carries the call,
// so every stage's client (HTTP, gRPC, discovery) plugs in unchanged.
package cli
