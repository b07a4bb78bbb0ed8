package sdtest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/go-kit/kit/sd/lb"
	"github.com/go-kit/log"

	"github.com/gokit-workshop/workshop/stage06-sd/todosd"
)

// StepCommands are the commands that test each step of the stage, from
// the stage folder, in the README's order.
var StepCommands = map[int]string{
	1: "go test ./todosd -run 'TestStep1'",
	2: "go test ./todosd -run 'TestStep2'",
	3: "go test ./todosd -run 'TestStep3'",
	4: "go test ./todosd -run 'TestStep4'",
	5: "go test ./cmd/todosvc -run 'TestStep5'",
}

// RequireSteps fails the test, for what, when one of the steps 1 to upTo
// is not done yet, naming the first such step: "finish step 2 first",
// rather than failing later for that step's reason. It checks each step
// the quickest way it can, against e:
//
//	step 1: Dial answers, and Register puts a key that Deregister removes;
//	step 2: HTTPFactory and GRPCFactory make an endpoint and a closer;
//	step 3: a client of no instance answers lb.ErrNoEndpoints for Create;
//	step 4: List is Retryable, and its retry gives up with that error.
func RequireSteps(t testing.TB, e *Etcd, upTo int, what string) {
	t.Helper()
	if step, err := firstStepNotDone(e, upTo); err != nil {
		needs := fmt.Sprintf("steps 1 to %d", upTo)
		if upTo == 1 {
			needs = "step 1"
		}
		t.Fatalf("%s needs %s: finish step %d first (%s); it says: %v\n"+
			"(stuck? go run ../workshop hint stage06 %d)", what, needs, step, StepCommands[step], err, step)
	}
}

// firstStepNotDone returns the first of the steps 1 to upTo that does not
// work, and why.
func firstStepNotDone(e *Etcd, upTo int) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger := log.NewNopLogger()
	prefix := e.root + "workshop-probe/"
	steps := []func() error{
		func() error { // 1
			clientCtx, stop := context.WithCancel(ctx)
			defer stop()
			if _, err := todosd.Dial(clientCtx, e.Endpoints); err != nil {
				return err
			}
			reg, err := todosd.Register(ctx, todosd.RegisterConfig{Etcd: e.Endpoints, Prefix: prefix, Instance: "http://127.0.0.1:1", TTL: 5 * time.Second}, logger)
			if err != nil {
				return err
			}
			if reg == nil {
				return errors.New("todosd.Register returned no Registration and no error")
			}
			reg.Deregister()
			return nil
		},
		func() error { // 2
			for _, f := range []struct {
				name     string
				factory  todosd.FactoryFor
				instance string
			}{
				{"HTTPFactory", todosd.HTTPFactory(todosd.FactoryConfig{}, logger), "http://127.0.0.1:1"},
				{"GRPCFactory", todosd.GRPCFactory(todosd.FactoryConfig{}, logger), "127.0.0.1:1"},
			} {
				e, closer, err := f.factory("List")(f.instance)
				if err == nil && (e == nil || closer == nil) {
					err = fmt.Errorf("%s returned no endpoint or no closer", f.name)
				}
				if closer != nil {
					closer.Close()
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
		func() error { // 3
			return noEndpoints(ctx, e, prefix, "Create")
		},
		func() error { // 4
			if !todosd.Retryable("List") {
				return errors.New("todosd.Retryable(\"List\") is false: nothing is retried yet")
			}
			return noEndpoints(ctx, e, prefix, "List")
		},
	}
	for i, step := range steps[:min(upTo, len(steps))] {
		if err := step(); err != nil {
			return i + 1, err
		}
	}
	return 0, nil
}

// noEndpoints checks that a discovering client of prefix, where no
// instance is registered, answers method with lb.ErrNoEndpoints.
func noEndpoints(ctx context.Context, e *Etcd, prefix, method string) error {
	logger := log.NewNopLogger()
	client, err := todosd.Connect(ctx, e.Endpoints, todosd.HTTPFactory(todosd.FactoryConfig{}, logger), todosd.ClientConfig{Prefix: prefix + "none/", Timeout: 2 * time.Second}, logger)
	if err != nil {
		return err
	}
	defer client.Close()
	switch method {
	case "Create":
		_, err = client.Create(ctx, "probe", 0)
	default:
		_, err = client.List(ctx)
	}
	if !errors.Is(err, lb.ErrNoEndpoints) {
		return fmt.Errorf("%s with no instance registered = %v; want lb.ErrNoEndpoints", method, err)
	}
	return nil
}
