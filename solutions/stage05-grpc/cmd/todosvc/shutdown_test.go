package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The SIGTERM drill (README, "Stopping without dropping a request"):
// clients that keep sending POSTs on keep-alive connections while the
// server stops. A request written on a connection the server then closes
// gets EOF or a reset: the client cannot tell whether it ran. serve.Group
// prevents that with its grace period: every answer then says
// "Connection: close", so each client leaves its connection after an
// answer, never in the middle of a request. It needs step 5's server to
// start, but tests serve.Group and run, which are provided.

func TestSIGTERMUnderLoadCutsNoRequestOnAKeepAliveConnection(t *testing.T) {
	s := start(t, "-shutdown-grace", "1s", "-rate-limit", "1000000", "-rate-burst", "1000000")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	var (
		mu                sync.Mutex
		created, reused   int     // answers 201; requests sent on a connection used before
		cut, atTheDoor    []error // errors on a reused connection; on a new one
		wg                sync.WaitGroup
		enough            = make(chan struct{})
		enoughOnce        sync.Once
		deadline          = time.Now().Add(20 * time.Second)
		post              = `{"title": "drill"}`
		connectionRefused = syscall.ECONNREFUSED
	)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				var again bool
				trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { again = info.Reused }}
				request, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "POST", s.api+"/todos", strings.NewReader(post))
				if err != nil {
					t.Error(err)
					return
				}
				request.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(request)
				mu.Lock()
				if again {
					reused++
				}
				switch {
				case err == nil && resp.StatusCode == http.StatusCreated:
					created++
				case err == nil:
					cut = append(cut, fmt.Errorf("answered %s", resp.Status))
				case errors.Is(err, connectionRefused):
					// The server stopped accepting: this client, which
					// ignored not ready, would try another instance.
				case again:
					cut = append(cut, err)
				default:
					atTheDoor = append(atTheDoor, err)
				}
				if created >= 200 {
					enoughOnce.Do(func() { close(enough) })
				}
				mu.Unlock()
				if err != nil {
					return
				}
				io.Copy(io.Discard, resp.Body) // read to the end, so that the connection is reused
				resp.Body.Close()
			}
		}()
	}
	select {
	case <-enough:
	case <-time.After(15 * time.Second):
		t.Fatalf("the drill's clients got fewer than 200 answers 201 in 15 s; logs:\n%s", s.logs)
	}
	if err := s.stopped(t); err != nil { // SIGTERM, as it were
		t.Fatalf("run under load returned %v after its context was cancelled; want nil", err)
	}
	wg.Wait()

	t.Logf("%d created, %d requests on reused connections; %d cut at the door (a new connection, after the grace period)", created, reused, len(atTheDoor))
	if reused == 0 {
		t.Fatal("no request went on a reused connection: the drill tests nothing")
	}
	if len(cut) > 0 {
		t.Fatalf("%d requests sent on a keep-alive connection failed while the server stopped, e.g. %s; want none: "+
			"a client cannot tell whether such a request ran (serve.Group: the grace period, and Connection: close)", len(cut), cut[0])
	}
}
