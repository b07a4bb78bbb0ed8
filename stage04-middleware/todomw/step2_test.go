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

const hint2 = "(stuck? go run ../workshop hint stage04 2)"

func TestStep2RateLimitedErrorSaysItsKind(t *testing.T) {
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
