package processor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// Attribute the uppercase mode adds to every record it outputs, so a test or an operator can
// see which records went through this processor.
const (
	ProcessedByKey   = "processed_by"
	ProcessedByValue = "go-processor"
)

// Payload encodings the transform rewrites (payload.proto's well-known `encoding` values).
const (
	EncodingText = "text/plain"
	EncodingJSON = "json/plain"
)

// Failure types of per-record errors. Stable strings: core matches them against retry policies.
const (
	FailureInvalidJSON = "record.invalid_json"
	FailureInvalidText = "record.invalid_utf8"
	FailureTooLarge    = "record.too_large"
)

// failureSource names this component in Failure.source.
const failureSource = "go-processor/" + ComponentName

// Result is the output of transforming one input batch.
type Result struct {
	// Records that made it through, in input order.
	Records []*commonv1.Record
	// Sizes[i] is proto.Size(Records[i]): the bytes the record uses up of the output credit.
	Sizes []uint64
	// Input records that could not be processed; the rest of the batch is unaffected.
	Errors []*commonv1.RecordError
}

// Transform applies cfg to the records of one input batch. Records are rewritten in place: the
// batch belongs to the stream that received it and is not used again. A record whose output
// would be larger than maxRecordBytes can never fit in one output batch, so it becomes a
// per-record error instead of stalling the stream; 0 means no limit.
func Transform(cfg Config, records []*commonv1.Record, maxRecordBytes uint64) Result {
	var res Result
	for i, rec := range records {
		if rec == nil {
			rec = &commonv1.Record{}
		}
		if cfg.Mode == ModeUppercase {
			if err := uppercaseRecord(rec); err != nil {
				res.Errors = append(res.Errors, recordError(i, err))
				continue
			}
		}
		size := uint64(proto.Size(rec))
		if maxRecordBytes > 0 && size > maxRecordBytes {
			res.Errors = append(res.Errors, recordError(i, &recordFault{
				typ: FailureTooLarge,
				msg: fmt.Sprintf("record is %d bytes serialized, over the %d-byte output batch limit", size, maxRecordBytes),
			}))
			continue
		}
		res.Records = append(res.Records, rec)
		res.Sizes = append(res.Sizes, size)
	}
	return res
}

// recordFault is a typed reason a single record was rejected.
type recordFault struct {
	typ string
	msg string
}

func (f *recordFault) Error() string { return f.typ + ": " + f.msg }

func recordError(index int, err error) *commonv1.RecordError {
	typ := "record.invalid"
	var f *recordFault
	if errors.As(err, &f) {
		typ = f.typ
	}
	return &commonv1.RecordError{
		RecordIndex: uint32(index),
		Failure: &commonv1.Failure{
			Message: err.Error(),
			Type:    typ,
			// The same bytes will fail the same way: retrying cannot help.
			NonRetryable: true,
			Source:       failureSource,
		},
	}
}

// uppercaseRecord rewrites a text or JSON payload and tags the record. Other encodings (binary,
// protobuf, compressed data) are tagged but their bytes are left alone: uppercasing them would
// corrupt them.
func uppercaseRecord(rec *commonv1.Record) error {
	v := rec.GetValue()
	if v != nil && len(v.GetMetadata()["compression"]) == 0 {
		switch string(v.GetMetadata()["encoding"]) {
		case EncodingText:
			if !utf8.Valid(v.Data) {
				return &recordFault{typ: FailureInvalidText, msg: "text/plain payload is not valid UTF-8"}
			}
			v.Data = []byte(strings.ToUpper(string(v.Data)))
		case EncodingJSON:
			out, err := uppercaseJSON(v.Data)
			if err != nil {
				return &recordFault{typ: FailureInvalidJSON, msg: err.Error()}
			}
			v.Data = out
		}
	}
	if rec.Attributes == nil {
		rec.Attributes = map[string]string{}
	}
	rec.Attributes[ProcessedByKey] = ProcessedByValue
	return nil
}

// uppercaseJSON uppercases the string values of a JSON document, leaving object keys, numbers,
// booleans and null alone so the result is still valid JSON of the same shape. Object keys come
// out sorted (encoding/json's order); numbers keep their exact text.
func uppercaseJSON(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("json/plain payload is not valid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("json/plain payload has data after the first JSON value")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Keep <, > and & as they are: this is data, not HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(upperValues(doc)); err != nil {
		return nil, fmt.Errorf("re-encoding JSON: %v", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func upperValues(v any) any {
	switch t := v.(type) {
	case string:
		return strings.ToUpper(t)
	case []any:
		for i := range t {
			t[i] = upperValues(t[i])
		}
		return t
	case map[string]any:
		for k := range t {
			t[k] = upperValues(t[k])
		}
		return t
	default:
		return v
	}
}
