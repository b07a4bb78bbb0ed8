package todomw_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// Step 1: the logging service middleware (README, "Step 1").

// wantLine checks one parsed log line: every key of want with its value
// ("*" for any value), and a "took" that parses as a duration.
func wantLine(t *testing.T, call string, rec map[string]string, want map[string]string, log string) {
	t.Helper()
	for k, v := range want {
		got, ok := rec[k]
		if !ok {
			t.Fatalf("step 1: after %s, the log line has no %q key; want %s=%s.\n"+
				"Hint: logger.Log(\"method\", …, \"err\", err, \"took\", time.Since(begin)) in a deferred func, "+
				"as the finished List does in logging.go.\nlog:\n%s", call, k, k, v, log)
		}
		if v != "*" && got != v {
			t.Fatalf("step 1: after %s, the log line has %s=%q; want %s=%q\nlog:\n%s", call, k, got, k, v, log)
		}
	}
	if _, err := time.ParseDuration(rec["took"]); err != nil {
		t.Fatalf("step 1: after %s, took=%q is not a duration; log time.Since(begin) as it is\nlog:\n%s", call, rec["took"], log)
	}
}

func TestStep1LoggingCreateAndGet(t *testing.T) {
	var buf logBuffer
	svc := todomw.Logging(log.NewLogfmtLogger(&buf))(todotest.NewService(t))
	ctx := context.Background()

	created, err := svc.Create(ctx, "buy milk", 3)
	if err != nil {
		t.Fatalf("step 1: Create through the logging middleware = %v; want the service's answer, passed on as it is", err)
	}
	lines := records(t, buf.String())
	if len(lines) != 1 {
		t.Fatalf("step 1: one Create logged %d lines; want exactly 1 (log once, after the call, in a defer)\nlog:\n%s", len(lines), buf.String())
	}
	wantLine(t, "Create", lines[0], map[string]string{
		"method": "Create", "title": "buy milk", "order": "3", "id": "1", "err": "null", "took": "*",
	}, buf.String())

	got, err := svc.Get(ctx, created.ID)
	if err != nil || got.Title != "buy milk" {
		t.Fatalf("step 1: Get(%d) through the logging middleware = %+v, %v; want the todo just created", created.ID, got, err)
	}
	if _, err := svc.Get(ctx, 999); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 1: Get(999) through the logging middleware = %v; want the service's not-found, unchanged", err)
	}
	lines = records(t, buf.String())
	if len(lines) != 3 {
		t.Fatalf("step 1: Create, Get, Get logged %d lines; want 3\nlog:\n%s", len(lines), buf.String())
	}
	wantLine(t, "Get(1)", lines[1], map[string]string{"method": "Get", "id": "1", "err": "null", "took": "*"}, buf.String())
	wantLine(t, "Get(999)", lines[2], map[string]string{"method": "Get", "id": "999", "err": "todo 999 not found", "took": "*"}, buf.String())

	// The provided methods log the same way.
	if _, err := svc.List(ctx); err != nil {
		t.Fatal(err)
	}
	lines = records(t, buf.String())
	wantLine(t, "List", lines[len(lines)-1], map[string]string{"method": "List", "n": "1", "err": "null", "took": "*"}, buf.String())
}
