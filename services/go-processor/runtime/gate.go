package runtime

import (
	"context"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
)

// runtime.proto: FAILED_PRECONDITION "when an RPC other than GetServiceInfo arrives before a
// successful Handshake", and core handshakes "once per connection". So the agreement is kept per
// HTTP/2 connection: a stats handler attaches a connState to each connection's context (every
// RPC context on that connection derives from it), Handshake fills it in, and interceptors check
// it. Health and reflection are not Flow RPCs and are never gated, so probes and tools work.

type connKey struct{}

// connState is one connection's handshake agreement.
type connState struct {
	mu        sync.Mutex
	agreement *Agreement
}

func (c *connState) set(a *Agreement) {
	if c == nil {
		return // no stats handler installed: nothing to record
	}
	c.mu.Lock()
	c.agreement = a
	c.mu.Unlock()
}

func (c *connState) get() *Agreement {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.agreement
}

func connFrom(ctx context.Context) *connState {
	c, _ := ctx.Value(connKey{}).(*connState)
	return c
}

// AgreementFrom returns the handshake agreement of the connection an RPC arrived on, or nil.
func AgreementFrom(ctx context.Context) *Agreement {
	return connFrom(ctx).get()
}

// ServerOptions returns the grpc.ServerOptions that track handshakes per connection and, when
// Options.RequireHandshake is set, enforce them. Install all of them together.
func (s *Service) ServerOptions() []grpc.ServerOption {
	opts := []grpc.ServerOption{grpc.StatsHandler(connTagger{})}
	if s.opts.RequireHandshake {
		opts = append(opts,
			grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
				if err := checkHandshake(ctx, info.FullMethod); err != nil {
					return nil, err
				}
				return h(ctx, req)
			}),
			grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
				if err := checkHandshake(ss.Context(), info.FullMethod); err != nil {
					return err
				}
				return h(srv, ss)
			}),
		)
	}
	return opts
}

// ungated are the Flow RPCs allowed before a handshake.
var ungated = map[string]bool{
	"/flow.runtime.v1.RuntimeService/GetServiceInfo": true,
	"/flow.runtime.v1.RuntimeService/Handshake":      true,
}

func checkHandshake(ctx context.Context, method string) error {
	if !strings.HasPrefix(method, "/flow.") || ungated[method] {
		return nil
	}
	if AgreementFrom(ctx) == nil {
		return status.Errorf(codes.FailedPrecondition,
			"%s called before a successful flow.runtime.v1.RuntimeService/Handshake on this connection", method)
	}
	return nil
}

// connTagger is the stats handler that gives each connection its connState.
type connTagger struct{}

func (connTagger) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return context.WithValue(ctx, connKey{}, &connState{})
}
func (connTagger) HandleConn(context.Context, stats.ConnStats) {}
func (connTagger) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context {
	return ctx
}
func (connTagger) HandleRPC(context.Context, stats.RPCStats) {}
