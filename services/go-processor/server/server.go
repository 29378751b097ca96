// Package server assembles the go-processor gRPC server: the ProcessorService, the
// RuntimeService (with its per-connection handshake gate), standard health and reflection, the
// transport limits, and a shutdown that drains gracefully up to a hard deadline.
package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	goruntime "runtime"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/processor"
	"github.com/flow-proto/flow-proto/services/go-processor/runtime"
)

// Identity of this service in ServiceInfo.
const (
	ServiceName    = "go-processor"
	ServiceVersion = "0.1.0"
)

// Options configure the server. Zero values pick gRPC's or the packages' defaults.
type Options struct {
	Processor processor.Options
	// RequireHandshake enforces "Handshake before any Flow RPC but GetServiceInfo" per connection.
	RequireHandshake bool
	// MaxRecvMsgSize is the largest message accepted, in bytes (gRPC default 4 MiB).
	MaxRecvMsgSize int
	// MaxConcurrentStreams bounds the RPCs (so Process streams) per connection.
	MaxConcurrentStreams uint32
	// Keepalive pings idle connections; KeepalivePolicy says how often clients may ping us.
	Keepalive       keepalive.ServerParameters
	KeepalivePolicy keepalive.EnforcementPolicy
}

// Server is a ready-to-serve go-processor.
type Server struct {
	grpc    *grpc.Server
	health  *health.Server
	Runtime *runtime.Service

	stopOnce sync.Once
	done     chan struct{}
}

// New builds the server and registers every service.
func New(opts Options) (*Server, error) {
	s := &Server{health: health.NewServer(), done: make(chan struct{})}
	rt, err := runtime.New(runtime.Options{
		Info:             serviceInfo(),
		Versions:         []*runtimev1.ProtocolVersion{{Major: 1, Minor: 0}},
		RequireHandshake: opts.RequireHandshake,
		Components: []runtime.Component{{
			Name:        processor.ComponentName,
			Role:        commonv1.Role_ROLE_PROCESSOR,
			Description: processor.ComponentDescription,
			Schema:      processor.ConfigSchema(),
			Validate: func(cfg *structpb.Struct) []*commonv1.Diagnostic {
				_, diags := processor.ParseConfig(cfg)
				return diags
			},
		}},
		DescriptorFiles: []protoreflect.FileDescriptor{
			processorv1.File_flow_processor_v1_processor_proto,
			runtimev1.File_flow_runtime_v1_runtime_proto,
		},
		OnShutdown: func(grace time.Duration, _ string) { s.Shutdown(grace) },
	})
	if err != nil {
		return nil, err
	}
	s.Runtime = rt

	gopts := rt.ServerOptions()
	if opts.MaxRecvMsgSize > 0 {
		gopts = append(gopts, grpc.MaxRecvMsgSize(opts.MaxRecvMsgSize))
	}
	if opts.MaxConcurrentStreams > 0 {
		gopts = append(gopts, grpc.MaxConcurrentStreams(opts.MaxConcurrentStreams))
	}
	gopts = append(gopts, grpc.KeepaliveParams(opts.Keepalive), grpc.KeepaliveEnforcementPolicy(opts.KeepalivePolicy))
	s.grpc = grpc.NewServer(gopts...)

	processorv1.RegisterProcessorServiceServer(s.grpc, processor.NewService(opts.Processor))
	runtimev1.RegisterRuntimeServiceServer(s.grpc, rt)
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc) // v1 and v1alpha
	for _, name := range []string{"", processorv1.ProcessorService_ServiceDesc.ServiceName, runtimev1.RuntimeService_ServiceDesc.ServiceName} {
		s.health.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
	return s, nil
}

// Serve accepts connections on lis until the server stops. It returns nil after a Shutdown.
func (s *Server) Serve(lis net.Listener) error {
	err := s.grpc.Serve(lis)
	if errors.Is(err, grpc.ErrServerStopped) {
		return nil
	}
	return err
}

// Shutdown marks the server NOT_SERVING, stops taking new RPCs and lets running ones finish for
// up to grace, then cancels whatever is left. It returns at once; Done closes when all is over.
// Only the first call counts.
func (s *Server) Shutdown(grace time.Duration) {
	s.stopOnce.Do(func() {
		// Probes see NOT_SERVING first, so load balancers stop sending new streams.
		s.health.Shutdown()
		go func() {
			defer close(s.done)
			stopped := make(chan struct{})
			go func() { s.grpc.GracefulStop(); close(stopped) }()
			t := time.NewTimer(grace)
			defer t.Stop()
			select {
			case <-stopped:
			case <-t.C:
				s.grpc.Stop() // the hard deadline: cancels the remaining streams
				<-stopped
			}
		}()
	})
}

// Done is closed once the server has stopped completely.
func (s *Server) Done() <-chan struct{} { return s.done }

func serviceInfo() *runtimev1.ServiceInfo {
	manifest, err := structpb.NewStruct(map[string]any{
		"description": "Reference Flow Processor in Go: uppercases text records.",
		"go_version":  goruntime.Version(),
	})
	if err != nil {
		panic(fmt.Sprintf("server: manifest: %v", err))
	}
	return &runtimev1.ServiceInfo{
		Name:       ServiceName,
		Version:    ServiceVersion,
		Language:   "go",
		Roles:      []commonv1.Role{commonv1.Role_ROLE_PROCESSOR},
		Manifest:   manifest,
		InstanceId: newInstanceID(),
		StartTime:  timestamppb.Now(),
	}
}

// newInstanceID returns a random UUID (version 4), new at every start.
func newInstanceID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("server: reading random bytes: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
