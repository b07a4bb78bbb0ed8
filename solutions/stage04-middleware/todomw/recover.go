package todomw

import (
	"net/http"
	"runtime/debug"

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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			logger.Log("msg", "panic recovered", "panic", p, "method", r.Method, "path", r.URL.Path,
				"stack", string(debug.Stack()))
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":"internal error"}` + "\n"))
		}()
		next.ServeHTTP(w, r)
	})
}
