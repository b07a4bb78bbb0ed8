package todosd_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/sd"
	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/stage06-sd/todosd/sdtest"
)

// testLogger writes Go kit's logs (the registrar's, the instancer's, the
// breakers') to the test log, shown when a test fails or with -v.
func testLogger(t *testing.T) log.Logger {
	return log.LoggerFunc(func(keyvals ...any) error {
		t.Helper()
		t.Log(keyvals...)
		return nil
	})
}

// deadAddr returns a 127.0.0.1 address where nothing listens.
func deadAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// testClientConfig is the client's configuration in the tests: the
// instances under prefix, a few attempts.
func testClientConfig(prefix string) todosd.ClientConfig {
	return todosd.ClientConfig{Prefix: prefix, Attempts: 3, Timeout: 5 * time.Second}
}

// testFactoryConfig is the factories' configuration in the tests: short
// breaker timeouts.
var testFactoryConfig = todosd.FactoryConfig{BreakerFailures: 2, BreakerTimeout: time.Second}

// stuck ends every failure message of step k: how to ask for a hint.
func stuck(k int) string {
	return fmt.Sprintf("\n(stuck? go run ../workshop hint stage06 %d)", k)
}

// connect returns a discovering client of the test's instances, over HTTP,
// closed when the test ends. It needs Dial (step 1), HTTPFactory (step 2)
// and NewClient (step 3); step says which step's test asks.
func connect(t *testing.T, etcd *sdtest.Etcd, step int) *todosd.Client {
	t.Helper()
	return connectWith(t, etcd, step, todosd.HTTPFactory(testFactoryConfig, testLogger(t)), testClientConfig(etcd.Prefix))
}

// connectWith is connect with the factory and the config given.
func connectWith(t *testing.T, etcd *sdtest.Etcd, step int, factory todosd.FactoryFor, cfg todosd.ClientConfig) *todosd.Client {
	t.Helper()
	sdtest.RequireSteps(t, etcd, step-1, fmt.Sprintf("step %d", step))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client, err := todosd.Connect(ctx, etcd.Endpoints, factory, cfg, testLogger(t))
	if err != nil {
		t.Fatalf("step %d: todosd.Connect(ctx, %v, …) = %v; want a client.\n"+
			"Connect calls Dial (step 1), then NewClient (step 3)%s", step, etcd.Endpoints, err, stuck(step))
	}
	t.Cleanup(client.Close)
	return client
}

// attempts counts the calls the client makes into the endpoints a
// factory made, one per attempt, whatever they answer (an open breaker
// too), and keeps the error of the last one.
type attempts struct {
	mu   sync.Mutex
	n    int
	last error
}

// count wraps factories so that every call of an endpoint they make is
// counted in a.
func (a *attempts) count(factories todosd.FactoryFor) todosd.FactoryFor {
	return func(method string) sd.Factory {
		factory := factories(method)
		return func(instance string) (endpoint.Endpoint, io.Closer, error) {
			e, closer, err := factory(instance)
			if err != nil || e == nil {
				return e, closer, err
			}
			return func(ctx context.Context, request any) (any, error) {
				response, err := e(ctx, request)
				a.mu.Lock()
				defer a.mu.Unlock()
				a.n++
				a.last = err
				return response, err
			}, closer, nil
		}
	}
}

// reset sets the count to zero and returns what it was.
func (a *attempts) reset() (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	n, last := a.n, a.last
	a.n, a.last = 0, nil
	return n, last
}
