package main

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
)

// TestEtcdlocalServesAndStops starts the command on free ports, writes and
// reads a key with etcd's own client, and stops it.
func TestEtcdlocalServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &servetest.SyncBuffer{}
	done := make(chan error, 1)
	args := []string{"-addr", "127.0.0.1:0", "-peer-addr", "127.0.0.1:0", "-data-dir", filepath.Join(t.TempDir(), "data")}
	go func() { done <- run(ctx, args, io.Discard, logs) }()

	var addr string
	ready := regexp.MustCompile(`msg="etcd ready" addr=(\S+)`)
	for deadline := time.Now().Add(30 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("run(%q) returned at once: %v\nlogs:\n%s", args, err, logs)
		default:
		}
		if m := ready.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("etcdlocal did not log msg=\"etcd ready\" addr=… within 30s; logs:\n%s", logs)
	}

	client, err := clientv3.New(clientv3.Config{Endpoints: []string{addr}, DialTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	opCtx, opCancel := context.WithTimeout(ctx, 10*time.Second)
	defer opCancel()
	if _, err := client.Put(opCtx, "/hello", "world"); err != nil {
		t.Fatalf("put on etcdlocal at %s: %v", addr, err)
	}
	resp, err := client.Get(opCtx, "/hello")
	if err != nil || len(resp.Kvs) != 1 || string(resp.Kvs[0].Value) != "world" {
		t.Fatalf("get /hello from etcdlocal = %v, %v; want world", resp, err)
	}
	client.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after its context was cancelled; want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("run did not return within 15s of its context being cancelled")
	}
}
