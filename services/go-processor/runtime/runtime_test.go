package runtime

import (
	"context"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// testComponent accepts {"n": <number>} only.
func testComponent() Component {
	schema, _ := structpb.NewStruct(map[string]any{"type": "object"})
	return Component{
		Name: "thing", Role: commonv1.Role_ROLE_PROCESSOR, Schema: schema,
		Validate: func(s *structpb.Struct) []*commonv1.Diagnostic {
			var out []*commonv1.Diagnostic
			for k, v := range s.GetFields() {
				if _, ok := v.GetKind().(*structpb.Value_NumberValue); k != "n" || !ok {
					out = append(out, &commonv1.Diagnostic{Severity: commonv1.Severity_SEVERITY_ERROR, Reason: "BAD",
						Attribute: &commonv1.AttributePath{Steps: []*commonv1.AttributePath_Step{{Selector: &commonv1.AttributePath_Step_AttributeName{AttributeName: k}}}}})
				}
			}
			return out
		},
	}
}

type fixture struct {
	client   runtimev1.RuntimeServiceClient
	conn     *grpc.ClientConn
	addr     string
	shutdown chan time.Duration
}

func start(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{shutdown: make(chan time.Duration, 1)}
	svc, err := New(Options{
		Info:             &runtimev1.ServiceInfo{Name: "t", Language: "go", Roles: []commonv1.Role{commonv1.Role_ROLE_PROCESSOR}},
		Versions:         []*runtimev1.ProtocolVersion{{Major: 1, Minor: 0}, {Major: 1, Minor: 1}},
		Capabilities:     []*commonv1.Capability{{Name: "flow.a.v1"}, {Name: "flow.b.v1", Params: map[string]string{"x": "1"}}},
		Components:       []Component{testComponent()},
		DescriptorFiles:  []protoreflect.FileDescriptor{processorv1.File_flow_processor_v1_processor_proto, runtimev1.File_flow_runtime_v1_runtime_proto},
		OnShutdown:       func(g time.Duration, _ string) { f.shutdown <- g },
		RequireHandshake: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(svc.ServerOptions()...)
	runtimev1.RegisterRuntimeServiceServer(srv, svc)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	f.addr = lis.Addr().String()
	f.client, f.conn = dial(t, f.addr)
	return f
}

func dial(t *testing.T, addr string) (runtimev1.RuntimeServiceClient, *grpc.ClientConn) {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return runtimev1.NewRuntimeServiceClient(conn), conn
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

func v(major, minor uint32) *runtimev1.ProtocolVersion {
	return &runtimev1.ProtocolVersion{Major: major, Minor: minor}
}

func (f *fixture) handshake(t *testing.T) {
	t.Helper()
	resp, err := f.client.Handshake(ctx(t), &runtimev1.HandshakeRequest{SupportedVersions: []*runtimev1.ProtocolVersion{v(1, 0)}})
	if err != nil || resp.GetSelectedVersion() == nil {
		t.Fatalf("handshake: %v %v", resp, err)
	}
}

func TestHandshake(t *testing.T) {
	cases := []struct {
		name    string
		offered []*runtimev1.ProtocolVersion
		want    *runtimev1.ProtocolVersion // nil: failure expected
	}{
		{"highest common minor", []*runtimev1.ProtocolVersion{v(1, 2), v(1, 0), v(1, 1), v(2, 0)}, v(1, 1)},
		{"only the lowest", []*runtimev1.ProtocolVersion{v(1, 0)}, v(1, 0)},
		{"other major only", []*runtimev1.ProtocolVersion{v(2, 0), v(2, 1)}, nil},
		{"minor the service lacks", []*runtimev1.ProtocolVersion{v(1, 5)}, nil},
		{"nothing offered", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t)
			resp, err := f.client.Handshake(ctx(t), &runtimev1.HandshakeRequest{SupportedVersions: tc.offered, CoreVersion: "2.3.0"})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.GetServerSupportedVersions()) != 2 || len(resp.GetServerCapabilities()) != 2 {
				t.Errorf("response must list the service's versions and capabilities: %v", resp)
			}
			if tc.want == nil {
				fl := resp.GetFailure()
				if fl == nil || fl.GetType() != FailureVersionUnsupported || !fl.GetNonRetryable() || resp.GetSelectedVersion() != nil {
					t.Fatalf("want a non-retryable %s failure, got %v", FailureVersionUnsupported, resp)
				}
				return
			}
			if !proto.Equal(resp.GetSelectedVersion(), tc.want) {
				t.Fatalf("selected %v, want %v", resp.GetSelectedVersion(), tc.want)
			}
		})
	}
}

func TestNegotiateCapabilitiesIntersection(t *testing.T) {
	server := []*commonv1.Capability{{Name: "flow.a.v1"}, {Name: "flow.b.v1", Params: map[string]string{"x": "1"}}}
	a, ok := Negotiate([]*runtimev1.ProtocolVersion{v(1, 0)}, server, &runtimev1.HandshakeRequest{
		SupportedVersions:  []*runtimev1.ProtocolVersion{v(1, 0)},
		ClientCapabilities: []*commonv1.Capability{{Name: "flow.b.v1"}, {Name: "flow.c.v1"}},
	})
	if !ok || len(a.Capabilities) != 1 || a.Capabilities[0].GetName() != "flow.b.v1" || a.Capabilities[0].GetParams()["x"] != "1" {
		t.Fatalf("agreement %+v, want only flow.b.v1 with the service's params", a)
	}
}

// runtime.proto: FAILED_PRECONDITION for any RPC but GetServiceInfo before a successful
// Handshake, per connection; a failed handshake replaces (clears) the agreement.
func TestHandshakeGate(t *testing.T) {
	f := start(t)
	if _, err := f.client.GetServiceInfo(ctx(t), &runtimev1.GetServiceInfoRequest{}); err != nil {
		t.Fatalf("GetServiceInfo must work before the handshake: %v", err)
	}
	if _, err := f.client.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("GetSchema before handshake: %v, want FailedPrecondition", err)
	}
	f.handshake(t)
	if _, err := f.client.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{}); err != nil {
		t.Fatalf("GetSchema after handshake: %v", err)
	}
	other, _ := dial(t, f.addr)
	if _, err := other.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("another connection must handshake itself: %v", err)
	}
	if _, err := f.client.Handshake(ctx(t), &runtimev1.HandshakeRequest{SupportedVersions: []*runtimev1.ProtocolVersion{v(9, 0)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("a failed handshake must clear the agreement: %v", err)
	}
}

func TestGetSchema(t *testing.T) {
	f := start(t)
	f.handshake(t)
	resp, err := f.client.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{Components: []string{"thing"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetComponents()) != 1 || resp.GetComponents()[0].GetName() != "thing" ||
		resp.GetComponents()[0].GetConfigSchema().GetFields()["type"].GetStringValue() != "object" {
		t.Fatalf("components %v", resp.GetComponents())
	}
	set := &descriptorpb.FileDescriptorSet{}
	if err := proto.Unmarshal(resp.GetFileDescriptorSet(), set); err != nil {
		t.Fatal(err)
	}
	files, err := protodesc.NewFiles(set) // fails if a dependency is missing
	if err != nil {
		t.Fatalf("descriptor set is not self-contained: %v", err)
	}
	for _, name := range []protoreflect.FullName{"flow.processor.v1.ProcessorService", "flow.runtime.v1.RuntimeService", "flow.common.v1.RecordBatch", "google.protobuf.Struct"} {
		if _, err := files.FindDescriptorByName(name); err != nil {
			t.Errorf("descriptor set lacks %s: %v", name, err)
		}
	}
	if _, err := f.client.GetSchema(ctx(t), &runtimev1.GetSchemaRequest{Components: []string{"nope"}}); status.Code(err) != codes.NotFound {
		t.Fatalf("unknown component: %v, want NotFound", err)
	}
}

func cfg(t *testing.T, m map[string]any) *structpb.Struct {
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestValidateConfig(t *testing.T) {
	f := start(t)
	f.handshake(t)
	resp, err := f.client.ValidateConfig(ctx(t), &runtimev1.ValidateConfigRequest{Component: "thing", Config: cfg(t, map[string]any{"n": 1.0, "bad": "x"})})
	if err != nil {
		t.Fatal(err)
	}
	if d := resp.GetDiagnostics(); len(d) != 1 || d[0].GetAttribute().GetSteps()[0].GetAttributeName() != "bad" {
		t.Fatalf("diagnostics %v, want one on attribute bad", d)
	}
	resp, err = f.client.ValidateConfig(ctx(t), &runtimev1.ValidateConfigRequest{Component: "ghost"})
	if err != nil || len(resp.GetDiagnostics()) != 1 || resp.GetDiagnostics()[0].GetReason() != ReasonUnknownComponent {
		t.Fatalf("unknown component: %v %v", resp, err)
	}
}

func TestConfigureIsIdempotentPerGeneration(t *testing.T) {
	f := start(t)
	f.handshake(t)
	good, bad := cfg(t, map[string]any{"n": 1.0}), cfg(t, map[string]any{"bad": true})
	configure := func(gen uint64, c *structpb.Struct) *runtimev1.ConfigureResponse {
		t.Helper()
		resp, err := f.client.Configure(ctx(t), &runtimev1.ConfigureRequest{Component: "thing", Generation: gen, Config: c, ConfigId: "node-1"})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	steps := []struct {
		gen     uint64
		c       *structpb.Struct
		applied uint64
		reason  string // "" means no diagnostics
	}{
		{1, good, 1, ""},
		{1, bad, 1, ""}, // same generation: the same result, the new config is ignored
		{2, bad, 1, "BAD"},
		{2, good, 1, "BAD"}, // the retry returns the first answer for generation 2
		{3, good, 3, ""},
		{2, good, 3, ReasonStaleGeneration},
		{0, good, 3, ReasonInvalidGeneration},
	}
	for i, s := range steps {
		resp := configure(s.gen, s.c)
		if resp.GetAppliedGeneration() != s.applied {
			t.Fatalf("step %d: applied %d, want %d", i, resp.GetAppliedGeneration(), s.applied)
		}
		if s.reason == "" && len(resp.GetDiagnostics()) != 0 || s.reason != "" && (len(resp.GetDiagnostics()) != 1 || resp.GetDiagnostics()[0].GetReason() != s.reason) {
			t.Fatalf("step %d: diagnostics %v, want reason %q", i, resp.GetDiagnostics(), s.reason)
		}
	}
	// Generations are per (component, config_id): another instance starts from scratch.
	resp, err := f.client.Configure(ctx(t), &runtimev1.ConfigureRequest{Component: "thing", Generation: 1, Config: good})
	if err != nil || resp.GetAppliedGeneration() != 1 {
		t.Fatalf("default instance: %v %v", resp, err)
	}
}

func TestShutdown(t *testing.T) {
	f := start(t)
	f.handshake(t)
	if _, err := f.client.Shutdown(ctx(t), &runtimev1.ShutdownRequest{GracePeriod: durationpb.New(-time.Second)}); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("negative grace: %v", err)
	}
	if _, err := f.client.Shutdown(ctx(t), &runtimev1.ShutdownRequest{GracePeriod: durationpb.New(3 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.Shutdown(ctx(t), &runtimev1.ShutdownRequest{}); err != nil {
		t.Fatal(err)
	}
	if g := <-f.shutdown; g != 3*time.Second {
		t.Fatalf("grace %v", g)
	}
	select {
	case g := <-f.shutdown:
		t.Fatalf("OnShutdown called twice (%v)", g)
	default:
	}
}
