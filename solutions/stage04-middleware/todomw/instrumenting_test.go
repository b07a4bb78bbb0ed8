package todomw_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/solutions/stage04-middleware/todomw"
)

// The provided metrics middleware, read back from a fresh registry per test.

func TestInstrumentingCountsByMethodAndOutcome(t *testing.T) {
	metrics, reg := newMetrics(t)
	svc := todomw.Instrumenting(metrics)(todotest.NewService(t))
	ctx := context.Background()
	svc.Create(ctx, "one", 1)
	svc.Create(ctx, "", 2) // invalid
	svc.Get(ctx, 1)
	svc.Get(ctx, 999) // not found

	want := `
# HELP todo_service_requests_total Calls of the todo service, by method and outcome.
# TYPE todo_service_requests_total counter
todo_service_requests_total{method="Create",outcome="invalid"} 1
todo_service_requests_total{method="Create",outcome="ok"} 1
todo_service_requests_total{method="Get",outcome="not_found"} 1
todo_service_requests_total{method="Get",outcome="ok"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "todo_service_requests_total"); err != nil {
		t.Fatal(err)
	}
	if n := sampleCount(t, reg, "todo_service_request_duration_seconds", map[string]string{"method": "Get"}); n != 2 {
		t.Fatalf("todo_service_request_duration_seconds{method=\"Get\"} holds %d observations; want 2", n)
	}
}

func TestEndpointDurationLabelsSuccess(t *testing.T) {
	metrics, reg := newMetrics(t)
	ctx := context.Background()
	timed := todomw.EndpointDuration(metrics.EndpointDuration)
	ok := todoendpoint.New(todotest.NewService(t), timed)
	broken := todoendpoint.New(closedService(t), timed)
	ok.List(ctx)
	ok.Get(ctx, 999) // a domain error is a successful call of the endpoint
	broken.List(ctx)

	for _, c := range []struct {
		method, success string
		want            uint64
	}{{"List", "true", 1}, {"Get", "true", 1}, {"List", "false", 1}} {
		labels := map[string]string{"method": c.method, "success": c.success}
		if n := sampleCount(t, reg, "todo_endpoint_duration_seconds", labels); n != c.want {
			t.Fatalf("todo_endpoint_duration_seconds%v holds %d observations; want %d", labels, n, c.want)
		}
	}
}
