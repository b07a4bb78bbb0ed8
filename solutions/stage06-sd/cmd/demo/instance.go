package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/sqlite"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
)

// instanceEnv, when set, makes the demo binary a todo instance instead:
// the demo starts its instances by running itself again with it, so each
// instance is a process of its own, which it can kill for real. Its value
// is "etcd-endpoints|prefix|db|ttl".
const instanceEnv = "TODO_DEMO_INSTANCE"

// runInstance is a small todosvc: the HTTP API over the shared database,
// registered in etcd, on stage 03's serve.Group. It prints "ready <url>" on
// stdout once registered, and on SIGINT or SIGTERM deregisters, drains and
// exits. It logs nothing: the demo's terminal shows the demo.
func runInstance(spec string, stdout io.Writer) error {
	parts := strings.Split(spec, "|")
	if len(parts) != 4 {
		return fmt.Errorf("%s=%q: want etcd|prefix|db|ttl", instanceEnv, spec)
	}
	ttl, err := time.ParseDuration(parts[3])
	if err != nil {
		return err
	}
	etcd, err := todosd.ParseEndpoints(parts[0])
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := sqlite.Open(ctx, parts[2])
	if err != nil {
		return err
	}
	defer store.Close()

	group := serve.NewGroup(log.NewNopLogger(), serve.Flags{DrainTimeout: 5 * time.Second})
	defer group.Close()
	addr, err := group.HTTP("HTTP", "127.0.0.1:0", todohttp.NewHandler(todoendpoint.New(todo.NewService(store, nil)), ""))
	if err != nil {
		return err
	}
	url := "http://" + addr.String()
	reg, err := todosd.Register(ctx, todosd.RegisterConfig{
		Etcd: etcd, Prefix: parts[1], Instance: url, TTL: ttl,
	}, log.NewNopLogger())
	if err != nil {
		return err
	}
	group.OnStop(reg.Deregister)
	fmt.Fprintln(stdout, "ready", url)
	return group.Run(ctx)
}
