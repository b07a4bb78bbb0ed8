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
// When next panics after its answer has begun (a status or some of the body
// written), a 500 can no longer be sent: the panic is logged all the same,
// and the response is aborted as net/http's convention has it (a panic with
// http.ErrAbortHandler), so the client sees a broken answer, never one that
// looks complete.
//
// A panic is a bug, not an error to handle: the log line is there so that
// someone fixes it.
func Recover(logger log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &beganWriter{ResponseWriter: w}
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
			if rw.began {
				panic(http.ErrAbortHandler) // too late for a 500: cut the answer
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":"internal error"}` + "\n"))
		}()
		next.ServeHTTP(rw, r)
	})
}

// beganWriter is an http.ResponseWriter that remembers whether the answer
// has begun: once a status or a byte of the body is written, it is too late
// to answer anything else.
type beganWriter struct {
	http.ResponseWriter
	began bool
}

func (w *beganWriter) WriteHeader(status int) {
	w.began = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *beganWriter) Write(p []byte) (int, error) {
	w.began = true
	return w.ResponseWriter.Write(p)
}

// Unwrap gives http.ResponseController the writer underneath (to flush it,
// say), which the embedding alone would hide.
func (w *beganWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
