package main

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/durationpb"

	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// The binary's contract with whoever starts it: "listening on <addr>" once it serves, and a clean
// exit (code 0) after RuntimeService.Shutdown.
func TestRunAnnouncesAddressAndStopsOnShutdown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, w := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"--listen", "127.0.0.1:0", "--max-concurrent-streams", "8"}, w, io.Discard)
		_ = w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("first line %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health: %v %v", resp, err)
	}
	rt := runtimev1.NewRuntimeServiceClient(conn)
	if _, err := rt.Handshake(ctx, &runtimev1.HandshakeRequest{SupportedVersions: []*runtimev1.ProtocolVersion{{Major: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Shutdown(ctx, &runtimev1.ShutdownRequest{GracePeriod: durationpb.New(time.Second)}); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit code %d", c)
		}
	case <-ctx.Done():
		t.Fatal("run did not return after Shutdown")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--no-such-flag"}, {"extra"}, {"--input-buffer-records", "0"}, {"--listen", "256.0.0.1:0"}} {
		if c := run(context.Background(), args, io.Discard, io.Discard); c == 0 {
			t.Errorf("run(%v) = 0, want an error exit", args)
		}
	}
}
