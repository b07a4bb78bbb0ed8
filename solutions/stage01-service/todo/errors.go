package todo

import (
	"errors"
	"fmt"
)

// Code is the machine-readable kind of a domain error. Transports map codes
// to their own (HTTP status, gRPC code); the service never sees those.
type Code string

// The codes of the domain errors.
const (
	CodeInvalid  Code = "invalid"   // the caller sent something the rules refuse
	CodeNotFound Code = "not_found" // no todo has that id
	CodeInternal Code = "internal"  // anything else: not the caller's fault
)

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    Code
	Message string
}

// Error returns the message, which is safe to show to a user.
func (e *Error) Error() string { return e.Message }

// Is reports whether target is a domain error with the same code, so that
// errors.Is(err, ErrNotFound) holds for every not-found error, whatever its
// message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels to test errors with errors.Is.
var (
	ErrInvalid  = &Error{Code: CodeInvalid, Message: "invalid argument"}
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found"}
)

// Errorf returns a domain error with the code and a message formatted as
// fmt.Sprintf does.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the domain error in err's chain: "" for a nil
// error, CodeInternal when err is not a domain error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns what a user may read about err: the domain error's
// message, or "internal error" so that no internals leak. Log the details.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
