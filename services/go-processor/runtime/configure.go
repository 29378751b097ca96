package runtime

import (
	"context"
	"fmt"
	"strconv"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// Diagnostic reasons of the runtime service.
const (
	// ReasonStaleGeneration: runtime.proto's reason for a generation below the applied one.
	ReasonStaleGeneration = "STALE_GENERATION"
	// ReasonInvalidGeneration: generation 0, which cannot be told apart from "never configured".
	ReasonInvalidGeneration = "INVALID_GENERATION"
	// ReasonUnknownComponent: the request names a component this service does not provide.
	ReasonUnknownComponent = "UNKNOWN_COMPONENT"
)

// maxRememberedResults bounds the per-instance memory of answered generations.
const maxRememberedResults = 16

type configKey struct{ component, configID string }

// configState is one configured instance (component, config_id).
type configState struct {
	applied uint64
	config  *structpb.Struct
	// results holds the answer given for each generation at or above the applied one, so that
	// a retried Configure returns exactly the same result.
	results map[uint64]*runtimev1.ConfigureResponse
}

// ValidateConfig checks a configuration without applying it.
func (s *Service) ValidateConfig(_ context.Context, req *runtimev1.ValidateConfigRequest) (*runtimev1.ValidateConfigResponse, error) {
	c, ok := s.components[req.GetComponent()]
	if !ok {
		return &runtimev1.ValidateConfigResponse{Diagnostics: []*commonv1.Diagnostic{s.unknownComponent(req.GetComponent())}}, nil
	}
	return &runtimev1.ValidateConfigResponse{Diagnostics: c.Validate(req.GetConfig())}, nil
}

// Configure validates and applies a configuration, idempotently per generation.
func (s *Service) Configure(_ context.Context, req *runtimev1.ConfigureRequest) (*runtimev1.ConfigureResponse, error) {
	c, ok := s.components[req.GetComponent()]
	if !ok {
		return &runtimev1.ConfigureResponse{Diagnostics: []*commonv1.Diagnostic{s.unknownComponent(req.GetComponent())}}, nil
	}
	gen := req.GetGeneration()
	key := configKey{req.GetComponent(), req.GetConfigId()}

	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.configs[key]
	if st == nil {
		st = &configState{results: map[uint64]*runtimev1.ConfigureResponse{}}
		s.configs[key] = st
	}
	if prev, ok := st.results[gen]; ok {
		return proto.Clone(prev).(*runtimev1.ConfigureResponse), nil
	}
	if gen == 0 {
		return &runtimev1.ConfigureResponse{AppliedGeneration: st.applied, Diagnostics: []*commonv1.Diagnostic{{
			Severity: commonv1.Severity_SEVERITY_ERROR,
			Summary:  "generation must be at least 1",
			Detail:   "Generation 0 means \"never configured\" in applied_generation.",
			Reason:   ReasonInvalidGeneration,
		}}}, nil
	}
	if gen < st.applied {
		return &runtimev1.ConfigureResponse{AppliedGeneration: st.applied, Diagnostics: []*commonv1.Diagnostic{{
			Severity: commonv1.Severity_SEVERITY_ERROR,
			Summary:  fmt.Sprintf("generation %d is older than the applied generation %d", gen, st.applied),
			Reason:   ReasonStaleGeneration,
			Metadata: map[string]string{"got": strconv.FormatUint(gen, 10), "applied": strconv.FormatUint(st.applied, 10)},
		}}}, nil
	}

	diags := c.Validate(req.GetConfig())
	resp := &runtimev1.ConfigureResponse{Diagnostics: diags, AppliedGeneration: st.applied}
	if !hasError(diags) {
		st.applied = gen
		st.config = proto.Clone(req.GetConfig()).(*structpb.Struct)
		resp.AppliedGeneration = gen
		for g := range st.results {
			if g < gen {
				delete(st.results, g) // older answers can never be asked for again
			}
		}
	}
	st.results[gen] = proto.Clone(resp).(*runtimev1.ConfigureResponse)
	for len(st.results) > maxRememberedResults {
		oldest := gen
		for g := range st.results {
			oldest = min(oldest, g)
		}
		delete(st.results, oldest)
	}
	return resp, nil
}

// Applied returns the applied generation and configuration of an instance (0, nil when never
// configured).
func (s *Service) Applied(component, configID string) (uint64, *structpb.Struct) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.configs[configKey{component, configID}]
	if st == nil {
		return 0, nil
	}
	return st.applied, proto.Clone(st.config).(*structpb.Struct)
}

func hasError(diags []*commonv1.Diagnostic) bool {
	for _, d := range diags {
		switch d.GetSeverity() {
		case commonv1.Severity_SEVERITY_ERROR, commonv1.Severity_SEVERITY_UNSPECIFIED:
			return true
		}
	}
	return false
}
