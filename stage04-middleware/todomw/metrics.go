package todomw

import (
	"github.com/go-kit/kit/metrics"
	kitprom "github.com/go-kit/kit/metrics/prometheus"
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics holds the instruments of the service and its endpoints, as kit's
// metrics interfaces: the middleware does not know it talks to Prometheus.
type Metrics struct {
	// Requests counts service calls by "method" and "outcome" (ok, invalid,
	// not_found, internal): todo_service_requests_total.
	Requests metrics.Counter
	// Duration observes service calls in seconds by "method":
	// todo_service_request_duration_seconds.
	Duration metrics.Histogram
	// EndpointDuration observes endpoint calls in seconds by "method" and
	// "success": todo_endpoint_duration_seconds.
	EndpointDuration metrics.Histogram
}

// NewMetrics builds the Prometheus vectors, registers them on reg and wraps
// them for kit. Pass the registry made in main (or a fresh one per test):
// kit's NewCounterFrom would register on Prometheus's global registry, and
// registering the same name twice there panics.
func NewMetrics(reg prometheus.Registerer) (Metrics, error) {
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "todo", Subsystem: "service", Name: "requests_total",
		Help: "Calls of the todo service, by method and outcome.",
	}, []string{"method", "outcome"})
	duration := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "todo", Subsystem: "service", Name: "request_duration_seconds",
		Help:    "Time taken by the todo service, by method.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method"})
	endpointDuration := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "todo", Subsystem: "endpoint", Name: "duration_seconds",
		Help:    "Time taken by the endpoints, by method and success.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "success"})
	for _, c := range []prometheus.Collector{requests, duration, endpointDuration} {
		if err := reg.Register(c); err != nil {
			return Metrics{}, err
		}
	}
	return Metrics{
		Requests:         kitprom.NewCounter(requests),
		Duration:         kitprom.NewHistogram(duration),
		EndpointDuration: kitprom.NewHistogram(endpointDuration),
	}, nil
}
