package main

import (
	"bytes"
	"context"
	"net"
	"testing"

	grpctransport "github.com/go-kit/kit/transport/grpc"
	"github.com/go-kit/log"
	"google.golang.org/grpc"

	todov1 "github.com/gokit-workshop/workshop/api/todo/v1"
	"github.com/gokit-workshop/workshop/solutions/stage01-service/todotest"
	"github.com/gokit-workshop/workshop/solutions/stage02-endpoints/todoendpoint"
	"github.com/gokit-workshop/workshop/stage05-grpc/todogrpc"
)

// Step 4: the todocli command over gRPC (README, "Step 4"), with the client
// of todogrpc and the cli package of stage 03, unchanged.

// stuck ends every failure message: the hint command, from the stage folder.
const stuck = "(stuck? go run ../workshop hint stage05 4)"

func TestStep4TodocliOverGRPC(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// The server logs a panic (with Recover) and the errors behind an
	// Internal answer; the log is printed if the test fails.
	var serverLog bytes.Buffer
	logger := log.NewLogfmtLogger(log.NewSyncWriter(&serverLog))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the gRPC server's log:\n%s", serverLog.String())
		}
	})
	gs := grpc.NewServer(grpc.ChainUnaryInterceptor(todogrpc.Recover(logger)))
	todov1.RegisterTodoServiceServer(gs, todogrpc.NewServer(todoendpoint.New(todotest.NewService(t)),
		grpctransport.ServerErrorHandler(todogrpc.LogErrorHandler(logger))))
	go gs.Serve(listener)
	t.Cleanup(gs.Stop)
	addr := listener.Addr().String()

	todocli := func(args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"-transport", "grpc", "-grpc-addr", addr}, args...), &stdout, &stderr)
		return stdout.String(), err
	}
	if out, err := todocli("add", "buy", "milk"); err != nil || out != "  1 [ ] buy milk\n" {
		t.Fatalf("step 4: todocli -transport grpc add buy milk printed %q, %v; want \"  1 [ ] buy milk\\n\".\n"+
			"It runs stage 03's package cli over todogrpc.NewClient: make the step 4 tests of todogrpc pass first "+
			"(go test ./todogrpc -run TestStep4) %s", out, err, stuck)
	}
	if out, err := todocli("done", "1"); err != nil || out != "  1 [x] buy milk\n" {
		t.Fatalf("step 4: todocli -transport grpc done 1 printed %q, %v; want \"  1 [x] buy milk\\n\": an update over gRPC %s", out, err, stuck)
	}
	if _, err := todocli("done", "7"); err == nil || err.Error() != "todo 7 not found" {
		t.Fatalf("step 4: todocli -transport grpc done 7 failed with %v; want the server's message, \"todo 7 not found\": the domain error, back from its status %s", err, stuck)
	}
}
