package todomw_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// Step 3: the recovering transport middleware (README, "Step 3").

func TestStep3RecoverTurnsAPanicIntoA500(t *testing.T) {
	var buf logBuffer
	var calls atomic.Int32
	buggy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			panic("boom: secret internals")
		}
		w.Write([]byte("fine"))
	})
	base := serve(t, todomw.Recover(log.NewLogfmtLogger(&buf), buggy))

	req, _ := http.NewRequest(http.MethodGet, base+"/todos", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("step 3: GET on a handler that panics failed with %v; want a 500 answer.\n"+
			"Without Recover, net/http closes the connection and the client gets no answer: "+
			"in Recover, defer a func that calls recover() and writes the 500", err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	first := answer{status: resp.StatusCode, header: resp.Header, body: string(raw)}
	a := get(t, base+"/again")
	if first.status != http.StatusInternalServerError {
		t.Fatalf("step 3: the panicking request answered %d; want 500", first.status)
	}
	if !strings.Contains(first.header.Get("Content-Type"), "application/json") || strings.TrimSpace(first.body) != `{"error":"internal error"}` {
		t.Fatalf("step 3: the panicking request answered Content-Type %q, body %q; want JSON {\"error\":\"internal error\"}", first.header.Get("Content-Type"), first.body)
	}
	if strings.Contains(first.body, "boom") || strings.Contains(first.body, "goroutine") {
		t.Fatalf("step 3: the 500 body %q shows the panic or a stack; the client must see neither", first.body)
	}
	lines := records(t, buf.String())
	if len(lines) == 0 || !strings.Contains(lines[0]["panic"], "boom") || lines[0]["method"] != "GET" || lines[0]["path"] != "/todos" {
		t.Fatalf("step 3: the log after a panic is %q; want one logfmt line with panic=… (the value), method=GET, path=/todos "+
			"(and the stack, from debug.Stack())", buf.String())
	}
	if a.status != http.StatusOK || a.body != "fine" {
		t.Fatalf("step 3: the request after the panic answered %d %q; want 200 \"fine\": the server goes on serving", a.status, a.body)
	}

	// http.ErrAbortHandler is a deliberate abort: it must reach net/http.
	abort := todomw.Recover(log.NewNopLogger(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	got := func() (p any) {
		defer func() { p = recover() }()
		abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		return nil
	}()
	if got != http.ErrAbortHandler {
		t.Fatalf("step 3: a handler that panics with http.ErrAbortHandler: Recover let %v out; "+
			"want the same panic again (panic(p)), for net/http to abort the response", got)
	}
}
