package todogrpc

import (
	"context"
	"runtime/debug"

	"github.com/go-kit/log"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Recover returns a unary server interceptor that calls the handler and, if
// it panics, logs the panic with its stack and answers Internal with the
// message "internal error". The client never sees the panic value, and the
// server goes on serving.
//
// net/http recovers a panicking handler by itself (stage 04 adds a
// middleware only to answer properly); gRPC does not: a panic in a handler
// ends the whole process. Give the server this interceptor:
//
//	grpc.NewServer(grpc.ChainUnaryInterceptor(todogrpc.Recover(logger)))
func Recover(logger log.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if p := recover(); p != nil {
				logger.Log("msg", "panic recovered", "panic", p, "rpc", info.FullMethod, "stack", string(debug.Stack()))
				resp, err = nil, status.Error(codes.Internal, "internal error")
			}
		}()
		return handler(ctx, req)
	}
}
