package processor

// The cross-language agreement test: tests/config-agreement holds one corpus (schema and
// verdicts) for two config shapes that Rust, Go and TypeScript each declare in their own idiom.
// text_case.json is this processor's real config (ConfigSchema, ParseConfig); jsonl_file.json is
// the TypeScript consumer's, declared below as a Go struct on the same generic layer (package
// config). See tests/config-agreement/README.md.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/config"
)

// corpusDir is tests/config-agreement, relative to this package's directory (the test's cwd).
const corpusDir = "../../../tests/config-agreement"

// jsonlFileConfig is the jsonl_file consumer's config shape, as a Go component would declare it.
type jsonlFileConfig struct {
	Path           string `json:"path" jsonschema:"required,minLength=2,description=Absolute path of the output file."`
	CreditRecords  int64  `json:"credit_records" jsonschema:"minimum=1,maximum=1000000,default=256,description=Records of credit granted at a time."`
	CreditBytes    int64  `json:"credit_bytes" jsonschema:"minimum=1,maximum=1073741824,default=4194304,description=Bytes of credit granted at a time."`
	MaxRecordBytes int64  `json:"max_record_bytes" jsonschema:"minimum=1,maximum=67108864,default=1048576,description=Largest record accepted\\, in bytes."`
}

// CheckConfig is the semantic hook: what the schema cannot say about path.
func (c jsonlFileConfig) CheckConfig() []*commonv1.Diagnostic {
	switch {
	case !strings.HasPrefix(c.Path, "/"):
		return []*commonv1.Diagnostic{config.ErrorAt("path", config.ReasonInvalidValue,
			fmt.Sprintf("path %q must be absolute", c.Path), map[string]string{"got": c.Path})}
	case strings.HasSuffix(c.Path, "/"):
		return []*commonv1.Diagnostic{config.ErrorAt("path", config.ReasonInvalidValue,
			fmt.Sprintf("path %q names a directory, not a file", c.Path), map[string]string{"got": c.Path})}
	}
	return nil
}

type agreementCase struct {
	Name        string          `json:"name"`
	Config      map[string]any  `json:"config"`
	Diagnostics [][2]string     `json:"diagnostics"`
	Parsed      json.RawMessage `json:"parsed"`
}

type agreementFile struct {
	Schema map[string]any  `json:"schema"`
	Cases  []agreementCase `json:"cases"`
}

// agreementShape is one declaration under test: its derived schema and its parser.
type agreementShape struct {
	file   string
	schema func(t *testing.T) map[string]any
	parse  func(*structpb.Struct) (any, []*commonv1.Diagnostic)
}

func agreementShapes() []agreementShape {
	return []agreementShape{
		{
			file:   "text_case.json",
			schema: func(*testing.T) map[string]any { return ConfigSchema().AsMap() },
			parse: func(s *structpb.Struct) (any, []*commonv1.Diagnostic) {
				return ParseConfig(s)
			},
		},
		{
			file: "jsonl_file.json",
			schema: func(t *testing.T) map[string]any {
				s, err := config.StructSchema[jsonlFileConfig]("jsonl_file")
				if err != nil {
					t.Fatal(err)
				}
				return s.AsMap()
			},
			parse: func(s *structpb.Struct) (any, []*commonv1.Diagnostic) {
				return config.Parse(s, config.MustDefaults[jsonlFileConfig]())
			},
		},
	}
}

func TestConfigAgreement(t *testing.T) {
	for _, shape := range agreementShapes() {
		t.Run(strings.TrimSuffix(shape.file, ".json"), func(t *testing.T) {
			corpus := readCorpus(t, shape.file)
			t.Run("schema", func(t *testing.T) {
				got := normalizeSchema(shape.schema(t))
				want := normalizeSchema(corpus.Schema)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("normalized schema differs from %s\n got: %s\nwant: %s", shape.file, asJSON(got), asJSON(want))
				}
			})
			if len(corpus.Cases) == 0 {
				t.Fatalf("%s has no cases", shape.file)
			}
			for _, tc := range corpus.Cases {
				t.Run(tc.Name, func(t *testing.T) {
					s, err := structpb.NewStruct(tc.Config)
					if err != nil {
						t.Fatalf("config %v as a Struct: %v", tc.Config, err)
					}
					parsed, diags := shape.parse(s)
					got := errorFindings(t, diags)
					want := tc.Diagnostics
					if want == nil {
						want = [][2]string{}
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("diagnostics %v, want %v (all: %v)", got, want, diags)
					}
					if len(want) > 0 {
						return
					}
					if len(tc.Parsed) == 0 {
						t.Fatalf("case %q has no diagnostics and no parsed value", tc.Name)
					}
					b, err := json.Marshal(parsed)
					if err != nil {
						t.Fatal(err)
					}
					if g, w := decodeJSON(t, b), decodeJSON(t, tc.Parsed); !reflect.DeepEqual(g, w) {
						t.Errorf("parsed %s, want %s", b, tc.Parsed)
					}
				})
			}
		})
	}
}

func readCorpus(t *testing.T, name string) agreementFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		t.Fatalf("reading the agreement corpus: %v", err)
	}
	var f agreementFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// errorFindings is the sorted [attribute path, reason] of every ERROR diagnostic (UNSPECIFIED
// counts as ERROR). Paths here are one attribute-name step; deeper ones are joined with ".".
func errorFindings(t *testing.T, diags []*commonv1.Diagnostic) [][2]string {
	t.Helper()
	out := [][2]string{}
	for _, d := range diags {
		if !config.HasError([]*commonv1.Diagnostic{d}) {
			continue
		}
		var steps []string
		for _, st := range d.GetAttribute().GetSteps() {
			name, ok := st.GetSelector().(*commonv1.AttributePath_Step_AttributeName)
			if !ok {
				t.Fatalf("diagnostic %v: want attribute-name steps only", d)
			}
			steps = append(steps, name.AttributeName)
		}
		if len(steps) == 0 {
			t.Fatalf("diagnostic %v has no attribute path", d)
		}
		out = append(out, [2]string{strings.Join(steps, "."), d.GetReason()})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

// keptKeywords are the keywords README.md keeps when normalizing.
var keptKeywords = map[string]bool{
	"type": true, "properties": true, "required": true, "additionalProperties": true, "enum": true,
	"minimum": true, "maximum": true, "minLength": true, "maxLength": true, "default": true,
}

// normalizeSchema applies README.md's normalization to a schema as JSON (map[string]any):
// `$ref`s to `#/$defs/...` inlined, then only keptKeywords, recursively into properties,
// `required` sorted, every number a float64.
func normalizeSchema(root map[string]any) map[string]any {
	defs, _ := root["$defs"].(map[string]any)
	var norm func(s map[string]any, depth int) map[string]any
	norm = func(s map[string]any, depth int) map[string]any {
		if ref, ok := s["$ref"].(string); ok && depth < 32 {
			if def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any); ok {
				merged := map[string]any{}
				for k, v := range def {
					merged[k] = v
				}
				for k, v := range s {
					if k != "$ref" {
						merged[k] = v
					}
				}
				return norm(merged, depth+1)
			}
		}
		out := map[string]any{}
		for k, v := range s {
			if !keptKeywords[k] {
				continue
			}
			switch k {
			case "properties":
				props := map[string]any{}
				for name, p := range v.(map[string]any) {
					props[name] = norm(p.(map[string]any), depth+1)
				}
				out[k] = props
			case "required":
				req := []string{}
				for _, r := range v.([]any) {
					req = append(req, r.(string))
				}
				sort.Strings(req)
				out[k] = req
			case "additionalProperties":
				if sub, ok := v.(map[string]any); ok {
					out[k] = norm(sub, depth+1)
				} else {
					out[k] = v
				}
			default:
				out[k] = numbersAsFloat(v)
			}
		}
		return out
	}
	return norm(root, 0)
}

// numbersAsFloat turns every number in a JSON value (json.Number, ints) into a float64.
func numbersAsFloat(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = numbersAsFloat(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = numbersAsFloat(e)
		}
		return out
	}
	return v
}

func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return v
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
