package todomw_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// Step 3: the recovering transport middleware (README, "Step 3").

const hint3 = "(stuck? go run ../workshop hint stage04 3)"

func TestStep3RecoverTurnsAPanicIntoA500(t *testing.T) {
	var buf servetest.SyncBuffer
	var calls atomic.Int32
	buggy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			panic("boom: secret internals")
		}
		io.WriteString(w, "fine")
	})
	// The handler panics on purpose. Without a working Recover, net/http
	// catches the panic and logs it with a goroutine's stack: serveLogged
	// keeps that out of the output, and the message below quotes its first
	// line.
	base, serverLog := serveLogged(t, todomw.Recover(log.NewLogfmtLogger(&buf), buggy))

	req, _ := http.NewRequest(http.MethodGet, base+"/todos", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		first, _, _ := strings.Cut(serverLog.String(), "\n")
		t.Fatalf("step 3: GET on a handler that panics got no answer (%v); want a 500.\n"+
			"The panic went past Recover: net/http caught it, logged %q (and a stack, kept out of this output) "+
			"and closed the connection, so the client learns nothing %s", err, first, hint3)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	first := answer{status: resp.StatusCode, header: resp.Header, body: string(raw)}
	a := get(t, base+"/again")
	if first.status != http.StatusInternalServerError {
		t.Fatalf("step 3: the panicking request answered %d; want 500 %s", first.status, hint3)
	}
	if !strings.Contains(first.header.Get("Content-Type"), "application/json") || strings.TrimSpace(first.body) != `{"error":"internal error"}` {
		t.Fatalf("step 3: the panicking request answered Content-Type %q, body %q; want JSON {\"error\":\"internal error\"} %s",
			first.header.Get("Content-Type"), first.body, hint3)
	}
	if strings.Contains(first.body, "boom") || strings.Contains(first.body, "goroutine") {
		t.Fatalf("step 3: the 500 body %q shows the panic or a stack; the client must see neither: they are for the log %s", first.body, hint3)
	}
	lines := records(t, buf.String())
	if len(lines) == 0 || !strings.Contains(lines[0]["panic"], "boom") || lines[0]["method"] != "GET" || lines[0]["path"] != "/todos" {
		t.Fatalf("step 3: the log after a panic is %q; want one logfmt line with panic=… (the value), method=GET, path=/todos "+
			"and stack=… %s", buf.String(), hint3)
	}
	if !strings.Contains(lines[0]["stack"], "goroutine") {
		t.Fatalf("step 3: the panic's log line has stack=%q; want the goroutine's stack (it starts with \"goroutine\"): "+
			"without it, whoever reads the log cannot find the bug %s", lines[0]["stack"], hint3)
	}
	if a.status != http.StatusOK || a.body != "fine" {
		t.Fatalf("step 3: the request after the panic answered %d %q; want 200 \"fine\": the server goes on serving %s", a.status, a.body, hint3)
	}

	// http.ErrAbortHandler is a deliberate abort: it must reach net/http.
	abortOnPurpose := http.ErrAbortHandler
	abort := todomw.Recover(log.NewNopLogger(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(abortOnPurpose)
	}))
	got := func() (value any) {
		defer func() { value = recover() }()
		abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		return nil
	}()
	if got != http.ErrAbortHandler {
		t.Fatalf("step 3: a handler that panics with http.ErrAbortHandler: Recover let %v out; "+
			"want that same panic to go on, for net/http to abort the response as the handler asked %s", got, hint3)
	}

	// A panic after the answer has begun: too late for a 500. The client
	// must see a broken answer, not one that looks complete.
	var lateLog servetest.SyncBuffer
	late := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `[{"id":1,"title":`)
		panic("boom: after the answer began")
	})
	lateBase, lateServerLog := serveLogged(t, todomw.Recover(log.NewLogfmtLogger(&lateLog), late))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	var cut answer
	resp, err = client.Get(lateBase + "/todos")
	if err == nil {
		raw, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		cut = answer{status: resp.StatusCode, body: string(raw)}
	}
	lines = records(t, lateLog.String())
	if len(lines) == 0 || !strings.Contains(lines[0]["panic"], "after the answer began") || !strings.Contains(lines[0]["stack"], "goroutine") {
		t.Fatalf("step 3: a handler that panicked after writing 200 and part of its body left the log %q; "+
			"want the same line as for any panic (msg=\"panic recovered\", panic=…, stack=…): it is a bug all the same %s",
			lateLog.String(), hint3)
	}
	if err == nil {
		superfluous := ""
		if first, _, _ := strings.Cut(lateServerLog.String(), "\n"); first != "" {
			superfluous = fmt.Sprintf(" (net/http logged %q)", first)
		}
		t.Fatalf("step 3: a handler panicked after writing 200 and part of its body; the client read a complete answer: "+
			"%d %q%s. Want the answer cut (the client's read fails): the status had gone, so no 500 could follow, "+
			"and a complete answer makes a broken body look like a success %s", cut.status, cut.body, superfluous, hint3)
	}
}
