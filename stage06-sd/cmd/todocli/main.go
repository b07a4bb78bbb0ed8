// Command todocli talks to the todo servers registered in etcd: it finds
// them itself (client-side discovery), spreads its calls over them and
// retries the safe ones on another instance when one fails. -transport
// chooses HTTP (the URLs under /services/todo/http/) or gRPC (the addresses
// under /services/todo/grpc/).
//
//	todocli [-etcd-endpoints 127.0.0.1:2379] list
//	todocli add buy milk
//	todocli -transport grpc done 1
//	todocli -n 6 list                # six calls over one client
//
// Each run is a new client, with a new round robin that starts at the
// first instance: one call per run always lands there. -n repeats the
// command over one client, so its calls spread over the instances.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/cli"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) { // -h printed the usage: exit 0
		fmt.Fprintln(os.Stderr, "todocli:", err)
		os.Exit(1)
	}
}

// run parses the flags, discovers the servers and runs one command.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("todocli", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg todosd.ClientConfig
	etcdEndpoints := fs.String("etcd-endpoints", todosd.DefaultEtcd, "etcd `addresses` where the servers register, comma-separated")
	transport := fs.String("transport", "http", "how to reach the servers: `http or grpc`")
	fs.StringVar(&cfg.Prefix, "etcd-prefix", "", "etcd key `prefix` of the service (default: "+todosd.DefaultPrefix+" for http, "+todosd.DefaultGRPCPrefix+" for grpc)")
	fs.DurationVar(&cfg.Timeout, "timeout", 10*time.Second, "how long one call may take, retries included")
	verbose := fs.Bool("v", false, "log what discovery does (instances found, breakers) on stderr")
	repeat := fs.Int("n", 1, "run the command `n` times over one client: the calls spread over the instances")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: todocli [flags] command [arguments]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, cli.Usage)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}

	logger := log.NewNopLogger()
	if *verbose {
		logger = log.NewLogfmtLogger(log.NewSyncWriter(stderr))
	}
	// Either way the client is a todo.Service: only the prefix it watches
	// and the factory that makes each instance's endpoint change.
	var factory todosd.FactoryFor
	switch *transport {
	case "http":
		cfg.Prefix = cmp.Or(cfg.Prefix, todosd.DefaultPrefix)
		factory = todosd.HTTPFactory(todosd.FactoryConfig{Timeout: cfg.Timeout}, logger)
	case "grpc":
		cfg.Prefix = cmp.Or(cfg.Prefix, todosd.DefaultGRPCPrefix)
		factory = todosd.GRPCFactory(todosd.FactoryConfig{}, logger)
	default:
		fs.Usage()
		return fmt.Errorf("%w: -transport %q: want http or grpc", cli.ErrUsage, *transport)
	}
	endpoints, err := todosd.ParseEndpoints(*etcdEndpoints)
	if err != nil {
		return fmt.Errorf("-etcd-endpoints: %w", err)
	}
	client, err := todosd.Connect(ctx, endpoints, factory, cfg, logger)
	if err != nil {
		return err
	}
	defer client.Close()

	for range max(*repeat, 1) {
		if err = cli.Run(ctx, client, fs.Args(), stdout); err != nil {
			break
		}
	}
	if errors.Is(err, cli.ErrUsage) {
		fs.Usage()
	}
	return err
}
