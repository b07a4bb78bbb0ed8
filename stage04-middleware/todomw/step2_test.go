package todomw_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-kit/kit/ratelimit"
	"golang.org/x/time/rate"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage03-http/todohttp"
	"github.com/gokit-workshop/workshop/stage04-middleware/todomw"
)

// Step 2: the rate-limit endpoint middleware and its 429 (README, "Step 2").

func TestStep2RateLimitedErrorSaysItsKind(t *testing.T) {
	var err error = fmt.Errorf("get: %w", &todomw.RateLimitedError{Wait: 1500 * time.Millisecond})

	if kind := todoendpoint.KindOf(err); kind != todoendpoint.KindRateLimited {
		t.Fatalf("step 2: todoendpoint.KindOf(a wrapped *RateLimitedError) = %q; want %q.\n"+
			"(*RateLimitedError).Kind() must return todoendpoint.KindRateLimited, "+
			"so that stage 03's error encoder answers 429 and stage 05's gRPC server ResourceExhausted", kind, todoendpoint.KindRateLimited)
	}
	if wait := todoendpoint.RetryAfter(err); wait != 1500*time.Millisecond {
		t.Fatalf("step 2: todoendpoint.RetryAfter(a wrapped *RateLimitedError{Wait: 1.5s}) = %v; want 1.5s.\n"+
			"(*RateLimitedError).RetryAfter() must return e.Wait: HTTP's Retry-After header says it", wait)
	}
	if !errors.Is(err, ratelimit.ErrLimited) {
		t.Fatalf("step 2: errors.Is(&RateLimitedError{…}, ratelimit.ErrLimited) is false; " +
			"(*RateLimitedError).Unwrap() must return kit's ratelimit.ErrLimited")
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
				"RateLimit must let requests through while the limiter allows them", i, a.status, a.body)
		}
	}
	a := get(t, base+"/todos/1")
	if a.status != http.StatusTooManyRequests {
		t.Fatalf("step 2: the third request, after a burst of 2, answered %d %s; want 429.\n"+
			"Hint: ratelimit.NewErroringLimiter(limiter) refuses with ratelimit.ErrLimited; "+
			"turn that into a *RateLimitedError", a.status, a.body)
	}
	if !strings.Contains(a.body, `"error":"rate limited"`) {
		t.Fatalf("step 2: the 429 body is %q; want {\"error\":\"rate limited\"}", a.body)
	}
	if ra := a.header.Get("Retry-After"); ra != "3600" {
		t.Fatalf("step 2: the 429 has Retry-After %q; want \"3600\" (one request an hour: "+
			"Wait is one second divided by limiter.Limit())", ra)
	}

	// Straight to the endpoint: the error matches kit's, and the endpoint
	// was not called (a refused request costs the service nothing).
	_, err := endpoints.GetEndpoint(context.Background(), todoendpoint.GetRequest{ID: 1})
	var limited *todomw.RateLimitedError
	if !errors.As(err, &limited) || !errors.Is(err, ratelimit.ErrLimited) {
		t.Fatalf("step 2: a refused call of the endpoint returned %v (%T); want a *RateLimitedError "+
			"that matches ratelimit.ErrLimited", err, err)
	}
}
