// Command workshop guides learners through the Go kit workshop and checks
// the workshop for its maintainers.
//
// Run it from anywhere inside the repository:
//
//	go run ./workshop              where you stand: steps passed, the next step
//	go run ./workshop watch        run the current stage's tests on every save
//	go run ./workshop hint         level 1 of the next step's hint (hint -level 2 stage02 3: any step, any level)
//	go run ./workshop diff stage01 your files against the solution's
//	go run ./workshop reset stage01  a stage's files as shipped (after a backup)
//	go run ./workshop prefetch     download and build everything, for offline rooms
//	go run ./workshop verify       the maintainer check (every stage)
//	go run ./workshop help
//
// Every command has one grammar, Go's flag package's: the command, its
// flags, then its arguments (reset -y stage01). main.go holds the command
// table; the work is done in internal packages:
//
//	internal/repo      the repository: root, stages, modules, the go runner, go test -json, cgo
//	internal/guide     stage guides and the folded hints in them (unconverted stages)
//	internal/hints     the hint files: hints/<stage>.md, their levels, code lines and Check answers
//	internal/learner   the learner's commands: status, watch, hint, diff, reset, prefetch
//	internal/check     the maintainer's checks: verify
//	internal/textdiff  unified diffs and first differences
//	internal/exit      exit statuses
//	internal/fixture   fixture repositories for the tests
package main
