// Package runtime implements flow.runtime.v1.RuntimeService for a Flow service: service info,
// version and capability negotiation (handshake.go), schemas and descriptors (schema.go),
// validation and generation-based configuration (configure.go), shutdown, and the per-connection
// "handshake first" rule (gate.go). It knows nothing about what the components do: they are
// described by Component values.
package runtime

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// DefaultShutdownGrace is used when ShutdownRequest.grace_period is unset (the SDKs use 30s).
const DefaultShutdownGrace = 30 * time.Second

// Component describes one configurable component of the service.
type Component struct {
	Name        string
	Role        commonv1.Role
	Description string
	// Schema is the configuration's JSON Schema as a Struct.
	Schema         *structpb.Struct
	SensitivePaths []*commonv1.AttributePath
	Capabilities   []*commonv1.Capability
	// Validate checks a configuration; it must be side-effect free. Any ERROR (or UNSPECIFIED)
	// diagnostic makes the configuration invalid.
	Validate func(*structpb.Struct) []*commonv1.Diagnostic
}

// Options configure the RuntimeService.
type Options struct {
	// Info is returned by GetServiceInfo (cloned; never modified).
	Info *runtimev1.ServiceInfo
	// Versions are the protocol versions the service speaks. Default: 1.0.
	Versions []*runtimev1.ProtocolVersion
	// Capabilities are the service-wide optional features offered in the handshake.
	Capabilities []*commonv1.Capability
	// Components, in display order.
	Components []Component
	// DescriptorFiles are the service's protobuf files; GetSchema returns them with all their
	// dependencies as a FileDescriptorSet.
	DescriptorFiles []protoreflect.FileDescriptor
	// OnShutdown starts stopping the server; it must not block. Called at most once.
	OnShutdown func(grace time.Duration, reason string)
	// RequireHandshake makes every Flow RPC but GetServiceInfo and Handshake fail with
	// FAILED_PRECONDITION on a connection that has no successful handshake (see gate.go).
	RequireHandshake bool
}

// Service implements flow.runtime.v1.RuntimeService.
type Service struct {
	runtimev1.UnimplementedRuntimeServiceServer
	opts       Options
	components map[string]*Component
	fdset      []byte

	mu      sync.Mutex
	configs map[configKey]*configState

	shutdownOnce sync.Once
}

// New checks the options and builds the service.
func New(opts Options) (*Service, error) {
	if opts.Info == nil {
		return nil, errors.New("runtime: Options.Info is required")
	}
	if len(opts.Versions) == 0 {
		opts.Versions = []*runtimev1.ProtocolVersion{{Major: 1, Minor: 0}}
	}
	s := &Service{opts: opts, components: map[string]*Component{}, configs: map[configKey]*configState{}}
	for i := range opts.Components {
		c := &opts.Components[i]
		if c.Name == "" || c.Validate == nil || c.Schema == nil {
			return nil, fmt.Errorf("runtime: component %d needs a name, a schema and a Validate func", i)
		}
		if _, dup := s.components[c.Name]; dup {
			return nil, fmt.Errorf("runtime: component %q listed twice", c.Name)
		}
		s.components[c.Name] = c
	}
	fdset, err := FileDescriptorSet(opts.DescriptorFiles...)
	if err != nil {
		return nil, err
	}
	s.fdset = fdset
	return s, nil
}

// GetServiceInfo returns who the service is. Cheap and allowed before the handshake.
func (s *Service) GetServiceInfo(context.Context, *runtimev1.GetServiceInfoRequest) (*runtimev1.GetServiceInfoResponse, error) {
	return &runtimev1.GetServiceInfoResponse{Info: proto.Clone(s.opts.Info).(*runtimev1.ServiceInfo)}, nil
}

// Shutdown starts stopping the service and answers at once, as runtime.proto asks: core then
// watches health and the open streams. Later calls are acknowledged but change nothing: the
// first grace period stands.
func (s *Service) Shutdown(_ context.Context, req *runtimev1.ShutdownRequest) (*runtimev1.ShutdownResponse, error) {
	grace := DefaultShutdownGrace
	if g := req.GetGracePeriod(); g != nil {
		if err := g.CheckValid(); err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "grace_period: %v", err)
		}
		if g.AsDuration() < 0 {
			return nil, status.Error(codes.InvalidArgument, "grace_period must not be negative")
		}
		grace = g.AsDuration()
	}
	s.shutdownOnce.Do(func() {
		if s.opts.OnShutdown != nil {
			s.opts.OnShutdown(grace, req.GetReason())
		}
	})
	return &runtimev1.ShutdownResponse{}, nil
}
