package todosd_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd"
	"github.com/gokit-workshop/workshop/solutions/stage06-sd/todosd/sdtest"
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

// connect returns a discovering client of the test's instances, over HTTP,
// closed when the test ends. It needs Dial (step 1), HTTPFactory (step 2)
// and NewClient (step 3).
func connect(t *testing.T, etcd *sdtest.Etcd) *todosd.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger := testLogger(t)
	client, err := todosd.Connect(ctx, etcd.Endpoints, todosd.HTTPFactory(testFactoryConfig, logger), testClientConfig(etcd.Prefix), logger)
	if err != nil {
		t.Fatalf("todosd.Connect(ctx, %v, …) = %v; want a client.\n"+
			"Connect calls Dial (step 1), then NewClient (step 3)", etcd.Endpoints, err)
	}
	t.Cleanup(client.Close)
	return client
}
