// Package processor is the reference Flow Processor: a small, observable record transform
// (config.go, transform.go) and the `flow.processor.v1.ProcessorService.Process` stream protocol
// that drives it (credit.go, stream.go, service.go).
package processor

import (
	"fmt"
	"sort"

	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// ComponentName is the only component this service provides (`ComponentSchema.name`).
const ComponentName = "text_case"

// ComponentDescription is shown in core's catalog.
const ComponentDescription = "Uppercases the text of `text/plain` and `json/plain` records " +
	"(string values only for JSON) and tags each with `processed_by=go-processor`; " +
	"`passthrough` mode forwards records unchanged."

// Mode selects what the transform does to each record.
type Mode string

const (
	// ModeUppercase uppercases text payloads and tags records (the default).
	ModeUppercase Mode = "uppercase"
	// ModePassthrough forwards every record untouched: useful to measure protocol overhead.
	ModePassthrough Mode = "passthrough"
)

// Config is the parsed component configuration.
type Config struct {
	Mode Mode
}

// Diagnostic reasons this component reports. UPPER_SNAKE_CASE as diagnostic.proto asks.
const (
	ReasonUnknownAttribute = "UNKNOWN_ATTRIBUTE"
	ReasonInvalidType      = "INVALID_TYPE"
	ReasonInvalidValue     = "INVALID_VALUE"
)

var modes = []Mode{ModeUppercase, ModePassthrough}

// ConfigSchema returns the configuration's JSON Schema (draft 2020-12) as a Struct, the form
// `ComponentSchema.config_schema` carries. It mirrors what ParseConfig enforces.
func ConfigSchema() *structpb.Struct {
	enum := make([]any, len(modes))
	for i, m := range modes {
		enum[i] = string(m)
	}
	s, err := structpb.NewStruct(map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                ComponentName,
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"mode": map[string]any{
				"type":        "string",
				"enum":        enum,
				"default":     string(ModeUppercase),
				"description": "uppercase: uppercase text payloads and tag records; passthrough: forward records unchanged.",
			},
		},
	})
	if err != nil {
		// The literal above only holds JSON-compatible values; failing here is a programming error.
		panic(fmt.Sprintf("processor: building config schema: %v", err))
	}
	return s
}

// ParseConfig checks a configuration and returns it parsed. Every problem becomes a diagnostic
// pointing at its attribute, so that one call reports them all; the Config is only meaningful
// when no diagnostic has severity ERROR. A nil Struct is the empty configuration (all defaults).
func ParseConfig(s *structpb.Struct) (Config, []*commonv1.Diagnostic) {
	cfg := Config{Mode: ModeUppercase}
	var diags []*commonv1.Diagnostic
	fields := s.GetFields()
	// Sorted so that diagnostics come out in a stable order (maps iterate randomly).
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := fields[name]
		switch name {
		case "mode":
			str, ok := v.GetKind().(*structpb.Value_StringValue)
			if !ok {
				diags = append(diags, errorAt(name, ReasonInvalidType,
					"mode must be a string", map[string]string{"expected": "string"}))
				continue
			}
			m := Mode(str.StringValue)
			if !validMode(m) {
				diags = append(diags, errorAt(name, ReasonInvalidValue,
					fmt.Sprintf("mode %q is not one of uppercase, passthrough", str.StringValue),
					map[string]string{"got": str.StringValue, "allowed": "uppercase,passthrough"}))
				continue
			}
			cfg.Mode = m
		default:
			diags = append(diags, errorAt(name, ReasonUnknownAttribute,
				fmt.Sprintf("unknown attribute %q", name), nil))
		}
	}
	return cfg, diags
}

func validMode(m Mode) bool {
	for _, known := range modes {
		if m == known {
			return true
		}
	}
	return false
}

// HasError reports whether any diagnostic makes the request fail. UNSPECIFIED counts as ERROR,
// as diagnostic.proto requires.
func HasError(diags []*commonv1.Diagnostic) bool {
	for _, d := range diags {
		switch d.GetSeverity() {
		case commonv1.Severity_SEVERITY_ERROR, commonv1.Severity_SEVERITY_UNSPECIFIED:
			return true
		}
	}
	return false
}

// errorAt builds an ERROR diagnostic about the top-level attribute name.
func errorAt(name, reason, summary string, meta map[string]string) *commonv1.Diagnostic {
	return &commonv1.Diagnostic{
		Severity: commonv1.Severity_SEVERITY_ERROR,
		Summary:  summary,
		Reason:   reason,
		Attribute: &commonv1.AttributePath{Steps: []*commonv1.AttributePath_Step{{
			Selector: &commonv1.AttributePath_Step_AttributeName{AttributeName: name},
		}}},
		Metadata: meta,
	}
}
