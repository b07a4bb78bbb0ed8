// Package debug serves what an operator looks at, on an address of its own
// so that it need not be public: Prometheus metrics on /metrics and the
// profiler on /debug/pprof/.
package debug

import (
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// NewRegistry returns the metrics registry of one process, with the Go
// runtime's and the process's own metrics on it. Make it in main and pass
// it to whoever registers metrics: no global state, so tests can run a
// command many times in one process.
func NewRegistry() *prometheus.Registry {
	registry := prometheus.NewRegistry()
	registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return registry
}

// Handler serves the metrics of registry on GET /metrics and the profiler
// on /debug/pprof/. pprof's handlers are registered here explicitly;
// importing net/http/pprof also adds them to http.DefaultServeMux, which
// the workshop never serves.
func Handler(registry *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
