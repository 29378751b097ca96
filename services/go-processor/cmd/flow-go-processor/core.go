package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/url"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/durationpb"

	discoveryv1 "github.com/flow-proto/flow-proto/gen/go/flow/discovery/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/discovery"
)

// How long the processor waits for core at start (first registration) and at shutdown
// (deregistration) before it gives up on it.
const (
	coreRegisterTimeout   = 10 * time.Second
	coreDeregisterTimeout = 5 * time.Second
)

// coreTarget turns --core into a gRPC target and transport credentials: http://host:port and
// a bare host:port are plaintext (h2c, as core serves by default), https://host:port is TLS
// verified against the system roots.
func coreTarget(raw string) (string, grpc.DialOption, error) {
	if !strings.Contains(raw, "://") {
		return raw, grpc.WithTransportCredentials(insecure.NewCredentials()), nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, fmt.Errorf("--core %q: %w", raw, err)
	}
	if u.Host == "" || (u.Path != "" && u.Path != "/") {
		return "", nil, fmt.Errorf("--core %q: want http://host:port, https://host:port or host:port", raw)
	}
	switch u.Scheme {
	case "http":
		return u.Host, grpc.WithTransportCredentials(insecure.NewCredentials()), nil
	case "https":
		return u.Host, grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})), nil
	}
	return "", nil, fmt.Errorf("--core %q: scheme must be http or https", raw)
}

// coreMembership is the processor's registration with core: registered once the listener is
// bound, renewed by package discovery while the processor runs, removed by leave.
type coreMembership struct {
	conn *grpc.ClientConn
	reg  *discovery.Registration
}

// joinCore registers the processor (role PROCESSOR, from its ServiceInfo) at endpoint with the
// core at target. ttl 0 asks for core's default lease.
func joinCore(ctx context.Context, target string, creds grpc.DialOption, info *runtimev1.ServiceInfo, endpoint string, ttl time.Duration, logf func(string, ...any)) (*coreMembership, error) {
	conn, err := grpc.NewClient(target, creds)
	if err != nil {
		return nil, fmt.Errorf("core %s: %w", target, err)
	}
	req := &discoveryv1.RegisterServiceRequest{
		Service:          info,
		Endpoint:         endpoint,
		ProtocolVersions: []*runtimev1.ProtocolVersion{{Major: 1, Minor: 0}},
	}
	if ttl > 0 {
		req.LeaseTtl = durationpb.New(ttl)
	}
	ctx, cancel := context.WithTimeout(ctx, coreRegisterTimeout)
	defer cancel()
	reg, err := discovery.Register(ctx, conn, req, discovery.Options{Logf: logf})
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	return &coreMembership{conn: conn, reg: reg}, nil
}

// leave deregisters (bounded by coreDeregisterTimeout: a dead core must not hold up the
// shutdown; the lease then simply expires) and closes the connection. Safe on nil.
func (m *coreMembership) leave() error {
	if m == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), coreDeregisterTimeout)
	defer cancel()
	err := m.reg.Close(ctx)
	_ = m.conn.Close()
	return err
}
