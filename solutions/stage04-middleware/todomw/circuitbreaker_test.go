package todomw_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-kit/log"
	"github.com/sony/gobreaker"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// The provided circuit breaker, through the real HTTP handler.

// switchable is a todo.Service that calls whichever real service it holds:
// the test breaks and mends the service behind the breaker.
type switchable struct{ current atomic.Pointer[todo.Service] }

func (s *switchable) set(svc todo.Service) { s.current.Store(&svc) }
func (s *switchable) svc() todo.Service    { return *s.current.Load() }

func (s *switchable) Create(ctx context.Context, title string, order int64) (todo.Todo, error) {
	return s.svc().Create(ctx, title, order)
}
func (s *switchable) Get(ctx context.Context, id int64) (todo.Todo, error) {
	return s.svc().Get(ctx, id)
}
func (s *switchable) List(ctx context.Context) ([]todo.Todo, error) { return s.svc().List(ctx) }
func (s *switchable) Update(ctx context.Context, id int64, p todo.Patch) (todo.Todo, error) {
	return s.svc().Update(ctx, id, p)
}
func (s *switchable) Delete(ctx context.Context, id int64) error { return s.svc().Delete(ctx, id) }
func (s *switchable) DeleteAll(ctx context.Context) error        { return s.svc().DeleteAll(ctx) }

const breakerTimeout = 80 * time.Millisecond

func TestCircuitBreakerOpensHalfOpensAndCloses(t *testing.T) {
	var logs logBuffer
	sw := &switchable{}
	sw.set(closedService(t))
	endpoints := todoendpoint.New(sw, todomw.CircuitBreaker(3, breakerTimeout, log.NewLogfmtLogger(&logs)))
	base := serve(t, todohttp.NewHandler(endpoints, ""))

	var opened time.Time // at most when the breaker opened: before the third failure
	for i := 1; i <= 3; i++ {
		opened = time.Now()
		if a := get(t, base+"/todos"); a.status != http.StatusInternalServerError {
			t.Fatalf("failure %d: GET /todos on a closed store answered %d %s; want 500", i, a.status, a.body)
		}
	}
	a := get(t, base+"/todos")
	if a.status != http.StatusServiceUnavailable || !strings.Contains(a.body, `"error":"service unavailable"`) {
		t.Fatalf("after 3 failures GET /todos answered %d %s; want 503 {\"error\":\"service unavailable\"}", a.status, a.body)
	}
	_, err := endpoints.ListEndpoint(context.Background(), todoendpoint.ListRequest{})
	if !errors.Is(err, gobreaker.ErrOpenState) {
		t.Fatalf("the open breaker's endpoint returned %v; want an error matching gobreaker.ErrOpenState", err)
	}
	// One breaker per method: Get has not failed, so it still calls the
	// (broken) service and answers 500, not 503.
	if a := get(t, base+"/todos/1"); a.status != http.StatusInternalServerError {
		t.Fatalf("GET /todos/1 while only List's breaker is open answered %d; want 500 (Get has its own breaker)", a.status)
	}

	// Mend the service; once the timeout is over, the trial request goes
	// through and closes the breaker.
	sw.set(todotest.NewService(t))
	for {
		a := get(t, base+"/todos")
		if a.status == http.StatusOK {
			break
		}
		if a.status != http.StatusServiceUnavailable {
			t.Fatalf("waiting for the breaker to half-open: GET /todos answered %d; want 503, then 200", a.status)
		}
		if time.Since(opened) > breakerTimeout+2*time.Second {
			t.Fatalf("the breaker did not let a request through %v after it opened (its timeout is %v)", time.Since(opened), breakerTimeout)
		}
		time.Sleep(10 * time.Millisecond) // waiting out the breaker's timeout
	}
	if time.Since(opened) < breakerTimeout {
		t.Fatalf("the breaker let a request through after %v; want it open for %v", time.Since(opened), breakerTimeout)
	}
	if a := get(t, base+"/todos"); a.status != http.StatusOK {
		t.Fatalf("after a successful trial, GET /todos answered %d; want 200 (closed)", a.status)
	}
	log := logs.String()
	for _, change := range []string{"from=closed to=open", "from=open to=half-open", "from=half-open to=closed"} {
		if !strings.Contains(log, "method=List "+change) {
			t.Fatalf("the breaker's log has no %q for List; log:\n%s", change, log)
		}
	}
}

func TestCircuitBreakerIgnoresDomainErrors(t *testing.T) {
	endpoints := todoendpoint.New(todotest.NewService(t), todomw.CircuitBreaker(2, time.Hour, log.NewNopLogger()))
	base := serve(t, todohttp.NewHandler(endpoints, ""))
	for i := 1; i <= 10; i++ {
		if a := get(t, base+"/todos/999"); a.status != http.StatusNotFound {
			t.Fatalf("not-found %d answered %d %s; want 404 every time: a domain error travels in the response "+
				"and never counts as a failure (stage 02)", i, a.status, a.body)
		}
	}
	if a := do(t, http.MethodPost, base+"/todos", `{"title": ""}`); a.status != http.StatusBadRequest {
		t.Fatalf("an invalid create answered %d; want 400", a.status)
	}
	if a := do(t, http.MethodPost, base+"/todos", `{"title": ""}`); a.status != http.StatusBadRequest {
		t.Fatalf("a second invalid create answered %d; want 400, not 503", a.status)
	}
}

func TestCircuitBreakerHalfOpenLetsOneTrialThrough(t *testing.T) {
	fail := errors.New("down")
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	next := func(ctx context.Context, request any) (any, error) {
		switch calls.Add(1) {
		case 1:
			return nil, fail
		case 2: // the trial: it stays in until the test releases it
			close(entered)
			<-release
		}
		return todoendpoint.GetResponse{}, nil
	}
	const timeout = 50 * time.Millisecond
	ep := todomw.CircuitBreaker(1, timeout, log.NewNopLogger())("Get", next)
	ctx := context.Background()
	if _, err := ep(ctx, nil); !errors.Is(err, fail) {
		t.Fatalf("first call = %v; want the endpoint's own error, unchanged", err)
	}
	_, err := ep(ctx, nil)
	var open *todomw.CircuitOpenError
	if !errors.Is(err, gobreaker.ErrOpenState) || !errors.As(err, &open) || open.Kind() != todoendpoint.KindUnavailable || open.Method != "Get" {
		t.Fatalf("after one failure (the limit), the endpoint returned %v; want a *CircuitOpenError for Get, of kind unavailable (503), matching gobreaker.ErrOpenState", err)
	}

	// Wait out the timeout (polling), until a trial call gets in and stays.
	time.Sleep(timeout) // waiting out the breaker's timeout
	trial := make(chan error, 1)
	deadline := time.Now().Add(2 * time.Second)
waiting:
	for {
		go func() { _, err := ep(ctx, nil); trial <- err }()
		select {
		case <-entered:
			break waiting
		case err := <-trial:
			if !errors.Is(err, gobreaker.ErrOpenState) {
				t.Fatalf("a call while open returned %v; want gobreaker.ErrOpenState", err)
			}
			if time.Now().After(deadline) {
				t.Fatalf("the breaker stayed open for 2s; its timeout is %v", timeout)
			}
			time.Sleep(10 * time.Millisecond) // waiting out the breaker's timeout
		}
	}

	// Half-open with its trial under way: a second request is refused.
	_, err = ep(ctx, nil)
	if !errors.Is(err, gobreaker.ErrTooManyRequests) || !errors.As(err, &open) || open.Kind() != todoendpoint.KindUnavailable {
		t.Fatalf("a call while half-open returned %v; want a *CircuitOpenError of kind unavailable (503) matching gobreaker.ErrTooManyRequests", err)
	}
	close(release)
	if err := <-trial; err != nil {
		t.Fatalf("the trial call returned %v; want nil", err)
	}
	if _, err := ep(ctx, nil); err != nil {
		t.Fatalf("after a successful trial the breaker refused: %v; want it closed", err)
	}
}
