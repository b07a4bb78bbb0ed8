// Command workshop guides learners through the Go kit workshop and checks
// the workshop for its maintainers.
//
// Run it from anywhere inside the repository:
//
//	go run ./workshop              where to start
//	go run ./workshop verify       the maintainer check (every stage)
//	go run ./workshop verify stage01-service
//	go run ./workshop help
package main

import (
	"fmt"
	"io"
	"os"
)

// A command is one subcommand of the workshop command.
// To add one, write its run function in a file of its own and list it in commands.
type command struct {
	name    string // what the user types, e.g. "verify"
	args    string // argument synopsis for the usage text
	summary string // one line for the usage text
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands are the subcommands, in the order the usage text lists them.
var commands = []command{
	{"start", "", "show the stages and where to start (the default)", runStart},
	{"verify", "[stage ...]", "maintainer check: solutions pass, exercises fail as shipped, twins match", runVerify},
}

// Exit statuses.
const (
	exitOK    = 0 // done, or every check passed
	exitFail  = 1 // a check failed, or the command could not do its job
	exitUsage = 2 // the command line was wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"start"}
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "workshop: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// usage prints the list of subcommands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: go run ./workshop [command] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-24s %s\n", c.name+" "+c.args, c.summary)
	}
	fmt.Fprintf(w, "  %-24s %s\n", "help", "show this text")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run it from the repository root (or anywhere below it).")
}
