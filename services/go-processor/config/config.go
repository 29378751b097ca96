// Package config declares a component's configuration once, as a Go struct, and derives both
// its JSON Schema (by reflection, github.com/invopop/jsonschema) and its validation from that one
// declaration, so that what `ComponentSchema.config_schema` advertises and what
// `ValidateConfig`/`Configure`/`Process` enforce cannot drift apart.
//
// A configuration type is a flat struct of exported fields. Each field's `json` tag names the
// attribute; its `jsonschema` tag carries the keywords (`required`, `enum=...`, `default=...`,
// `minimum=...`, `maximum=...`, `minLength=...`, `description=...`):
//
//	type Config struct {
//		Mode string `json:"mode" jsonschema:"enum=uppercase,enum=passthrough,default=uppercase"`
//	}
//
// Parse checks a `google.protobuf.Struct` against it attribute by attribute and reports every
// problem as an ERROR diagnostic on the attribute, with one of the SDK's reasons
// (UNKNOWN_ATTRIBUTE, INVALID_TYPE, INVALID_VALUE, REQUIRED_FIELD_MISSING); the keyword checks
// (enum, bounds, lengths, pattern) read the reflected schema itself. Semantic checks that a schema
// cannot say (a path being absolute) go in a CheckConfig method (see Checker), which runs once
// everything parses. tests/config-agreement holds the corpus every language must agree on.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// Diagnostic reasons, the SDK's (`flow_sdk::config`). UPPER_SNAKE_CASE as diagnostic.proto asks.
const (
	// ReasonUnknownAttribute: the key is not an attribute of the configuration.
	ReasonUnknownAttribute = "UNKNOWN_ATTRIBUTE"
	// ReasonInvalidType: the value has the wrong JSON type (including `null`).
	ReasonInvalidType = "INVALID_TYPE"
	// ReasonInvalidValue: the right JSON type, but not allowed (enum, bounds, lengths, pattern, a
	// fraction where an integer belongs, a semantic check).
	ReasonInvalidValue = "INVALID_VALUE"
	// ReasonRequiredFieldMissing: an attribute the schema lists as required is absent.
	ReasonRequiredFieldMissing = "REQUIRED_FIELD_MISSING"
)

// Checker is the hook for semantic checks: when the configuration type (or a pointer to it)
// implements it, Parse calls CheckConfig on the parsed value once no attribute has an error
// (defaults applied), and appends what it returns. Use ErrorAt to build the diagnostics.
type Checker interface {
	CheckConfig() []*commonv1.Diagnostic
}

// Reflector returns the reflector every configuration schema comes from: the struct's own schema
// at the root (no `$ref`/`$defs`), closed objects (`additionalProperties: false`), `required`
// only from `jsonschema:"required"` tags, no `$id`. The draft is 2020-12 (`$schema`).
func Reflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		ExpandedStruct:             true,
		DoNotReference:             true,
		RequiredFromJSONSchemaTags: true,
		Anonymous:                  true,
	}
}

// declaration is what reflection says about one configuration type, computed once per type.
type declaration struct {
	schema *jsonschema.Schema
	fields map[string]int // attribute name (json tag) -> field index
	err    error
}

var declarations sync.Map // reflect.Type -> *declaration

func declare[T any]() *declaration { return declareType(reflect.TypeFor[T]()) }

func declareType(t reflect.Type) *declaration {
	if d, ok := declarations.Load(t); ok {
		return d.(*declaration)
	}
	d := &declaration{fields: map[string]int{}}
	if t.Kind() != reflect.Struct {
		d.err = fmt.Errorf("config: %v is not a struct", t)
	} else {
		d.schema = Reflector().ReflectFromType(t)
		d.err = d.index(t)
	}
	actual, _ := declarations.LoadOrStore(t, d)
	return actual.(*declaration)
}

// index maps each attribute to its field, and refuses what would let the schema and Parse
// disagree: a `jsonschema` tag that does not parse as a struct tag (reflect then ignores it and
// every keyword would silently vanish: write `\\,` for a comma inside a value), or a property
// without a json-tagged direct field (embedded structs, untagged fields).
func (d *declaration) index(t reflect.Type) error {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if _, ok := f.Tag.Lookup("jsonschema"); !ok && strings.Contains(string(f.Tag), "jsonschema:") {
			return fmt.Errorf("config: %v.%s: malformed struct tag %s", t, f.Name, f.Tag)
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || f.Anonymous || name == "" || name == "-" {
			continue
		}
		if _, ok := d.schema.Properties.Get(name); ok {
			d.fields[name] = i
		}
	}
	for name := range d.schema.Properties.KeysFromOldest() {
		if _, ok := d.fields[name]; !ok {
			return fmt.Errorf("config: %v: property %q is not a json-tagged field of its own", t, name)
		}
	}
	return nil
}

// SchemaOf returns the JSON Schema reflected from T (shared: do not modify it).
// It panics if T is not a struct, a programming error.
func SchemaOf[T any]() *jsonschema.Schema {
	d := declare[T]()
	if d.err != nil {
		panic(d.err)
	}
	return d.schema
}

// StructSchema returns T's JSON Schema with the given title, as the Struct that
// `ComponentSchema.config_schema` carries.
func StructSchema[T any](title string) (*structpb.Struct, error) {
	s := *SchemaOf[T]() // shallow copy: only the title changes
	s.Title = title
	b, err := json.Marshal(&s)
	if err != nil {
		return nil, fmt.Errorf("config: marshaling the schema of %v: %w", reflect.TypeFor[T](), err)
	}
	out := &structpb.Struct{}
	if err := out.UnmarshalJSON(b); err != nil {
		return nil, fmt.Errorf("config: schema of %v as a Struct: %w", reflect.TypeFor[T](), err)
	}
	return out, nil
}

// Defaults returns the T whose fields hold the schema's `default`s (zero where there is none),
// the value Parse should start from so that the defaults are declared only in the tags.
func Defaults[T any]() (T, error) {
	var out T
	d := declare[T]()
	if d.err != nil {
		return out, d.err
	}
	rv := reflect.ValueOf(&out).Elem()
	for name, i := range d.fields {
		prop, _ := d.schema.Properties.Get(name)
		if prop == nil || prop.Default == nil {
			continue
		}
		b, err := json.Marshal(prop.Default)
		if err != nil {
			return out, fmt.Errorf("config: default of %q: %w", name, err)
		}
		if err := json.Unmarshal(b, rv.Field(i).Addr().Interface()); err != nil {
			return out, fmt.Errorf("config: default of %q (%s) does not fit %v: %w", name, b, rv.Field(i).Type(), err)
		}
	}
	return out, nil
}

// MustDefaults is Defaults for package-level values: a default that does not fit its field is a
// programming error.
func MustDefaults[T any]() T {
	out, err := Defaults[T]()
	if err != nil {
		panic(err)
	}
	return out
}

// Parse checks a configuration against T and returns it parsed, starting from defaults
// (normally MustDefaults[T]()). A nil Struct is the empty configuration. Every top-level
// attribute gets its own finding, in attribute order: unknown keys, wrong JSON types, values the
// schema does not allow, required attributes that are absent. When none of those is an error
// and T implements Checker, its CheckConfig findings follow. The T is only meaningful when no
// diagnostic has severity ERROR.
func Parse[T any](s *structpb.Struct, defaults T) (T, []*commonv1.Diagnostic) {
	out := defaults
	d := declare[T]()
	if d.err != nil {
		panic(d.err)
	}
	rv := reflect.ValueOf(&out).Elem()
	fields := s.GetFields()
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	for _, name := range d.schema.Required {
		if _, ok := fields[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names) // maps iterate randomly; diagnostics come out in attribute order

	var diags []*commonv1.Diagnostic
	for _, name := range names {
		v, present := fields[name]
		i, known := d.fields[name]
		prop, _ := d.schema.Properties.Get(name)
		switch {
		case !present:
			diags = append(diags, ErrorAt(name, ReasonRequiredFieldMissing,
				fmt.Sprintf("%s is required", name), nil))
		case !known || prop == nil:
			diags = append(diags, ErrorAt(name, ReasonUnknownAttribute,
				fmt.Sprintf("unknown attribute %q", name), nil))
		default:
			if diag := decodeAttribute(name, v, prop, rv.Field(i)); diag != nil {
				diags = append(diags, diag)
			}
		}
	}
	if !HasError(diags) {
		var c Checker
		if ck, ok := any(out).(Checker); ok {
			c = ck
		} else if ck, ok := any(&out).(Checker); ok {
			c = ck
		}
		if c != nil {
			diags = append(diags, c.CheckConfig()...)
		}
	}
	return out, diags
}

// decodeAttribute checks one value against its property's schema and, when it passes, decodes
// it strictly into field. It returns the attribute's diagnostic, or nil.
func decodeAttribute(name string, v *structpb.Value, prop *jsonschema.Schema, field reflect.Value) *commonv1.Diagnostic {
	got := jsonType(v)
	if want := prop.Type; want != "" && !typeAccepts(want, got) {
		return ErrorAt(name, ReasonInvalidType,
			fmt.Sprintf("%s must be %s, not %s", name, article(want), got),
			map[string]string{"expected": want, "got": got})
	}
	if diag := checkKeywords(name, v, prop); diag != nil {
		return diag
	}
	b, err := json.Marshal(v.AsInterface())
	if err != nil { // NaN or an infinity: no JSON value at all
		return ErrorAt(name, ReasonInvalidValue, fmt.Sprintf("%s is not a JSON value: %v", name, err), nil)
	}
	target := reflect.New(field.Type())
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(target.Interface()); err != nil {
		reason := ReasonInvalidValue // the JSON type matched the schema: the value does not fit
		if prop.Type == "" {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				reason = ReasonInvalidType
			}
		}
		return ErrorAt(name, reason, fmt.Sprintf("%s: %v", name, err), map[string]string{"got": string(b)})
	}
	field.Set(target.Elem())
	return nil
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

// ErrorAt builds an ERROR diagnostic about the top-level attribute name.
func ErrorAt(name, reason, summary string, meta map[string]string) *commonv1.Diagnostic {
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
