package load

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Report writes res for people: a table of the operations, then the errors.
func Report(w io.Writer, res Result) {
	c := res.Config
	fmt.Fprintf(w, "%s %s: %d clients, %s measured after %s of warm-up, mix %s, %d seeded todos\n",
		c.Target, c.Addr, c.Clients, c.Duration, c.Warmup, c.Mix, c.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\trequests\treq/s\tp50\tp90\tp99\tmax\t")
	row := func(name string, s Stats) {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t\n", name, s.Count, float64(s.Count)/res.Elapsed.Seconds(),
			ms(s.P50), ms(s.P90), ms(s.P99), ms(s.Max))
	}
	for _, op := range Ops {
		if s, ok := res.ByOp[op]; ok {
			row(string(op), s)
		}
	}
	row("all", res.All)
	tw.Flush()
	fmt.Fprintf(w, "errors: %d; todos at the end: %d; requests answered in all (seeding and warm-up too): %d\n",
		res.Errors, res.Todos, res.Sent)
	for _, e := range res.Examples {
		fmt.Fprintln(w, "  ", e)
	}
}

// Summary writes res as one logfmt line, for scripts: compare.sh reads it.
func Summary(w io.Writer, label string, res Result) {
	fmt.Fprintf(w, "summary label=%s target=%s clients=%d duration=%s rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d sent=%d\n",
		label, res.Config.Target, res.Config.Clients, res.Config.Duration, res.Throughput(),
		msf(res.All.P50), msf(res.All.P90), msf(res.All.P99), msf(res.All.Max), res.Errors, res.Sent)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", msf(d)) }

func msf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
