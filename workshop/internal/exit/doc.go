// Package exit names the exit statuses of the workshop command, which every
// subcommand returns.
package exit

// Exit statuses.
const (
	OK    = 0 // done, or every check passed
	Fail  = 1 // a check failed, or the command could not do its job
	Usage = 2 // the command line was wrong
)
