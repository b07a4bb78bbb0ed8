// Package check is the maintainer check, the verify command: for every
// stage, the solution passes, the exercise compiles and its step tests fail
// as shipped, the solution's code makes the exercise's tests pass, exercise
// and solution files match, a converted stage's hints are complete (hints.go),
// and the modules are sound; then the generated protobuf code, gofmt and the
// workshop command's own tests.
//
// Each check has a file of its own and returns a result; the verifier runs
// them in order and prints one line per check (run.go). Its tests build
// fixture repositories (package fixture) and prove that each check fails
// for its named cause.
package check
