package serve_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
)

// runGroup runs g in the background and returns its result channel.
func runGroup(ctx context.Context, g *serve.Group) chan error {
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	return done
}

// wait returns Run's result, or fails after 10 s.
func wait(t *testing.T, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s")
		return nil
	}
}

func TestStopRunsThePhasesInOrderAndDrains(t *testing.T) {
	logs := &servetest.SyncBuffer{}
	g := serve.NewGroup(serve.NewLogger(logs), serve.Flags{Grace: 50 * time.Millisecond, DrainTimeout: 5 * time.Second})
	defer g.Close()

	entered, release := make(chan struct{}), make(chan struct{})
	addr, err := g.HTTP("HTTP", "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "finished")
	}))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	g.OnStop(func() { order = append(order, "first added") })
	g.OnStop(func() { order = append(order, "second added") })

	ctx, cancel := context.WithCancel(context.Background())
	done := runGroup(ctx, g)

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String())
		if err != nil {
			answer <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		answer <- string(body)
	}()
	<-entered
	cancel() // a request is in flight
	for !strings.Contains(logs.String(), "shutting down") {
		time.Sleep(5 * time.Millisecond)
	}
	close(release)

	if got := <-answer; got != "finished" {
		t.Errorf("the request in flight at the stop got %q; want it to finish (\"finished\")", got)
	}
	if err := wait(t, done); err != nil {
		t.Errorf("Run after a stop = %v; want nil", err)
	}
	if strings.Join(order, ", ") != "second added, first added" {
		t.Errorf("OnStop funcs ran in the order %v; want newest first", order)
	}
	out := logs.String()
	notReady, draining, stopped := strings.Index(out, `msg="not ready"`), strings.Index(out, `msg="shutting down"`), strings.Index(out, "msg=stopped")
	if notReady < 0 || !(notReady < draining && draining < stopped) {
		t.Errorf("want the log to say not ready, then shutting down, then stopped; logs:\n%s", out)
	}
	if _, err := http.Get("http://" + addr.String()); err == nil {
		t.Error("after Run returned, the address still answers")
	}
}

func TestDrainTimeoutCutsOffWhatIsLeft(t *testing.T) {
	g := serve.NewGroup(serve.NewLogger(io.Discard), serve.Flags{DrainTimeout: 100 * time.Millisecond})
	defer g.Close()
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	addr, err := g.HTTP("HTTP", "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := runGroup(ctx, g)
	go http.Get("http://" + addr.String())
	<-entered
	begin := time.Now()
	cancel()
	if err := wait(t, done); err != nil {
		t.Errorf("Run = %v; want nil: a drain cut short is logged, not a failure", err)
	}
	if took := time.Since(begin); took > 5*time.Second {
		t.Errorf("Run took %v to return with a drain timeout of 100ms", took)
	}
}

func TestATakenPortFailsAtOnce(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	g := serve.NewGroup(serve.NewLogger(io.Discard), serve.Flags{})
	defer g.Close()
	_, err = g.HTTP("debug", taken.Addr().String(), http.NotFoundHandler())
	if err == nil || !strings.HasPrefix(err.Error(), "debug: ") {
		t.Errorf("HTTP on a taken port = %v; want an error that names the server (\"debug: …\")", err)
	}
}

// failing is a GracefulServer whose Serve fails at once.
type failing struct{}

func (f failing) Serve(net.Listener) error { return errors.New("boom") }
func (f failing) GracefulStop()            {}
func (f failing) Stop()                    {}

func TestAFailedServerStopsTheOthers(t *testing.T) {
	g := serve.NewGroup(serve.NewLogger(io.Discard), serve.Flags{Grace: time.Hour, DrainTimeout: 5 * time.Second})
	defer g.Close()
	if _, err := g.HTTP("HTTP", "127.0.0.1:0", http.NotFoundHandler()); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Graceful("gRPC", "127.0.0.1:0", failing{}); err != nil {
		t.Fatal(err)
	}
	ranOnStop := false
	g.OnStop(func() { ranOnStop = true })
	err := wait(t, runGroup(context.Background(), g))
	if err == nil || err.Error() != "gRPC: boom" {
		t.Errorf("Run = %v; want the failed server's error, \"gRPC: boom\" (and no hour of grace)", err)
	}
	if !ranOnStop {
		t.Error("the OnStop funcs did not run after a server failed; want them to (e.g. deregister)")
	}
}

func TestNotReadyAsksKeepAliveClientsToClose(t *testing.T) {
	logs := &servetest.SyncBuffer{}
	g := serve.NewGroup(serve.NewLogger(logs), serve.Flags{Grace: 2 * time.Second, DrainTimeout: 5 * time.Second})
	defer g.Close()
	addr, err := g.HTTP("HTTP", "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "answered")
	}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := runGroup(ctx, g)
	get := func() (closes bool) {
		t.Helper()
		resp, err := http.Get("http://" + addr.String())
		if err != nil {
			t.Fatalf("GET: %v; want an answer", err)
		}
		defer resp.Body.Close()
		if body, _ := io.ReadAll(resp.Body); string(body) != "answered" {
			t.Fatalf("GET answered %q; want \"answered\"", body)
		}
		return resp.Close
	}

	if get() {
		t.Fatal("before the stop, an answer said Connection: close; want the connection kept alive")
	}
	cancel()
	for !strings.Contains(logs.String(), `msg="not ready"`) {
		time.Sleep(5 * time.Millisecond)
	}
	// The grace period: still answering, and each answer asks the client to
	// leave its connection, so that the drain finds no keep-alive
	// connection on which a client may be writing its next request.
	if !get() {
		t.Error("during the grace period, an answer kept the connection alive; want Connection: close")
	}
	if err := wait(t, done); err != nil {
		t.Errorf("Run after a stop = %v; want nil", err)
	}
}
