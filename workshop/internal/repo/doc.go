// Package repo is the workshop repository as the workshop command sees it:
// its root (the directory of go.work), its stages with their exercise and
// solution modules, the modules go.work uses, and the go command that runs
// in it.
//
// go.mod and go.work files are read with the go command itself
// (go mod edit -json, go work edit -json), never parsed by hand. The go
// command runs through one runner (Go), and the output of go test -json is
// read by one parser (ParseTestJSON).
package repo
