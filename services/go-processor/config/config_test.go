package config

import (
	"math"
	"reflect"
	"sort"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

type sample struct {
	Name    string   `json:"name" jsonschema:"required,minLength=1,maxLength=4,pattern=^\\pL+$"`
	Count   int32    `json:"count" jsonschema:"minimum=0,maximum=10,default=3"`
	Ratio   float64  `json:"ratio" jsonschema:"exclusiveMinimum=0,exclusiveMaximum=1,default=0.5"`
	On      bool     `json:"on" jsonschema:"default=true"`
	Tags    []string `json:"tags"`
	Level   string   `json:"level" jsonschema:"enum=low,enum=high,default=low"`
	ignored int      //nolint:unused // unexported: not an attribute
}

func findings(diags []*commonv1.Diagnostic) map[string]string {
	out := map[string]string{}
	for _, d := range diags {
		if d.GetSeverity() != commonv1.Severity_SEVERITY_ERROR {
			continue
		}
		out[d.GetAttribute().GetSteps()[0].GetAttributeName()] = d.GetReason()
	}
	return out
}

func TestDefaultsComeFromTheTags(t *testing.T) {
	got := MustDefaults[sample]()
	want := sample{Count: 3, Ratio: 0.5, On: true, Level: "low"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("defaults %+v, want %+v", got, want)
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		name string
		cfg  map[string]any
		want map[string]string
	}{
		{"valid", map[string]any{"name": "ab", "count": 10.0, "ratio": 0.25, "on": false, "tags": []any{"x"}, "level": "high"}, map[string]string{}},
		{"nil struct", nil, map[string]string{"name": ReasonRequiredFieldMissing}},
		{"too long", map[string]any{"name": "abcde"}, map[string]string{"name": ReasonInvalidValue}},
		{"too short", map[string]any{"name": ""}, map[string]string{"name": ReasonInvalidValue}},
		{"pattern", map[string]any{"name": "a1"}, map[string]string{"name": ReasonInvalidValue}},
		{"length in code points", map[string]any{"name": "éééé"}, map[string]string{}},
		{"too long in code points", map[string]any{"name": "ééééé"}, map[string]string{"name": ReasonInvalidValue}},
		{"exclusive bounds", map[string]any{"name": "a", "ratio": 1.0}, map[string]string{"ratio": ReasonInvalidValue}},
		{"fraction", map[string]any{"name": "a", "count": 2.5}, map[string]string{"count": ReasonInvalidValue}},
		{"nan", map[string]any{"name": "a", "ratio": math.NaN()}, map[string]string{"ratio": ReasonInvalidValue}},
		{"bool as string", map[string]any{"name": "a", "on": "true"}, map[string]string{"on": ReasonInvalidType}},
		{"list of numbers", map[string]any{"name": "a", "tags": []any{1.0}}, map[string]string{"tags": ReasonInvalidValue}},
		{"object for a list", map[string]any{"name": "a", "tags": map[string]any{}}, map[string]string{"tags": ReasonInvalidType}},
		{"not an attribute", map[string]any{"name": "a", "ignored": 1.0, "Count": 1.0}, map[string]string{"ignored": ReasonUnknownAttribute, "Count": ReasonUnknownAttribute}},
		{"all at once", map[string]any{"count": -1.0, "on": nil, "level": "mid", "x": 1.0},
			map[string]string{"name": ReasonRequiredFieldMissing, "count": ReasonInvalidValue, "on": ReasonInvalidType, "level": ReasonInvalidValue, "x": ReasonUnknownAttribute}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s *structpb.Struct
			if tc.cfg != nil {
				var err error
				if s, err = structpb.NewStruct(tc.cfg); err != nil {
					t.Fatal(err)
				}
			}
			got, diags := Parse(s, MustDefaults[sample]())
			if f := findings(diags); !reflect.DeepEqual(f, tc.want) {
				t.Fatalf("findings %v, want %v (%v)", f, tc.want, diags)
			}
			if len(diags) != len(tc.want) {
				t.Fatalf("%d diagnostics, want one per attribute: %v", len(diags), diags)
			}
			names := make([]string, len(diags))
			for i, d := range diags {
				names[i] = d.GetAttribute().GetSteps()[0].GetAttributeName()
				if d.GetSummary() == "" {
					t.Errorf("diagnostic %v has no summary", d)
				}
			}
			if !sort.StringsAreSorted(names) {
				t.Errorf("diagnostics not in attribute order: %v", names)
			}
			if tc.name == "valid" {
				want := sample{Name: "ab", Count: 10, Ratio: 0.25, Tags: []string{"x"}, Level: "high"}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("parsed %+v, want %+v", got, want)
				}
			}
		})
	}
}

type checked struct {
	A int `json:"a" jsonschema:"default=1"`
	B int `json:"b" jsonschema:"default=2"`
}

var checkCalls int

func (c *checked) CheckConfig() []*commonv1.Diagnostic {
	checkCalls++
	if c.A >= c.B {
		return []*commonv1.Diagnostic{ErrorAt("a", ReasonInvalidValue, "a must be below b", nil)}
	}
	return nil
}

func TestCheckerRunsOnceEverythingParses(t *testing.T) {
	checkCalls = 0
	s, _ := structpb.NewStruct(map[string]any{"a": 5.0})
	if _, diags := Parse(s, MustDefaults[checked]()); !reflect.DeepEqual(findings(diags), map[string]string{"a": ReasonInvalidValue}) {
		t.Fatalf("semantic check: %v", diags)
	}
	s, _ = structpb.NewStruct(map[string]any{"a": 5.0, "b": "x"})
	if _, diags := Parse(s, MustDefaults[checked]()); !reflect.DeepEqual(findings(diags), map[string]string{"b": ReasonInvalidType}) {
		t.Fatalf("parse error: %v", diags)
	}
	if checkCalls != 1 {
		t.Fatalf("CheckConfig ran %d times, want once (not after a parse error)", checkCalls)
	}
}

type untagged struct {
	A int
}

func TestDeclarationsThatWouldDriftAreRefused(t *testing.T) {
	// Built at run time: go vet refuses a malformed tag in source, which is the point.
	badTag := reflect.StructOf([]reflect.StructField{{
		Name: "A", Type: reflect.TypeFor[int](), Tag: `json:"a" jsonschema:"description=one\, two"`,
	}})
	if declareType(badTag).err == nil {
		t.Error("a malformed jsonschema tag was accepted")
	}
	if _, err := Defaults[untagged](); err == nil {
		t.Error("a property without a json tag was accepted")
	}
	if _, err := Defaults[int](); err == nil {
		t.Error("a non-struct was accepted")
	}
}

func TestStructSchema(t *testing.T) {
	s, err := StructSchema[sample]("sample")
	if err != nil {
		t.Fatal(err)
	}
	m := s.AsMap()
	if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" || m["title"] != "sample" ||
		m["additionalProperties"] != false || m["type"] != "object" {
		t.Fatalf("schema %v", m)
	}
	for _, k := range []string{"$ref", "$defs", "$id"} {
		if _, ok := m[k]; ok {
			t.Errorf("schema has %s: %v", k, m)
		}
	}
	if req := m["required"].([]any); len(req) != 1 || req[0] != "name" {
		t.Errorf("required = %v", req)
	}
	if SchemaOf[sample]().Title != "" {
		t.Error("StructSchema modified the shared schema")
	}
}
