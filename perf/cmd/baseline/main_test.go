package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
)

// TestRunServesAndStops starts the command on port 0, as compare.sh does,
// reads the addresses it logs, creates a todo and stops it.
func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &servetest.SyncBuffer{}
	done := make(chan error, 1)
	args := []string{"-http-addr", "127.0.0.1:0", "-grpc-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "b.db")}
	go func() { done <- run(ctx, args, io.Discard, logs) }()

	httpAddr := regexp.MustCompile(`transport=HTTP addr=(\S+)`)
	grpcAddr := regexp.MustCompile(`transport=gRPC addr=(\S+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := httpAddr.FindStringSubmatch(logs.String()); m != nil && grpcAddr.MatchString(logs.String()) {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		t.Fatalf("run did not log both addresses within 10s; logs:\n%s", logs)
	}
	resp, err := http.Post(base+"/todos", "application/json", strings.NewReader(`{"title": "plain"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /todos answered %d; want 201", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after its context was cancelled; want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return within 15s of its context being cancelled")
	}
}
