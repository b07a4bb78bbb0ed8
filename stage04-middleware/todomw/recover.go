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
// When next panics after its answer has begun (a status or some of the body
// written), a 500 can no longer be sent: the panic is logged all the same,
// and the response is aborted as net/http's convention has it (a panic with
// http.ErrAbortHandler), so the client sees a broken answer, never one that
// looks complete.
//
// A panic is a bug, not an error to handle: the log line is there so that
// someone fixes it.
func Recover(logger log.Logger, next http.Handler) http.Handler {
	// TODO(stage04, step 3): the handler the doc comment above describes.
	// The log line's keys and the 500's body are in the README's step 3.
	// net/http will not tell you whether next has begun its answer: find a
	// way to know it.
	return next
}
