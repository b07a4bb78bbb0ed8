package todosd

import (
	"time"

	"github.com/go-kit/kit/sd"
)

// readyTimeout bounds how long NewClient waits for its chains to know the
// instances already registered.
const readyTimeout = 2 * time.Second

// waitReady waits until every Endpointer of c has made an endpoint for each
// instance registered when the client started, or until readyTimeout.
//
// An Endpointer learns of instances in a goroutine of its own, a moment
// after it is made: without this wait, the first call of a fresh client
// (todocli add …) could find no endpoint at all, and a Create, which is not
// retried, would fail with "no endpoints available".
func (c *Client) waitReady() {
	if c.instancer == nil {
		return
	}
	ch := make(chan sd.Event, 1)
	c.instancer.Register(ch) // sends the current instances at once
	known := len((<-ch).Instances)
	c.instancer.Deregister(ch)

	for deadline := time.Now().Add(readyTimeout); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		ready := true
		for _, e := range c.endpointers {
			endpoints, err := e.Endpoints()
			ready = ready && err == nil && len(endpoints) >= known
		}
		if ready {
			return
		}
	}
}
