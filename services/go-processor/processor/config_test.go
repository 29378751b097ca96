package processor

import (
	"testing"

	"google.golang.org/protobuf/types/known/structpb"
)

func mustStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name     string
		cfg      map[string]any
		wantMode Mode
		reasons  map[string]string // attribute -> reason
	}{
		{name: "empty is all defaults", cfg: nil, wantMode: ModeUppercase},
		{name: "passthrough", cfg: map[string]any{"mode": "passthrough"}, wantMode: ModePassthrough},
		{name: "bad mode value", cfg: map[string]any{"mode": "shout"}, reasons: map[string]string{"mode": ReasonInvalidValue}},
		{name: "bad mode type", cfg: map[string]any{"mode": 3.0}, reasons: map[string]string{"mode": ReasonInvalidType}},
		{name: "unknown attribute and bad mode", cfg: map[string]any{"mode": "x", "colour": "red"},
			reasons: map[string]string{"mode": ReasonInvalidValue, "colour": ReasonUnknownAttribute}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s *structpb.Struct
			if tc.cfg != nil {
				s = mustStruct(t, tc.cfg)
			}
			cfg, diags := ParseConfig(s)
			if len(diags) != len(tc.reasons) {
				t.Fatalf("got %d diagnostics %v, want %d", len(diags), diags, len(tc.reasons))
			}
			if HasError(diags) != (len(tc.reasons) > 0) {
				t.Fatalf("HasError = %v with %v", HasError(diags), diags)
			}
			for _, d := range diags {
				steps := d.GetAttribute().GetSteps()
				if len(steps) != 1 {
					t.Fatalf("diagnostic %v: want a one-step attribute path", d)
				}
				attr := steps[0].GetAttributeName()
				if want, ok := tc.reasons[attr]; !ok || d.GetReason() != want {
					t.Errorf("diagnostic on %q has reason %q, want %q", attr, d.GetReason(), want)
				}
			}
			if len(tc.reasons) == 0 && cfg.Mode != tc.wantMode {
				t.Errorf("mode = %q, want %q", cfg.Mode, tc.wantMode)
			}
		})
	}
}

func TestConfigSchemaDescribesMode(t *testing.T) {
	s := ConfigSchema().AsMap()
	if s["additionalProperties"] != false || s["type"] != "object" {
		t.Fatalf("schema must be a closed object: %v", s)
	}
	mode := s["properties"].(map[string]any)["mode"].(map[string]any)
	enum := mode["enum"].([]any)
	if len(enum) != 2 || enum[0] != "uppercase" || enum[1] != "passthrough" {
		t.Fatalf("mode enum = %v", enum)
	}
}
