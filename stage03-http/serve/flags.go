package serve

import (
	"flag"
	"io"
	"time"

	"github.com/go-kit/log"
)

// Flags are the settings every todosvc has, whatever its stage.
type Flags struct {
	HTTPAddr     string        // HTTP listen address
	DB           string        // SQLite database file
	PublicURL    string        // base of each todo's url; "" for the address the connection came in on
	Grace        time.Duration // how long to keep serving once not ready
	DrainTimeout time.Duration // how long requests in flight may take to finish
}

// Register defines the flags on fs, with their defaults. The default of
// -shutdown-grace is f.Grace: 0 unless the caller set it before (stage 06
// does: its clients need time to learn that it deregistered).
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.HTTPAddr, "http-addr", "127.0.0.1:8080", "HTTP listen `address`")
	fs.StringVar(&f.DB, "db", "todo.db", "SQLite database `file`")
	fs.StringVar(&f.PublicURL, "public-url", "", "the service's `URL` as clients reach it, the base of each todo's url; "+
		"set it unless clients connect straight to -http-addr (behind a proxy, a container port, a DNS name) "+
		"(default: the address each connection came in on, never the request's Host header)")
	fs.DurationVar(&f.Grace, "shutdown-grace", f.Grace, "on SIGINT or SIGTERM, how long to keep serving after reporting not ready")
	fs.DurationVar(&f.DrainTimeout, "drain-timeout", 10*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish")
}

// NewLogger returns the logger of a command: logfmt lines on w, each with
// a UTC timestamp, safe to use from many goroutines.
func NewLogger(w io.Writer) log.Logger {
	logger := log.NewLogfmtLogger(log.NewSyncWriter(w))
	return log.With(logger, "ts", log.DefaultTimestampUTC)
}
