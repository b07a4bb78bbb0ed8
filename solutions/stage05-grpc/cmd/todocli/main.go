// Command todocli talks to a todo server over HTTP or gRPC: the same
// commands, whichever transport carries them.
//
//	todocli [-url http://127.0.0.1:8080] list
//	todocli -transport grpc [-grpc-addr 127.0.0.1:8082] add buy milk
//	todocli -transport grpc done 1
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
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/cli"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage05-grpc/todogrpc"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) { // -h printed the usage: exit 0
		fmt.Fprintln(os.Stderr, "todocli:", err)
		os.Exit(1)
	}
}

// run parses the flags, builds the client of the chosen transport and runs
// one command.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todocli", flag.ContinueOnError)
	fs.SetOutput(stderr)
	transport := fs.String("transport", "http", "how to reach the server: `http or grpc`")
	serverURL := fs.String("url", "http://127.0.0.1:8080", "the todo server's `URL` (HTTP)")
	grpcAddr := fs.String("grpc-addr", "127.0.0.1:8082", "the todo server's gRPC `address`")
	timeout := fs.Duration("timeout", 10*time.Second, "how long one call may take")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: todocli [flags] command [arguments]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, cli.Usage)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}

	// Either way the client is a todo.Service, and cli.Run does not know
	// which transport carries its calls.
	var svc todo.Service
	switch *transport {
	case "http":
		client, err := todohttp.NewClient(*serverURL, httptransport.SetClient(&http.Client{Timeout: *timeout}))
		if err != nil {
			return err
		}
		svc = client
	case "grpc":
		// grpc.NewClient connects lazily, on the first call.
		conn, err := grpc.NewClient(*grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			return err
		}
		defer conn.Close()
		svc = todogrpc.NewClient(conn)
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	default:
		fs.Usage()
		return fmt.Errorf("%w: -transport %q: want http or grpc", cli.ErrUsage, *transport)
	}

	err := cli.Run(ctx, svc, fs.Args(), stdout)
	if errors.Is(err, cli.ErrUsage) {
		fs.Usage()
	}
	return err
}
