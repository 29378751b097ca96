package runtime

import (
	"context"
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// GetSchema returns the components' schemas (all, or those asked for) and the descriptor set.
// An unknown name is a caller error (NOT_FOUND naming the known components) rather than a silent
// omission, so that a typo does not look like "component has no schema".
func (s *Service) GetSchema(_ context.Context, req *runtimev1.GetSchemaRequest) (*runtimev1.GetSchemaResponse, error) {
	want := map[string]bool{}
	for _, name := range req.GetComponents() {
		if _, ok := s.components[name]; !ok {
			return nil, status.Errorf(codes.NotFound, "unknown component %q; this service provides: %s", name, s.componentNames())
		}
		want[name] = true
	}
	resp := &runtimev1.GetSchemaResponse{FileDescriptorSet: s.fdset}
	for i := range s.opts.Components {
		c := &s.opts.Components[i]
		if len(want) > 0 && !want[c.Name] {
			continue
		}
		cs := &runtimev1.ComponentSchema{
			Name:         c.Name,
			Role:         c.Role,
			ConfigSchema: c.Schema,
			Description:  c.Description,
			Capabilities: c.Capabilities,
		}
		cs.SensitivePaths = c.SensitivePaths
		resp.Components = append(resp.Components, proto.Clone(cs).(*runtimev1.ComponentSchema))
	}
	return resp, nil
}

func (s *Service) componentNames() string {
	names := make([]string, len(s.opts.Components))
	for i, c := range s.opts.Components {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// FileDescriptorSet serializes the given files and, transitively, everything they import, each
// once and dependencies first (the order protoc's --include_imports uses, which descriptor
// pools that build files one by one need).
func FileDescriptorSet(files ...protoreflect.FileDescriptor) ([]byte, error) {
	if len(files) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	set := &descriptorpb.FileDescriptorSet{}
	var visit func(fd protoreflect.FileDescriptor)
	visit = func(fd protoreflect.FileDescriptor) {
		if seen[fd.Path()] {
			return
		}
		seen[fd.Path()] = true
		imports := fd.Imports()
		for i := 0; i < imports.Len(); i++ {
			visit(imports.Get(i).FileDescriptor)
		}
		set.File = append(set.File, protodesc.ToFileDescriptorProto(fd))
	}
	for _, fd := range files {
		visit(fd)
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("runtime: serializing the descriptor set: %w", err)
	}
	return b, nil
}

// unknownComponent is the diagnostic for a component name the service does not provide.
func (s *Service) unknownComponent(name string) *commonv1.Diagnostic {
	return &commonv1.Diagnostic{
		Severity: commonv1.Severity_SEVERITY_ERROR,
		Summary:  fmt.Sprintf("unknown component %q", name),
		Detail:   "This service provides: " + s.componentNames() + ".",
		Reason:   ReasonUnknownComponent,
		Metadata: map[string]string{"component": name},
	}
}
