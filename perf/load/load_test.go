package load_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"

	"github.com/gokit-workshop/workshop/perf/baseline"
	"github.com/gokit-workshop/workshop/perf/load"
)

func TestParseMix(t *testing.T) {
	m, err := load.ParseMix(load.DefaultMix)
	if err != nil || m.String() != load.DefaultMix {
		t.Fatalf("ParseMix(%q) = %v, %v; want it back as it was", load.DefaultMix, m, err)
	}
	for _, bad := range []string{"", "get", "get=x", "get=-1", "fetch=3", "get=0,list=0"} {
		if _, err := load.ParseMix(bad); err == nil {
			t.Errorf("ParseMix(%q) = nil error; want an error", bad)
		}
	}
}

func TestOnlyLoopback(t *testing.T) {
	mix, _ := load.ParseMix("get=1")
	for addr, ok := range map[string]bool{
		"127.0.0.1:80": true, "[::1]:80": true, "localhost:80": true, "127.9.9.9:80": true,
		"10.0.0.1:80": false, "192.168.1.1:80": false, "example.com:80": false, "8.8.8.8:53": false, "127.0.0.1": false,
	} {
		cfg := load.Config{Target: "http", Addr: addr, Clients: 1, Duration: time.Second, Seed: 1, Mix: mix}
		if err := cfg.Check(); (err == nil) != ok {
			t.Errorf("Config{Addr: %q}.Check() = %v; want ok=%v", addr, err, ok)
		}
	}
}

// run runs a short load and checks that it measured something and failed
// nothing.
func run(t *testing.T, target, addr string) {
	t.Helper()
	mix, _ := load.ParseMix(load.DefaultMix)
	cfg := load.Config{Target: target, Addr: addr, Clients: 4, Duration: 300 * time.Millisecond,
		Warmup: 50 * time.Millisecond, Mix: mix, Seed: 5}
	res, err := load.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run(%s) = %v", target, err)
	}
	var report strings.Builder
	load.Report(&report, res)
	load.Summary(&report, "test", res)
	if res.Errors != 0 || res.All.Count == 0 || res.All.P50 <= 0 || res.All.P99 < res.All.P50 {
		t.Fatalf("Run(%s): %d errors, %d requests; want none and some:\n%s", target, res.Errors, res.All.Count, &report)
	}
	if res.Todos < cfg.Seed || res.Todos > cfg.Seed+2*cfg.Clients {
		t.Fatalf("Run(%s) left %d todos; want between the %d seeded and 2 more per client", target, res.Todos, cfg.Seed)
	}
	for _, want := range []string{"p99", "summary label=test target=" + target, "errors=0"} {
		if !strings.Contains(report.String(), want) {
			t.Fatalf("the report has no %q:\n%s", want, &report)
		}
	}
}

func TestRunHTTP(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(baseline.NewHandler(todotest.NewService(t), "", quiet))
	t.Cleanup(srv.Close)
	run(t, "http", strings.TrimPrefix(srv.URL, "http://"))
}

func TestRunGRPC(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer()
	todov1.RegisterTodoServiceServer(s, baseline.NewGRPCServer(todotest.NewService(t), slog.New(slog.NewTextHandler(io.Discard, nil))))
	go s.Serve(l)
	t.Cleanup(s.Stop)
	run(t, "grpc", l.Addr().String())
}

func TestRunRefusesAnUnreachableServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nobody listens there now
	mix, _ := load.ParseMix("get=1")
	cfg := load.Config{Target: "http", Addr: addr, Clients: 1, Duration: time.Second, Seed: 1, Mix: mix}
	if _, err := load.Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "seeding") {
		t.Fatalf("Run against a closed port = %v; want a seeding error", err)
	}
}
