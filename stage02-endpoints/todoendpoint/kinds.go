package todoendpoint

import (
	"errors"
	"time"
)

// Kind says what kind of failure an endpoint error is, in words that every
// transport understands. Errors born in middleware (stage 04: rate limited,
// circuit open) say their kind; each transport maps a kind once to its own
// answer (HTTP: a status and headers; gRPC: a code). So the middleware knows
// nothing of HTTP or gRPC, and no transport imports another.
//
// Domain errors have no kind: todo.ErrorCode says what they are.
type Kind string

const (
	// KindRateLimited: too many requests; the caller may try again later,
	// after RetryAfter. Each transport says so in its own terms (stages 03
	// and 05 choose which).
	KindRateLimited Kind = "rate limited"
	// KindUnavailable: the service cannot take the request now (a circuit
	// breaker is open, say); another instance, or a later try, may.
	KindUnavailable Kind = "unavailable"
)

// KindError is an error that says its kind.
type KindError interface {
	error
	Kind() Kind
}

// KindOf returns the kind of err: that of the first error in its chain (as
// errors.As looks through wrapping) that has a Kind method, or "" when none
// has.
func KindOf(err error) Kind {
	var k KindError
	if errors.As(err, &k) {
		return k.Kind()
	}
	return ""
}

// RetryAfter returns how long err says to wait before trying again: the
// RetryAfter() of the first error in its chain that has such a method, or
// 0 when none has.
func RetryAfter(err error) time.Duration {
	var r interface{ RetryAfter() time.Duration }
	if errors.As(err, &r) {
		return r.RetryAfter()
	}
	return 0
}
