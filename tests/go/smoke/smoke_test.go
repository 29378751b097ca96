// Package smoke checks that the generated Go code (gen/go) works end to end with the real
// protobuf and gRPC runtimes: binary and canonical JSON round trips, oneofs, Any, unknown-field
// tolerance and a gRPC call over loopback. It catches generator or dependency drift that a
// plain `go build` would not.
package smoke

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
	framev1 "github.com/flow-proto/flow-proto/gen/go/flow/frame/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// sampleTask fills the kinds of field a worker actually reads: well-known types, a nested
// message with a bytes map, a map of strings and repeated fields.
func sampleTask() *executionv1.Task {
	return &executionv1.Task{
		TaskId:           "task-1",
		ExecutionId:      "exec-1",
		Handler:          "resize_image",
		Attempt:          2,
		Deadline:         timestamppb.New(time.Date(2025, 1, 2, 3, 4, 5, 600_000_000, time.UTC)),
		HeartbeatTimeout: durationpb.New(30 * time.Second),
		Input: &commonv1.Payload{
			Metadata: map[string][]byte{"encoding": []byte("json/plain")},
			Data:     []byte(`{"width":640}`),
		},
		RetryPolicy: &commonv1.RetryPolicy{
			InitialInterval:          durationpb.New(time.Second),
			BackoffCoefficient:       2,
			MaximumInterval:          durationpb.New(time.Minute),
			MaximumAttempts:          5,
			NonRetryableFailureTypes: []string{"invalid_input"},
		},
		Headers:   map[string]string{"tenant": "acme", "request-id": "r-42"},
		TaskToken: []byte{0x00, 0xff, 0x10},
		Queue:     "gpu",
	}
}

// binaryRoundTrip marshals m, unmarshals into a fresh message of the same type and fails unless
// the result is proto.Equal to m.
func binaryRoundTrip(t *testing.T, m proto.Message) {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatalf("proto.Marshal: %v", err)
	}
	got := m.ProtoReflect().New().Interface()
	if err := proto.Unmarshal(b, got); err != nil {
		t.Fatalf("proto.Unmarshal: %v", err)
	}
	if !proto.Equal(m, got) {
		t.Fatalf("binary round trip changed the message:\n got: %v\nwant: %v", got, m)
	}
}

// jsonRoundTrip does the same through protojson and returns the JSON for further checks.
func jsonRoundTrip(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := protojson.Marshal(m)
	if err != nil {
		t.Fatalf("protojson.Marshal: %v", err)
	}
	got := m.ProtoReflect().New().Interface()
	if err := protojson.Unmarshal(b, got); err != nil {
		t.Fatalf("protojson.Unmarshal(%s): %v", b, err)
	}
	if !proto.Equal(m, got) {
		t.Fatalf("JSON round trip changed the message:\n got: %v\nwant: %v\njson: %s", got, m, b)
	}
	return b
}

// decodeJSON parses protojson output generically, so assertions look at the wire format rather
// than at what protojson decodes back.
func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", b, err)
	}
	return v
}

func TestRoundTrips(t *testing.T) {
	tests := []struct {
		name string
		msg  proto.Message
	}{
		{"Task", sampleTask()},
		{"RecordBatch", &commonv1.RecordBatch{
			BatchId: 1 << 60,
			Stream:  "users",
			Records: []*commonv1.Record{{Key: []byte("k1"), Value: &commonv1.Payload{Data: []byte("v1")}}},
		}},
		{"Diagnostic", &commonv1.Diagnostic{Severity: commonv1.Severity_SEVERITY_WARNING, Summary: "slow"}},
		{"OutcomeHandlerNotFound", &commonv1.Outcome{
			Outcome: &commonv1.Outcome_HandlerNotFound_{HandlerNotFound: &commonv1.Outcome_HandlerNotFound{
				Handler:           "missing",
				AvailableHandlers: []string{"a", "b"},
			}},
		}},
		{"OutcomeSuccess", &commonv1.Outcome{
			Outcome: &commonv1.Outcome_Success_{Success: &commonv1.Outcome_Success{
				Result: &commonv1.Payload{Data: []byte("ok")},
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/binary", func(t *testing.T) { binaryRoundTrip(t, tt.msg) })
		t.Run(tt.name+"/json", func(t *testing.T) { jsonRoundTrip(t, tt.msg) })
	}
}

// TestCanonicalJSON pins the proto3 JSON mapping facts that other languages (TypeScript, Rust)
// rely on when they read what Go writes.
func TestCanonicalJSON(t *testing.T) {
	t.Run("uint64 as string", func(t *testing.T) {
		// 2^60 does not fit a float64 exactly, which is why the mapping uses strings.
		v := decodeJSON(t, jsonRoundTrip(t, &commonv1.RecordBatch{BatchId: 1 << 60}))
		if got, want := v["batchId"], "1152921504606846976"; got != want {
			t.Errorf("batchId = %#v, want string %q", got, want)
		}
	})
	t.Run("bytes as base64 and timestamp in UTC", func(t *testing.T) {
		task := sampleTask()
		v := decodeJSON(t, jsonRoundTrip(t, task))
		token, ok := v["taskToken"].(string)
		if !ok {
			t.Fatalf("taskToken = %#v, want a string", v["taskToken"])
		}
		if want := base64.StdEncoding.EncodeToString(task.GetTaskToken()); token != want {
			t.Errorf("taskToken = %q, want %q", token, want)
		}
		deadline, ok := v["deadline"].(string)
		if !ok || !strings.HasSuffix(deadline, "Z") {
			t.Errorf("deadline = %#v, want an RFC 3339 string ending in Z", v["deadline"])
		}
		if got, want := v["heartbeatTimeout"], "30s"; got != want {
			t.Errorf("heartbeatTimeout = %#v, want %q", got, want)
		}
	})
	t.Run("enum by name", func(t *testing.T) {
		v := decodeJSON(t, jsonRoundTrip(t, &commonv1.Diagnostic{Severity: commonv1.Severity_SEVERITY_ERROR}))
		if got, want := v["severity"], "SEVERITY_ERROR"; got != want {
			t.Errorf("severity = %#v, want %q", got, want)
		}
	})
	t.Run("oneof case by field name", func(t *testing.T) {
		o := &commonv1.Outcome{Outcome: &commonv1.Outcome_HandlerNotFound_{
			HandlerNotFound: &commonv1.Outcome_HandlerNotFound{Handler: "missing"},
		}}
		v := decodeJSON(t, jsonRoundTrip(t, o))
		hnf, ok := v["handlerNotFound"].(map[string]any)
		if !ok || hnf["handler"] != "missing" {
			t.Errorf("json = %v, want handlerNotFound.handler = missing", v)
		}
	})
}

func TestOutcomeOneof(t *testing.T) {
	in := &commonv1.Outcome{Outcome: &commonv1.Outcome_HandlerNotFound_{
		HandlerNotFound: &commonv1.Outcome_HandlerNotFound{Handler: "missing", AvailableHandlers: []string{"a"}},
	}}
	b, err := proto.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out commonv1.Outcome
	if err := proto.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	// The case must survive, not only the contents: a worker switches on it.
	hnf, ok := out.GetOutcome().(*commonv1.Outcome_HandlerNotFound_)
	if !ok {
		t.Fatalf("outcome case = %T, want *Outcome_HandlerNotFound_", out.GetOutcome())
	}
	if got := hnf.HandlerNotFound.GetHandler(); got != "missing" {
		t.Errorf("handler = %q, want %q", got, "missing")
	}
	if out.GetSuccess() != nil || out.GetFailure() != nil {
		t.Error("other oneof cases are set")
	}
}

// TestFrameAny checks that a tunneled message in Frame.message resolves through the global
// registry, which the generated packages populate on import.
func TestFrameAny(t *testing.T) {
	payload := &commonv1.Payload{Metadata: map[string][]byte{"encoding": []byte("text/plain")}, Data: []byte("hi")}
	packed, err := anypb.New(payload)
	if err != nil {
		t.Fatalf("anypb.New: %v", err)
	}
	frame := &framev1.Frame{StreamId: "c1", Seq: 1, Body: &framev1.Frame_Message{Message: packed}}

	binaryRoundTrip(t, frame)
	v := decodeJSON(t, jsonRoundTrip(t, frame))
	msg, ok := v["message"].(map[string]any)
	if !ok {
		t.Fatalf("json = %v, want a message object", v)
	}
	if got, want := msg["@type"], "type.googleapis.com/flow.common.v1.Payload"; got != want {
		t.Errorf("@type = %#v, want %q", got, want)
	}

	var unpacked commonv1.Payload
	if err := frame.GetMessage().UnmarshalTo(&unpacked); err != nil {
		t.Fatalf("UnmarshalTo: %v", err)
	}
	if !proto.Equal(&unpacked, payload) {
		t.Errorf("unpacked = %v, want %v", &unpacked, payload)
	}
}

// TestUnknownFields models an old reader receiving data from a newer writer: binary must keep
// unknown fields (so a proxy does not drop them), JSON must reject them unless asked not to.
func TestUnknownFields(t *testing.T) {
	t.Run("binary keeps them", func(t *testing.T) {
		b, err := proto.Marshal(&commonv1.Payload{Data: []byte("x")})
		if err != nil {
			t.Fatal(err)
		}
		unknown := protowire.AppendVarint(protowire.AppendTag(nil, 1000, protowire.VarintType), 7)
		b = append(b, unknown...)

		var p commonv1.Payload
		if err := proto.Unmarshal(b, &p); err != nil {
			t.Fatalf("Unmarshal with an unknown field: %v", err)
		}
		if got := p.ProtoReflect().GetUnknown(); string(got) != string(unknown) {
			t.Errorf("unknown bytes = %x, want %x", got, unknown)
		}
		again, err := proto.Marshal(&p)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(b) {
			t.Errorf("re-marshalled = %x, want %x", again, b)
		}
	})

	t.Run("json", func(t *testing.T) {
		in := []byte(`{"data":"AA==","futureField":1}`)
		tests := []struct {
			name    string
			opts    protojson.UnmarshalOptions
			wantErr bool
		}{
			{"strict by default", protojson.UnmarshalOptions{}, true},
			{"DiscardUnknown", protojson.UnmarshalOptions{DiscardUnknown: true}, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var p commonv1.Payload
				err := tt.opts.Unmarshal(in, &p)
				if (err != nil) != tt.wantErr {
					t.Fatalf("Unmarshal error = %v, wantErr %v", err, tt.wantErr)
				}
				if err == nil && string(p.GetData()) != "\x00" {
					t.Errorf("data = %x, want 00", p.GetData())
				}
			})
		}
	})
}

// runtimeServer implements only GetServiceInfo; the embedded Unimplemented server answers the
// rest, as a real service built against an older contract would.
type runtimeServer struct {
	runtimev1.UnimplementedRuntimeServiceServer
}

func (runtimeServer) GetServiceInfo(context.Context, *runtimev1.GetServiceInfoRequest) (*runtimev1.GetServiceInfoResponse, error) {
	return &runtimev1.GetServiceInfoResponse{Info: &runtimev1.ServiceInfo{
		Name:     "smoke-service",
		Version:  "1.0.0",
		Language: "go",
		Roles:    []commonv1.Role{commonv1.Role_ROLE_WORKER},
	}}, nil
}

// startRuntime serves runtimeServer on a loopback TCP port (a real socket, not bufconn, so the
// HTTP/2 transport is exercised) and returns a connected client.
func startRuntime(t *testing.T) runtimev1.RuntimeServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv := grpc.NewServer()
	runtimev1.RegisterRuntimeServiceServer(srv, runtimeServer{})
	go func() { _ = srv.Serve(lis) }() // Serve returns when Stop is called.
	t.Cleanup(srv.Stop)

	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("grpc.NewClient: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return runtimev1.NewRuntimeServiceClient(conn)
}

func TestGRPCLoopback(t *testing.T) {
	client := startRuntime(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)

	t.Run("GetServiceInfo", func(t *testing.T) {
		resp, err := client.GetServiceInfo(ctx, &runtimev1.GetServiceInfoRequest{})
		if err != nil {
			t.Fatalf("GetServiceInfo: %v", err)
		}
		info := resp.GetInfo()
		if info.GetName() != "smoke-service" || info.GetLanguage() != "go" {
			t.Errorf("info = %v, want name smoke-service, language go", info)
		}
		if roles := info.GetRoles(); len(roles) != 1 || roles[0] != commonv1.Role_ROLE_WORKER {
			t.Errorf("roles = %v, want [ROLE_WORKER]", roles)
		}
	})
	t.Run("Shutdown is unimplemented", func(t *testing.T) {
		_, err := client.Shutdown(ctx, &runtimev1.ShutdownRequest{Reason: "test"})
		if got := status.Code(err); got != codes.Unimplemented {
			t.Errorf("Shutdown code = %v (err %v), want %v", got, err, codes.Unimplemented)
		}
	})
}
