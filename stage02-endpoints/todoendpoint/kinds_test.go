package todoendpoint_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gokit-workshop/workshop/solutions/stage01-service/todo"
	"github.com/gokit-workshop/workshop/stage02-endpoints/todoendpoint"
)

// The kinds are provided; these tests keep them honest.

// slowDown is an error of a kind, as stage 04's are.
type slowDown struct{ wait time.Duration }

func (e slowDown) Error() string             { return "slow down" }
func (e slowDown) Kind() todoendpoint.Kind   { return todoendpoint.KindRateLimited }
func (e slowDown) RetryAfter() time.Duration { return e.wait }

var _ todoendpoint.KindError = slowDown{}

func TestKindOfLooksThroughWrapping(t *testing.T) {
	for _, c := range []struct {
		err  error
		kind todoendpoint.Kind
		wait time.Duration
	}{
		{slowDown{time.Second}, todoendpoint.KindRateLimited, time.Second},
		{fmt.Errorf("list: %w", slowDown{2 * time.Second}), todoendpoint.KindRateLimited, 2 * time.Second},
		{todo.ErrNotFound, "", 0},
		{errors.New("disk full"), "", 0},
		{nil, "", 0},
	} {
		if got := todoendpoint.KindOf(c.err); got != c.kind {
			t.Fatalf("KindOf(%v) = %q; want %q", c.err, got, c.kind)
		}
		if got := todoendpoint.RetryAfter(c.err); got != c.wait {
			t.Fatalf("RetryAfter(%v) = %v; want %v", c.err, got, c.wait)
		}
	}
}
