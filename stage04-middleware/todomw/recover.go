package todomw

import (
	"net/http"

	"github.com/go-kit/log"
)

// Recover returns transport middleware: a handler that serves with next and,
// if next panics, logs the panic with its stack and answers 500 with the
// JSON body {"error":"internal error"}. The client never sees the panic
// value or the stack, and the server goes on serving.
//
// A panic with http.ErrAbortHandler is net/http's way to abort a response on
// purpose: it is panicked again, for net/http to handle.
//
// A panic is a bug, not an error to handle: the log line is there so that
// someone fixes it.
func Recover(logger log.Logger, next http.Handler) http.Handler {
	// TODO(stage04, step 3): return a handler that calls next.ServeHTTP(w,
	// r) with a deferred func that calls recover(). On a panic p:
	//   - if p == http.ErrAbortHandler, panic(p) again;
	//   - log "msg", "panic recovered", "panic", p, "method", r.Method,
	//     "path", r.URL.Path, "stack", string(debug.Stack());
	//   - answer 500 with Content-Type application/json and the body
	//     {"error":"internal error"}.
	return next
}
