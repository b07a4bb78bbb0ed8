package todomw_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// Step 1: the logging service middleware (README, "Step 1").

const hint1 = "(stuck? go run ../workshop hint stage04 1)"

// wantLine checks one parsed log line: every key of want with its value
// ("*" for any value), and a "took" that parses as a duration.
func wantLine(t *testing.T, call string, rec map[string]string, want map[string]string, log string) {
	t.Helper()
	for k, v := range want {
		got, ok := rec[k]
		if !ok {
			t.Fatalf("step 1: after %s, the log line has no %q key; want %s=%s. "+
				"The keys are the contract: tools and tests read the line back as logfmt\nlog:\n%s%s", call, k, k, v, log, hint1)
		}
		if v != "*" && got != v {
			t.Fatalf("step 1: after %s, the log line has %s=%q; want %s=%q\nlog:\n%s%s", call, k, got, k, v, log, hint1)
		}
	}
	if _, err := time.ParseDuration(rec["took"]); err != nil {
		t.Fatalf("step 1: after %s, took=%q is not a duration; want the time the call took, as a time.Duration\nlog:\n%s%s",
			call, rec["took"], log, hint1)
	}
}

// logText is the log as a failure message shows it.
func logText(log string) string {
	if log == "" {
		return "(nothing)\n"
	}
	return log
}

func TestStep1LoggingEveryMethod(t *testing.T) {
	var buf servetest.SyncBuffer
	svc := todomw.Logging(log.NewLogfmtLogger(&buf))(todotest.NewService(t))
	ctx := context.Background()

	created, err := svc.Create(ctx, "buy milk", 3)
	if err != nil || created.ID != 1 {
		t.Fatalf("step 1: Create through the logging middleware = %+v, %v; want todo 1, passed on as the service returned it %s",
			created, err, hint1)
	}
	lines := records(t, buf.String())
	if len(lines) != 1 {
		t.Fatalf("step 1: one Create logged %d lines; want exactly 1, written once the call has returned\nlog:\n%s%s",
			len(lines), logText(buf.String()), hint1)
	}
	if lines[0]["id"] == "0" {
		t.Fatalf("step 1: the Create line says id=0, but the service returned todo 1: the line was made before the call "+
			"returned, so it could not see the result\nlog:\n%s%s", buf.String(), hint1)
	}
	wantLine(t, "Create", lines[0], map[string]string{
		"method": "Create", "title": "buy milk", "order": "3", "id": "1", "err": "null", "took": "*",
	}, buf.String())

	done := true
	updated, err := svc.Update(ctx, created.ID, todo.Patch{Completed: &done})
	if err != nil || !updated.Completed {
		t.Fatalf("step 1: Update(1, completed) through the logging middleware = %+v, %v; want the completed todo %s", updated, err, hint1)
	}
	if _, err := svc.Update(ctx, 999, todo.Patch{Completed: &done}); !errors.Is(err, todo.ErrNotFound) {
		t.Fatalf("step 1: Update(999) through the logging middleware = %v; want the service's not-found, unchanged %s", err, hint1)
	}
	lines = records(t, buf.String())
	if len(lines) != 3 {
		t.Fatalf("step 1: Create, Update, Update logged %d lines; want 3\nlog:\n%s%s", len(lines), logText(buf.String()), hint1)
	}
	wantLine(t, "Update(1, completed)", lines[1], map[string]string{
		"method": "Update", "id": "1", "title": "false", "completed": "true", "order": "false", "err": "null", "took": "*",
	}, buf.String())
	wantLine(t, "Update(999)", lines[2], map[string]string{"method": "Update", "id": "999", "err": "todo 999 not found", "took": "*"}, buf.String())

	// Get, List, Delete and DeleteAll: one line each, with what each call is
	// about.
	if _, err := svc.Get(ctx, 1); err != nil {
		t.Fatalf("step 1: Get(1) through the logging middleware = %v; want todo 1 %s", err, hint1)
	}
	if todos, err := svc.List(ctx); err != nil || len(todos) != 1 {
		t.Fatalf("step 1: List through the logging middleware = %d todos, %v; want the 1 todo %s", len(todos), err, hint1)
	}
	if err := svc.Delete(ctx, 1); err != nil {
		t.Fatalf("step 1: Delete(1) through the logging middleware = %v; want nil %s", err, hint1)
	}
	if err := svc.DeleteAll(ctx); err != nil {
		t.Fatalf("step 1: DeleteAll through the logging middleware = %v; want nil %s", err, hint1)
	}
	lines = records(t, buf.String())
	if len(lines) != 7 {
		t.Fatalf("step 1: Create, Update, Update, Get, List, Delete, DeleteAll logged %d lines; want 7, one per call\nlog:\n%s%s",
			len(lines), logText(buf.String()), hint1)
	}
	wantLine(t, "Get(1)", lines[3], map[string]string{"method": "Get", "id": "1", "err": "null", "took": "*"}, buf.String())
	if lines[4]["method"] == "List" && lines[4]["n"] == "0" {
		t.Fatalf("step 1: the List line says n=0, but the service returned 1 todo: the line was made before the call "+
			"returned, so it could not see the result\nlog:\n%s%s", buf.String(), hint1)
	}
	wantLine(t, "List", lines[4], map[string]string{"method": "List", "n": "1", "err": "null", "took": "*"}, buf.String())
	wantLine(t, "Delete(1)", lines[5], map[string]string{"method": "Delete", "id": "1", "err": "null", "took": "*"}, buf.String())
	wantLine(t, "DeleteAll", lines[6], map[string]string{"method": "DeleteAll", "err": "null", "took": "*"}, buf.String())
}

func TestStep1LoggingBoundsTheTitle(t *testing.T) {
	var buf servetest.SyncBuffer
	inner := todotest.NewService(t)
	svc := todomw.Logging(log.NewLogfmtLogger(&buf))(inner)
	ctx := context.Background()

	// A title of 3 MiB, in two-byte runes, as a client may send one: the
	// service refuses it, but the middleware logs it first.
	huge := strings.Repeat("é", 3<<20/2)
	if _, err := svc.Create(ctx, huge, 1); !errors.Is(err, todo.ErrInvalid) {
		t.Fatalf("step 1: Create with a title of 3 MiB through the logging middleware = %v; want the service's invalid, "+
			"unchanged %s", err, hint1)
	}
	if size := len(buf.String()); size > 2048 {
		t.Fatalf("step 1: a Create with a title of %d bytes, which the service refused, wrote %d bytes to the log; "+
			"want one line of at most 2 KiB. The title is the caller's to choose and the middleware logs it before "+
			"the service checks it: unbounded, one request writes megabytes to the log, and a few more fill its disk %s",
			len(huge), size, hint1)
	}
	lines := records(t, buf.String())
	if len(lines) != 1 {
		t.Fatalf("step 1: one Create logged %d lines; want exactly 1\nlog:\n%s%s", len(lines), logText(buf.String()), hint1)
	}
	want := strings.Repeat("é", todo.MaxTitleLength)
	if got := lines[0]["title"]; got != want+"…" {
		shown := []rune(got)
		t.Fatalf("step 1: a title of %d runes was logged as title=%q (%d runes, %d bytes); want its first %d runes "+
			"(todo.MaxTitleLength), then \"…\": cut on runes, not bytes, so every title the service accepts is whole "+
			"in the log and the line stays valid UTF-8 %s",
			len(huge)/2, truncated(got), len(shown), len(got), todo.MaxTitleLength, hint1)
	}
	if got := lines[0]["title_bytes"]; got != strconv.Itoa(len(huge)) {
		t.Fatalf("step 1: the cut title's line has title_bytes=%q; want %q, the whole title's length in bytes: the "+
			"\"…\" is in the caller's power to type, the key is not, and the size says what the client sent %s",
			got, strconv.Itoa(len(huge)), hint1)
	}
	wantLine(t, "Create(a title of 3 MiB)", lines[0], map[string]string{
		"method": "Create", "order": "1", "id": "0", "err": "*", "took": "*",
	}, truncated(buf.String()))

	// A title of exactly todo.MaxTitleLength runes is logged whole.
	var whole servetest.SyncBuffer
	logger := log.NewLogfmtLogger(&whole)
	svc = todomw.Logging(logger)(inner)
	if _, err := svc.Create(ctx, want, 2); err != nil {
		t.Fatalf("step 1: Create with a title of %d runes through the logging middleware = %v; want the new todo %s",
			todo.MaxTitleLength, err, hint1)
	}
	lines = records(t, whole.String())
	if len(lines) != 1 || lines[0]["title"] != want {
		t.Fatalf("step 1: a title of %d runes, the longest the service accepts, was logged as %s; want it whole %s",
			todo.MaxTitleLength, truncated(whole.String()), hint1)
	}
	if got, ok := lines[0]["title_bytes"]; ok {
		t.Fatalf("step 1: a title logged whole has title_bytes=%q; want no title_bytes key: it marks a cut title %s", got, hint1)
	}
}

// truncated is text as a failure message shows it: at most 300 bytes.
func truncated(text string) string {
	if len(text) <= 300 {
		return text
	}
	return text[:300] + fmt.Sprintf("… (%d bytes in all)", len(text))
}
