// Package processor is the reference Flow Processor: a small, observable record transform
// (config.go: the typed Config, whose JSON Schema and validation both come from its tags via
// package config; transform.go) and the `flow.processor.v1.ProcessorService.Process` stream protocol
// that drives it (credit.go, stream.go, service.go).
package processor

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/config"
)

// ComponentName is the only component this service provides (`ComponentSchema.name`).
const ComponentName = "text_case"

// ComponentDescription is shown in core's catalog.
const ComponentDescription = "Uppercases the text of `text/plain` and `json/plain` records " +
	"(string values only for JSON) and tags each with `processed_by=go-processor`; " +
	"`passthrough` mode forwards records unchanged."

// Mode selects what the transform does to each record.
type Mode string

// The modes; Config's `enum` tag lists the same values.
const (
	// ModeUppercase uppercases text payloads and tags records (the default).
	ModeUppercase Mode = "uppercase"
	// ModePassthrough forwards every record untouched: useful to measure protocol overhead.
	ModePassthrough Mode = "passthrough"
)

// Config is the component configuration, declared once: its JSON Schema (ConfigSchema) is
// reflected from these tags and ParseConfig validates against that same schema (package
// config). tests/config-agreement/text_case.json is the shape Rust and TypeScript agree on.
type Config struct {
	Mode Mode `json:"mode" jsonschema:"enum=uppercase,enum=passthrough,default=uppercase,description=uppercase: uppercase text payloads and tag records; passthrough: forward records unchanged."`
}

// Diagnostic reasons this component reports (the SDK's). UPPER_SNAKE_CASE as diagnostic.proto asks.
const (
	ReasonUnknownAttribute     = config.ReasonUnknownAttribute
	ReasonInvalidType          = config.ReasonInvalidType
	ReasonInvalidValue         = config.ReasonInvalidValue
	ReasonRequiredFieldMissing = config.ReasonRequiredFieldMissing
)

// defaultConfig holds the `default`s of Config's tags (mode: uppercase).
var defaultConfig = config.MustDefaults[Config]()

// configSchema is reflected once; ConfigSchema hands out copies.
var configSchema = func() *structpb.Struct {
	s, err := config.StructSchema[Config](ComponentName)
	if err != nil {
		// Config's tags only hold JSON-compatible values; failing here is a programming error.
		panic(fmt.Sprintf("processor: building config schema: %v", err))
	}
	return s
}()

// ConfigSchema returns the configuration's JSON Schema (draft 2020-12) as a Struct, the form
// `ComponentSchema.config_schema` carries: reflected from Config, so it is what ParseConfig
// enforces.
func ConfigSchema() *structpb.Struct {
	return proto.Clone(configSchema).(*structpb.Struct)
}

// ParseConfig checks a configuration and returns it parsed. Every problem becomes a diagnostic
// pointing at its attribute, so that one call reports them all; the Config is only meaningful
// when no diagnostic has severity ERROR. A nil Struct is the empty configuration (all defaults).
func ParseConfig(s *structpb.Struct) (Config, []*commonv1.Diagnostic) {
	return config.Parse(s, defaultConfig)
}

// HasError reports whether any diagnostic makes the request fail. UNSPECIFIED counts as ERROR,
// as diagnostic.proto requires.
func HasError(diags []*commonv1.Diagnostic) bool { return config.HasError(diags) }
