package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd/sdtest"
)

// The gRPC transport of the real server: it serves both transports and
// registers both addresses. It needs steps 1 to 5.

func TestGRPCRunServesAndRegistersBothTransports(t *testing.T) {
	etcd := sdtest.StartEtcd(t)
	sdtest.RequireSteps(t, etcd, 3, "the gRPC server (step 5 too)")
	ctx, cancel := context.WithCancel(context.Background())
	logs := &servetest.SyncBuffer{}
	done := make(chan error, 1)
	args := []string{"-http-addr", "127.0.0.1:0", "-grpc-addr", "127.0.0.1:0", "-debug-addr", "",
		"-db", filepath.Join(t.TempDir(), "todo.db"), "-etcd-endpoints", strings.Join(etcd.Endpoints, ","),
		"-etcd-prefix", etcd.Prefix, "-etcd-grpc-prefix", etcd.GRPCPrefix, "-etcd-ttl", "2s", "-shutdown-grace", "3s"}
	go func() { done <- run(ctx, args, logs) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})

	httpAddr := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	grpcAddr := regexp.MustCompile(`transport=gRPC addr=(\S+)`)
	var httpURL, grpcTarget string
	for deadline := time.Now().Add(15 * time.Second); grpcTarget == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			done <- err // for Cleanup
			t.Fatalf("run(%q) returned %v; want it to serve (finish step 5 first: %s)\nlogs:\n%s", args, err, sdtest.StepCommands[5], logs)
		default:
		}
		h, g := httpAddr.FindStringSubmatch(logs.String()), grpcAddr.FindStringSubmatch(logs.String())
		if h != nil && g != nil && strings.Count(logs.String(), "msg=registered") == 2 {
			httpURL, grpcTarget = "http://"+h[1], g[1]
		}
	}
	if grpcTarget == "" {
		t.Fatalf("run did not log both addresses and two registrations within 15s; logs:\n%s", logs)
	}

	if keys := etcd.Keys(t); keys[etcd.Prefix+strings.TrimPrefix(httpURL, "http://")] != httpURL {
		t.Fatalf("etcd holds %v under %s; want the HTTP URL %s", keys, etcd.Prefix, httpURL)
	}
	if keys := etcd.KeysUnder(t, etcd.GRPCPrefix); keys[etcd.GRPCPrefix+grpcTarget] != grpcTarget {
		t.Fatalf("etcd holds %v under %s; want the gRPC address %s", keys, etcd.GRPCPrefix, grpcTarget)
	}

	conn, err := grpc.NewClient(grpcTarget, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	health, err := healthgrpc.NewHealthClient(conn).Check(context.Background(), &healthgrpc.HealthCheckRequest{Service: "todo.v1.TodoService"})
	if err != nil || health.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
		t.Fatalf("gRPC health check of todo.v1.TodoService = %v, %v; want SERVING", health, err)
	}

	cfg := todosd.ClientConfig{Prefix: etcd.GRPCPrefix}
	client, err := todosd.Connect(context.Background(), etcd.Endpoints, todosd.GRPCFactory(todosd.FactoryConfig{}, log.NewNopLogger()), cfg, log.NewNopLogger())
	if err != nil {
		t.Fatalf("todosd.Connect over gRPC = %v; want a client", err)
	}
	defer client.Close()
	created, err := client.Create(context.Background(), "over gRPC", 1)
	if err != nil {
		t.Fatalf("Create through the discovering gRPC client = %v; want a todo", err)
	}
	if _, err := client.Get(context.Background(), created.ID+1000); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("Get of an unknown id over gRPC = %v; want an error that matches todo.ErrNotFound", err)
	}

	cancel() // SIGTERM, as it were
	// Not ready first: the keys gone and health NOT_SERVING, while the
	// server still answers, for the grace period (3 s, long enough for a
	// loaded machine to check all three).
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), `msg="not ready"`); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("run did not log msg=\"not ready\" within 10s of its context being cancelled; logs:\n%s", logs)
		}
	}
	if keys, grpcKeys := etcd.Keys(t), etcd.KeysUnder(t, etcd.GRPCPrefix); len(keys)+len(grpcKeys) != 0 {
		t.Fatalf("once not ready, etcd still holds %v and %v; want both keys deleted before the grace period", keys, grpcKeys)
	}
	health, err = healthgrpc.NewHealthClient(conn).Check(context.Background(), &healthgrpc.HealthCheckRequest{Service: "todo.v1.TodoService"})
	if err != nil || health.GetStatus() != healthgrpc.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("once not ready, the gRPC health check of todo.v1.TodoService = %v, %v; want NOT_SERVING", health, err)
	}
	if _, err := todov1.NewTodoServiceClient(conn).Get(context.Background(), &todov1.GetRequest{Id: created.ID}); err != nil {
		t.Fatalf("during the grace period, a Get over the open connection = %v; want the todo: not ready is not stopped", err)
	}
	select {
	case err := <-done:
		done <- err // for Cleanup
		if err != nil {
			t.Fatalf("run returned %v after its context was cancelled; want nil\nlogs:\n%s", err, logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("run did not return within 15s of its context being cancelled; logs:\n%s", logs)
	}
	if keys, grpcKeys := etcd.Keys(t), etcd.KeysUnder(t, etcd.GRPCPrefix); len(keys)+len(grpcKeys) != 0 {
		t.Fatalf("after run stopped, etcd still holds %v and %v; want both keys deleted on shutdown", keys, grpcKeys)
	}
	out := logs.String()
	if last, drain := strings.LastIndex(out, "msg=deregistered"), strings.Index(out, `msg="shutting down"`); strings.Count(out, "msg=deregistered") != 2 || last > drain {
		t.Fatalf("the log must say msg=deregistered twice (HTTP and gRPC) before msg=\"shutting down\"; logs:\n%s", out)
	}
}
