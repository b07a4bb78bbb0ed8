package todomw_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/ratelimit"
	"github.com/go-kit/log"
	"github.com/sony/gobreaker"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/serve/servetest"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// Step 2: the endpoint ring's two guards, the rate limit and the circuit
// breaker, and the errors they refuse with (README, "Step 2").

const hint2 = "(stuck? go run ../workshop hint stage04 2)"

func TestStep2ErrorsSayTheirKind(t *testing.T) {
	var wrapped error = fmt.Errorf("get: %w", &todomw.RateLimitedError{Wait: 1500 * time.Millisecond})

	if kind := todoendpoint.KindOf(wrapped); kind != todoendpoint.KindRateLimited {
		t.Fatalf("step 2: todoendpoint.KindOf(a wrapped *RateLimitedError) = %q; want %q: "+
			"the kind is how stage 03's error encoder knows to answer 429, and stage 05's gRPC server ResourceExhausted %s",
			kind, todoendpoint.KindRateLimited, hint2)
	}
	if wait := todoendpoint.RetryAfter(wrapped); wait != 1500*time.Millisecond {
		t.Fatalf("step 2: todoendpoint.RetryAfter(a wrapped *RateLimitedError{Wait: 1.5s}) = %v; want 1.5s, "+
			"the wait the error carries: HTTP's Retry-After header says it %s", wait, hint2)
	}
	if !errors.Is(wrapped, ratelimit.ErrLimited) {
		t.Fatalf("step 2: errors.Is(a wrapped *RateLimitedError, ratelimit.ErrLimited) is false; want true: "+
			"a caller that knows Go kit's limiter must still recognise its refusal %s", hint2)
	}

	open := fmt.Errorf("list: %w", &todomw.CircuitOpenError{Method: "List", Err: gobreaker.ErrTooManyRequests})
	if kind := todoendpoint.KindOf(open); kind != todoendpoint.KindUnavailable {
		t.Fatalf("step 2: todoendpoint.KindOf(a wrapped *CircuitOpenError) = %q; want %q: "+
			"stage 03's error encoder answers it 503, stage 05's gRPC server Unavailable %s",
			kind, todoendpoint.KindUnavailable, hint2)
	}
	if !errors.Is(open, gobreaker.ErrTooManyRequests) {
		t.Fatalf("step 2: errors.Is(a wrapped *CircuitOpenError{Err: gobreaker.ErrTooManyRequests}, gobreaker.ErrTooManyRequests) "+
			"is false; want true: the error must still say which refusal it was, open or half-open %s", hint2)
	}
}

func TestStep2LimiterAnswers429AfterTheBurst(t *testing.T) {
	svc := todotest.NewService(t)
	if _, err := svc.Create(context.Background(), "one", 1); err != nil {
		t.Fatal(err)
	}
	// Two requests at once, then one an hour: the third request is refused.
	limiter := rate.NewLimiter(rate.Every(time.Hour), 2)
	endpoints := todoendpoint.New(svc, todomw.RateLimit(limiter))
	base := serve(t, todohttp.NewHandler(endpoints, ""))

	for i := 1; i <= 2; i++ {
		if a := get(t, base+"/todos"); a.status != http.StatusOK {
			t.Fatalf("step 2: request %d of a burst of 2 answered %d %s; want 200: "+
				"RateLimit must let requests through while the limiter allows them %s", i, a.status, a.body, hint2)
		}
	}
	a := get(t, base+"/todos/1")
	if a.status == http.StatusOK {
		t.Fatalf("step 2: the third request, after a burst of 2 on one limiter for all methods, answered 200; want 429: "+
			"nothing refused it %s", hint2)
	}
	if a.status != http.StatusTooManyRequests {
		t.Fatalf("step 2: the third request, after a burst of 2 on one limiter for all methods, answered %d %s; want 429 "+
			"(a 500 means the refusal reached the encoder as some other error than a *RateLimitedError) %s", a.status, strings.TrimSpace(a.body), hint2)
	}
	if !strings.Contains(a.body, `"error":"rate limited"`) {
		t.Fatalf("step 2: the 429 body is %q; want {\"error\":\"rate limited\"} %s", a.body, hint2)
	}
	if ra := a.header.Get("Retry-After"); ra != "3600" {
		t.Fatalf("step 2: the 429 has Retry-After %q; want \"3600\" (one request an hour: "+
			"the error's Wait is retryAfter(limiter)) %s", ra, hint2)
	}

	// Straight to the endpoint: the error matches kit's, and the endpoint
	// was not called (a refused request costs the service nothing).
	_, refused := endpoints.GetEndpoint(context.Background(), todoendpoint.GetRequest{ID: 1})
	var limited *todomw.RateLimitedError
	if !errors.As(refused, &limited) || !errors.Is(refused, ratelimit.ErrLimited) {
		t.Fatalf("step 2: a refused call of the endpoint returned %v (%T); want a *RateLimitedError "+
			"that matches ratelimit.ErrLimited, returned as the endpoint's error %s", refused, refused, hint2)
	}
}

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

func TestStep2CircuitBreakerOpensHalfOpensAndCloses(t *testing.T) {
	var logs servetest.SyncBuffer
	sw := &switchable{}
	sw.set(closedService(t))
	endpoints := todoendpoint.New(sw, todomw.CircuitBreaker(3, breakerTimeout, log.NewLogfmtLogger(&logs)))
	base := serve(t, todohttp.NewHandler(endpoints, ""))

	var opened time.Time // at most when the breaker opened: before the third failure
	for i := 1; i <= 3; i++ {
		opened = time.Now()
		a := get(t, base+"/todos")
		if a.status == http.StatusServiceUnavailable {
			t.Fatalf("step 2: with CircuitBreaker(3, …), failure %d of GET /todos on a closed store already answered 503: "+
				"the breaker opened after %d failures; want it open after 3, not before %s", i, i-1, hint2)
		}
		if a.status != http.StatusInternalServerError {
			t.Fatalf("step 2: failure %d: GET /todos on a closed store answered %d %s; want 500, the service's failure, unchanged %s",
				i, a.status, a.body, hint2)
		}
	}
	a := get(t, base+"/todos")
	if a.status != http.StatusServiceUnavailable || !strings.Contains(a.body, `"error":"service unavailable"`) {
		t.Fatalf("step 2: with CircuitBreaker(3, …), after 3 failures in a row GET /todos answered %d %s; "+
			"want 503 {\"error\":\"service unavailable\"}: the breaker should be open and refuse without calling the service. "+
			"(a 500 here means it is still calling the failing service: no breaker, or one that opens later; "+
			"a 500 with another message, a refusal that is not a *CircuitOpenError) %s", a.status, strings.TrimSpace(a.body), hint2)
	}
	_, refusal := endpoints.ListEndpoint(context.Background(), todoendpoint.ListRequest{})
	var refused *todomw.CircuitOpenError
	if !errors.As(refusal, &refused) || refused.Method != "List" || !errors.Is(refusal, gobreaker.ErrOpenState) {
		t.Fatalf("step 2: the open breaker's List endpoint returned %v (%T); want a *CircuitOpenError with Method \"List\" "+
			"that matches gobreaker.ErrOpenState %s", refusal, refusal, hint2)
	}
	// One breaker per method: Get has not failed, so it still calls the
	// (broken) service and answers 500, not 503.
	if a := get(t, base+"/todos/1"); a.status != http.StatusInternalServerError {
		t.Fatalf("step 2: GET /todos/1, which has never failed, answered %d while List's breaker is open; want 500 "+
			"(it reaches the broken service). A 503 means Get and List share one breaker: one failing method would "+
			"shut every other %s", a.status, hint2)
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
			t.Fatalf("step 2: waiting for the breaker to half-open: GET /todos answered %d; want 503, then 200 %s", a.status, hint2)
		}
		if time.Since(opened) > breakerTimeout+2*time.Second {
			t.Fatalf("step 2: the breaker did not let a request through %v after it opened; want one trial after "+
				"its timeout, %v: the timeout given to CircuitBreaker must be the breaker's %s",
				time.Since(opened).Round(time.Millisecond), breakerTimeout, hint2)
		}
		time.Sleep(10 * time.Millisecond) // waiting out the breaker's timeout
	}
	if time.Since(opened) < breakerTimeout {
		t.Fatalf("step 2: the breaker let a request through after %v; want it open for %v %s", time.Since(opened), breakerTimeout, hint2)
	}
	if a := get(t, base+"/todos"); a.status != http.StatusOK {
		t.Fatalf("step 2: after a successful trial, GET /todos answered %d; want 200 (closed) %s", a.status, hint2)
	}
	lines := records(t, logs.String())
	for _, change := range [][2]string{{"closed", "open"}, {"open", "half-open"}, {"half-open", "closed"}} {
		found := false
		for _, l := range lines {
			if l["msg"] == "circuit breaker" && l["method"] == "List" && l["from"] == change[0] && l["to"] == change[1] {
				found = true
			}
		}
		if !found {
			t.Fatalf("step 2: List's breaker went from %s to %s, but the log has no line msg=\"circuit breaker\" method=List "+
				"from=%s to=%s; an operator reads these lines to know when a method was shut, and why\nlog:\n%s%s",
				change[0], change[1], change[0], change[1], logText(logs.String()), hint2)
		}
	}
}

func TestStep2CircuitBreakerIgnoresDomainErrors(t *testing.T) {
	sw := &switchable{}
	sw.set(todotest.NewService(t))
	endpoints := todoendpoint.New(sw, todomw.CircuitBreaker(2, time.Hour, log.NewNopLogger()))
	base := serve(t, todohttp.NewHandler(endpoints, ""))
	for i := 1; i <= 10; i++ {
		if a := get(t, base+"/todos/999"); a.status != http.StatusNotFound {
			t.Fatalf("step 2: not-found %d with CircuitBreaker(2, …) answered %d %s; want 404 every time: a domain error "+
				"travels in the response (stage 02) and is not a failure of the service; counted, any client could shut "+
				"Get for everyone by asking for ids that do not exist %s", i, a.status, strings.TrimSpace(a.body), hint2)
		}
	}
	// The same breaker does open on two real failures.
	sw.set(closedService(t))
	for i := 1; i <= 2; i++ {
		get(t, base+"/todos/1")
	}
	if a := get(t, base+"/todos/1"); a.status != http.StatusServiceUnavailable {
		t.Fatalf("step 2: after 10 not-founds and then 2 failures of the service, GET /todos/1 answered %d %s; "+
			"want 503: with CircuitBreaker(2, …) two real failures in a row open Get's breaker %s", a.status, strings.TrimSpace(a.body), hint2)
	}
}

func TestStep2CircuitBreakerHalfOpenLetsOneTrialThrough(t *testing.T) {
	fail := errors.New("down")
	// The endpoint fails until the test mends it; then the first call to
	// reach it, the trial, stays in until the test releases it.
	var mended, trialTaken atomic.Bool
	entered, release := make(chan struct{}), make(chan struct{})
	var releaseOnce sync.Once
	letGo := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(letGo)
	next := endpoint.Endpoint(func(ctx context.Context, request any) (any, error) {
		if !mended.Load() {
			return nil, fail
		}
		if trialTaken.CompareAndSwap(false, true) {
			close(entered)
			<-release
		}
		return todoendpoint.GetResponse{}, nil
	})
	const timeout = 50 * time.Millisecond
	ep := todomw.CircuitBreaker(1, timeout, log.NewNopLogger())("Get", next)
	ctx := context.Background()
	if _, err := ep(ctx, nil); !errors.Is(err, fail) {
		t.Fatalf("step 2: the first call of an endpoint that fails returned %v; want the endpoint's own error, unchanged %s", err, hint2)
	}
	_, refusal := ep(ctx, nil)
	var open *todomw.CircuitOpenError
	if !errors.Is(refusal, gobreaker.ErrOpenState) || !errors.As(refusal, &open) || open.Method != "Get" {
		t.Fatalf("step 2: with CircuitBreaker(1, …), after one failure the endpoint returned %v; want a *CircuitOpenError "+
			"for Get matching gobreaker.ErrOpenState %s", refusal, hint2)
	}

	// Mend the endpoint and wait out the timeout (polling), until a trial
	// call gets in and stays.
	mended.Store(true)
	time.Sleep(timeout) // waiting out the breaker's timeout
	trial := make(chan error, 1)
	deadline := time.Now().Add(2 * time.Second)
waiting:
	for {
		go func() { _, err := ep(ctx, nil); trial <- err }()
		select {
		case <-entered:
			break waiting
		case early := <-trial:
			if !errors.Is(early, gobreaker.ErrOpenState) {
				t.Fatalf("step 2: a call while open returned %v; want a *CircuitOpenError matching gobreaker.ErrOpenState %s", early, hint2)
			}
			if time.Now().After(deadline) {
				t.Fatalf("step 2: the breaker stayed open for 2s; its timeout is %v %s", timeout, hint2)
			}
			time.Sleep(10 * time.Millisecond) // waiting out the breaker's timeout
		}
	}

	// Half-open with its trial under way: a second request is refused.
	_, refusal = ep(ctx, nil)
	if !errors.Is(refusal, gobreaker.ErrTooManyRequests) || !errors.As(refusal, &open) {
		t.Fatalf("step 2: a call while half-open, its one trial still under way, returned %v; want a *CircuitOpenError "+
			"matching gobreaker.ErrTooManyRequests (503 as well): a half-open breaker lets one trial through, "+
			"so that a service that is still down gets one request, not a crowd %s", refusal, hint2)
	}
	letGo()
	if err := <-trial; err != nil {
		t.Fatalf("step 2: the trial call returned %v; want nil %s", err, hint2)
	}
	if _, err := ep(ctx, nil); err != nil {
		t.Fatalf("step 2: after a successful trial the breaker refused: %v; want it closed %s", err, hint2)
	}
}

// stalling is a real service whose List, while stall is set, waits until its
// caller's context has ended before it asks the database (which then fails
// with the context's error): a slow method, and a client that gives up on
// it. When entered is not nil, each stalled call says it has begun there.
// failed keeps the last error List returned.
type stalling struct {
	todo.Service
	stall   atomic.Bool
	entered chan struct{}
	failed  atomic.Pointer[error]
}

func (s *stalling) List(ctx context.Context) ([]todo.Todo, error) {
	if s.stall.Load() {
		if s.entered != nil {
			s.entered <- struct{}{}
		}
		<-ctx.Done()
	}
	todos, err := s.Service.List(ctx)
	if err != nil {
		s.failed.Store(&err)
	}
	return todos, err
}

// ownDeadline is a real service whose List gives the database a deadline of
// its own, already past: a timeout of the server, while its caller waits.
type ownDeadline struct{ todo.Service }

func (s ownDeadline) List(ctx context.Context) ([]todo.Todo, error) {
	ctx, cancel := context.WithDeadline(ctx, time.Now())
	defer cancel()
	return s.Service.List(ctx)
}

func TestStep2CircuitBreakerDoesNotCountCallersWhoGaveUp(t *testing.T) {
	ctx := context.Background()

	// A timeout of the server's own is a failure like any other.
	list := todoendpoint.New(ownDeadline{todotest.NewService(t)}, todomw.CircuitBreaker(3, time.Hour, log.NewNopLogger())).ListEndpoint
	for i := 1; i <= 3; i++ {
		if _, err := list(ctx, todoendpoint.ListRequest{}); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("step 2: call %d of a List whose database deadline, set by the server, has passed returned %v; "+
				"want the service's own error (context.DeadlineExceeded, wrapped), unchanged %s", i, err, hint2)
		}
	}
	_, refusal := list(ctx, todoendpoint.ListRequest{})
	var open *todomw.CircuitOpenError
	if !errors.As(refusal, &open) {
		t.Fatalf("step 2: with CircuitBreaker(3, …), after 3 timeouts set by the server itself, while each caller was "+
			"still waiting, List returned %v; want a *CircuitOpenError: the caller's context was alive, so the server "+
			"failed, and that counts (if no breaker opens yet at all, make TestStep2CircuitBreakerOpensHalfOpensAndCloses "+
			"pass first) %s", refusal, hint2)
	}

	// Clients that give up on a slow List, over HTTP: each cancels its
	// request once the service has it, and net/http cancels the request's
	// context when the connection goes.
	slow := &stalling{Service: todotest.NewService(t), entered: make(chan struct{})}
	slow.stall.Store(true)
	returned := make(chan struct{}, 1)
	watch := func(_ string, next endpoint.Endpoint) endpoint.Endpoint { // outside the breaker
		return func(ctx context.Context, request any) (any, error) {
			defer func() { returned <- struct{}{} }()
			return next(ctx, request)
		}
	}
	var logs servetest.SyncBuffer
	endpoints := todoendpoint.New(slow, watch, todomw.CircuitBreaker(3, time.Hour, log.NewLogfmtLogger(&logs)))
	base := serve(t, todohttp.NewHandler(endpoints, ""))
	for i := 1; i <= 5; i++ {
		giveUp, cancel := context.WithCancel(ctx)
		go func() {
			select {
			case <-slow.entered:
			case <-giveUp.Done():
			}
			cancel()
		}()
		req, err := http.NewRequestWithContext(giveUp, http.MethodGet, base+"/todos", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		cancel()
		<-returned // the endpoint has returned: the breaker has seen this call
		if err == nil {
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			gaveUp(t, i-1, answer{status: resp.StatusCode, body: string(raw)}, logs.String())
		}
	}
	slow.stall.Store(false)
	if a := get(t, base+"/todos"); a.status != http.StatusOK {
		gaveUp(t, 5, a, logs.String())
	}

	// Callers whose own deadline passes while the call is under way (gRPC
	// carries the client's deadline to the server).
	late := &stalling{Service: todotest.NewService(t)}
	late.stall.Store(true)
	list = todoendpoint.New(late, todomw.CircuitBreaker(3, time.Hour, log.NewNopLogger())).ListEndpoint
	for i := 1; i <= 5; i++ {
		deadline, cancel := context.WithTimeout(ctx, time.Millisecond)
		_, err := list(deadline, todoendpoint.ListRequest{})
		cancel()
		if failed := late.failed.Load(); failed == nil || err != *failed {
			t.Fatalf("step 2: call %d of List, whose caller's deadline passed while it was under way, returned %v (%T); "+
				"want the service's own error, unchanged: whatever the breaker decides, the answer is the endpoint's %s",
				i, err, err, hint2)
		}
	}
	late.stall.Store(false)
	if _, err := list(ctx, todoendpoint.ListRequest{}); err != nil {
		t.Fatalf("step 2: with CircuitBreaker(3, …), after 5 calls whose caller's own deadline passed, List returned %v; "+
			"want the list: a deadline the caller set and missed is the caller's, not a failure of the server %s", err, hint2)
	}
}

// gaveUp ends the test: after n clients gave up on GET /todos, the next one
// got a, not the list.
func gaveUp(t *testing.T, n int, a answer, log string) {
	t.Helper()
	t.Fatalf("step 2: with CircuitBreaker(3, …), after %d clients gave up on a slow GET /todos, the next one answered "+
		"%d %s; want the list. Each of them cancelled its request, so the service saw a context that had ended and "+
		"failed with its error: that is the client giving up, not the server failing. Counted, a few impatient "+
		"clients shut List for every client, over HTTP and gRPC alike\nlog:\n%s%s",
		n, a.status, strings.TrimSpace(a.body), logText(log), hint2)
}
