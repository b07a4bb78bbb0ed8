// Command todocli talks to a todo server over HTTP.
//
//	todocli [-url http://127.0.0.1:8080] list
//	todocli add buy milk
//	todocli done 1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	httptransport "github.com/go-kit/kit/transport/http"

	"github.com/gokit-workshop/workshop/stage03-http/cli"
	"github.com/gokit-workshop/workshop/stage03-http/todohttp"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) { // -h printed the usage: exit 0
		fmt.Fprintln(os.Stderr, "todocli:", err)
		os.Exit(1)
	}
}

// run parses the flags, builds the HTTP client and runs one command.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todocli", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serverURL := fs.String("url", "http://127.0.0.1:8080", "the todo server's `URL`")
	timeout := fs.Duration("timeout", 10*time.Second, "how long one call may take")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: todocli [flags] command [arguments]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, cli.Usage)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}

	svc, err := todohttp.NewClient(*serverURL, httptransport.SetClient(&http.Client{Timeout: *timeout}))
	if err != nil {
		return err
	}
	err = cli.Run(ctx, svc, fs.Args(), stdout)
	if errors.Is(err, cli.ErrUsage) {
		fs.Usage()
	}
	return err
}
