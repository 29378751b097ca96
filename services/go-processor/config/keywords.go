package config

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/invopop/jsonschema"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// jsonType names the JSON type of a Struct value as JSON Schema's `type` does. A Struct has one
// number type (double); whether it is an "integer" is a question of value (see typeAccepts).
func jsonType(v *structpb.Value) string {
	switch v.GetKind().(type) {
	case *structpb.Value_StringValue:
		return "string"
	case *structpb.Value_NumberValue:
		return "number"
	case *structpb.Value_BoolValue:
		return "boolean"
	case *structpb.Value_ListValue:
		return "array"
	case *structpb.Value_StructValue:
		return "object"
	default: // NullValue, or no kind at all
		return "null"
	}
}

// typeAccepts reports whether a schema `type` admits a value of JSON type got. An "integer"
// admits every number: a fraction is the right type with a wrong value (INVALID_VALUE, checked
// in checkKeywords), since JSON, like Struct, has one number type.
func typeAccepts(want, got string) bool {
	return want == got || want == "integer" && got == "number" || want == "number" && got == "integer"
}

func article(t string) string {
	switch t {
	case "array", "integer", "object":
		return "an " + t
	}
	return "a " + t
}

// checkKeywords checks a value of the right JSON type against the value keywords of its
// property's schema: integrality, enum, const, minimum/maximum (and their exclusive forms),
// multipleOf, minLength/maxLength (in code points) and pattern.
func checkKeywords(name string, v *structpb.Value, prop *jsonschema.Schema) *commonv1.Diagnostic {
	invalid := func(summary string, meta map[string]string) *commonv1.Diagnostic {
		return ErrorAt(name, ReasonInvalidValue, summary, meta)
	}
	if len(prop.Enum) > 0 && !inEnum(v.AsInterface(), prop.Enum) {
		allowed := make([]string, len(prop.Enum))
		for i, e := range prop.Enum {
			allowed[i] = fmt.Sprint(e)
		}
		return invalid(fmt.Sprintf("%s %s is not one of %s", name, show(v), strings.Join(allowed, ", ")),
			map[string]string{"got": fmt.Sprint(v.AsInterface()), "allowed": strings.Join(allowed, ",")})
	}
	if prop.Const != nil && !sameJSON(v.AsInterface(), prop.Const) {
		return invalid(fmt.Sprintf("%s must be %v", name, prop.Const),
			map[string]string{"got": fmt.Sprint(v.AsInterface()), "allowed": fmt.Sprint(prop.Const)})
	}
	switch k := v.GetKind().(type) {
	case *structpb.Value_NumberValue:
		return checkNumber(name, k.NumberValue, prop, invalid)
	case *structpb.Value_StringValue:
		return checkString(name, k.StringValue, prop, invalid)
	}
	return nil
}

func checkNumber(name string, n float64, prop *jsonschema.Schema,
	invalid func(string, map[string]string) *commonv1.Diagnostic) *commonv1.Diagnostic {
	got := strconv.FormatFloat(n, 'g', -1, 64)
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return invalid(fmt.Sprintf("%s must be a finite number, not %s", name, got), map[string]string{"got": got})
	}
	if prop.Type == "integer" && n != math.Trunc(n) {
		return invalid(fmt.Sprintf("%s must be an integer, not %s", name, got),
			map[string]string{"got": got, "expected": "integer"})
	}
	bound := func(keyword string, limit json.Number, ok func(n, limit float64) bool, words string) *commonv1.Diagnostic {
		if limit == "" {
			return nil
		}
		l, err := limit.Float64()
		if err != nil || ok(n, l) {
			return nil
		}
		return invalid(fmt.Sprintf("%s %s %s %s", name, got, words, limit),
			map[string]string{"got": got, keyword: limit.String()})
	}
	for _, d := range []*commonv1.Diagnostic{
		bound("minimum", prop.Minimum, func(n, l float64) bool { return n >= l }, "is below the minimum"),
		bound("maximum", prop.Maximum, func(n, l float64) bool { return n <= l }, "is above the maximum"),
		bound("exclusiveMinimum", prop.ExclusiveMinimum, func(n, l float64) bool { return n > l }, "must be greater than"),
		bound("exclusiveMaximum", prop.ExclusiveMaximum, func(n, l float64) bool { return n < l }, "must be less than"),
		bound("multipleOf", prop.MultipleOf, func(n, l float64) bool { q := n / l; return l <= 0 || q == math.Trunc(q) }, "is not a multiple of"),
	} {
		if d != nil {
			return d
		}
	}
	return nil
}

func checkString(name, s string, prop *jsonschema.Schema,
	invalid func(string, map[string]string) *commonv1.Diagnostic) *commonv1.Diagnostic {
	n := uint64(utf8.RuneCountInString(s))
	if prop.MinLength != nil && n < *prop.MinLength {
		return invalid(fmt.Sprintf("%s must be at least %d characters long", name, *prop.MinLength),
			map[string]string{"got": s, "minLength": strconv.FormatUint(*prop.MinLength, 10)})
	}
	if prop.MaxLength != nil && n > *prop.MaxLength {
		return invalid(fmt.Sprintf("%s must be at most %d characters long", name, *prop.MaxLength),
			map[string]string{"got": s, "maxLength": strconv.FormatUint(*prop.MaxLength, 10)})
	}
	if prop.Pattern != "" {
		re, err := regexp.Compile(prop.Pattern)
		if err == nil && !re.MatchString(s) {
			return invalid(fmt.Sprintf("%s %q does not match %s", name, s, prop.Pattern),
				map[string]string{"got": s, "pattern": prop.Pattern})
		}
	}
	return nil
}

// inEnum reports whether v (a Struct value as Go: string, float64, bool, nil, []any,
// map[string]any) is one of the schema's enum values (strings, or json.Number for numbers).
func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if sameJSON(v, e) {
			return true
		}
	}
	return false
}

// sameJSON compares a Struct value with a schema value, numbers as float64.
func sameJSON(v, schemaValue any) bool {
	b, err := json.Marshal(schemaValue)
	if err != nil {
		return false
	}
	var norm any
	if err := json.Unmarshal(b, &norm); err != nil {
		return false
	}
	return reflect.DeepEqual(v, norm)
}

func show(v *structpb.Value) string {
	if s, ok := v.GetKind().(*structpb.Value_StringValue); ok {
		return strconv.Quote(s.StringValue)
	}
	b, err := json.Marshal(v.AsInterface())
	if err != nil {
		return fmt.Sprint(v.AsInterface())
	}
	return string(b)
}
