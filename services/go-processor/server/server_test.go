package server

import (
	"context"
	"net"
	"sort"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionv1 "google.golang.org/grpc/reflection/grpc_reflection_v1"
	reflectionv1alpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/processor"
)

func start(t *testing.T) (*Server, *grpc.ClientConn) {
	t.Helper()
	srv, err := New(Options{RequireHandshake: true})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(func() { srv.Shutdown(0); <-srv.Done() })
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return srv, conn
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestHealthServing(t *testing.T) {
	_, conn := start(t)
	h := healthpb.NewHealthClient(conn)
	for _, svc := range []string{"", "flow.processor.v1.ProcessorService", "flow.runtime.v1.RuntimeService"} {
		resp, err := h.Check(ctx(t), &healthpb.HealthCheckRequest{Service: svc})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("health %q: %v %v, want SERVING", svc, resp, err)
		}
	}
}

func TestReflectionListsServices(t *testing.T) {
	_, conn := start(t)
	want := []string{"flow.processor.v1.ProcessorService", "flow.runtime.v1.RuntimeService", "grpc.health.v1.Health",
		"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"}

	v1, err := reflectionv1.NewServerReflectionClient(conn).ServerReflectionInfo(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := v1.Send(&reflectionv1.ServerReflectionRequest{MessageRequest: &reflectionv1.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	resp, err := v1.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		got = append(got, s.GetName())
	}
	sort.Strings(got)
	if len(got) != len(want) {
		t.Fatalf("v1 reflection lists %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("v1 reflection lists %v, want %v", got, want)
		}
	}

	alpha, err := reflectionv1alpha.NewServerReflectionClient(conn).ServerReflectionInfo(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := alpha.Send(&reflectionv1alpha.ServerReflectionRequest{MessageRequest: &reflectionv1alpha.ServerReflectionRequest_FileContainingSymbol{
		FileContainingSymbol: "flow.processor.v1.ProcessorService"}}); err != nil {
		t.Fatal(err)
	}
	aresp, err := alpha.Recv()
	if err != nil || len(aresp.GetFileDescriptorResponse().GetFileDescriptorProto()) == 0 {
		t.Fatalf("v1alpha reflection cannot resolve the processor service: %v %v", aresp, err)
	}
}

func TestServiceInfo(t *testing.T) {
	_, conn := start(t)
	resp, err := runtimev1.NewRuntimeServiceClient(conn).GetServiceInfo(ctx(t), &runtimev1.GetServiceInfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	info := resp.GetInfo()
	if info.GetLanguage() != "go" || len(info.GetRoles()) != 1 || info.GetRoles()[0] != commonv1.Role_ROLE_PROCESSOR ||
		info.GetName() != ServiceName || len(info.GetInstanceId()) != 36 {
		t.Fatalf("service info %v", info)
	}
}

func handshake(t *testing.T, conn *grpc.ClientConn) {
	t.Helper()
	resp, err := runtimev1.NewRuntimeServiceClient(conn).Handshake(ctx(t), &runtimev1.HandshakeRequest{
		SupportedVersions: []*runtimev1.ProtocolVersion{{Major: 1, Minor: 0}}})
	if err != nil || resp.GetSelectedVersion().GetMajor() != 1 {
		t.Fatalf("handshake %v %v", resp, err)
	}
}

func TestProcessNeedsHandshake(t *testing.T) {
	_, conn := start(t)
	stream, err := processorv1.NewProcessorServiceClient(conn).Process(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("Process before handshake: %v, want FailedPrecondition", err)
	}
}

// Shutdown: NOT_SERVING at once, then a stream that never drains is cut at the grace period.
func TestShutdownDeadline(t *testing.T) {
	srv, conn := start(t)
	handshake(t, conn)
	stream, err := processorv1.NewProcessorServiceClient(conn).Process(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&processorv1.ProcessRequest{InstructionId: "i", Kind: &processorv1.ProcessRequest_Start{
		Start: &processorv1.ProcessStart{Component: processor.ComponentName}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil { // the input credit grant: the stream is running
		t.Fatal(err)
	}
	began := time.Now()
	if _, err := runtimev1.NewRuntimeServiceClient(conn).Shutdown(ctx(t), &runtimev1.ShutdownRequest{
		GracePeriod: durationpb.New(300 * time.Millisecond), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-srv.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop after its grace period")
	}
	if elapsed := time.Since(began); elapsed < 250*time.Millisecond {
		t.Fatalf("stopped after %v: the open stream should have had its grace period", elapsed)
	}
	for {
		if _, err := stream.Recv(); err != nil {
			if status.Code(err) == codes.OK {
				t.Fatalf("stream ended cleanly; want it cut by the hard deadline")
			}
			break
		}
	}
}
