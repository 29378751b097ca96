package processor

import (
	"testing"

	"google.golang.org/protobuf/proto"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

func rec(encoding, data string) *commonv1.Record {
	return &commonv1.Record{Value: &commonv1.Payload{
		Metadata: map[string][]byte{"encoding": []byte(encoding)},
		Data:     []byte(data),
	}}
}

func TestTransformUppercase(t *testing.T) {
	in := []*commonv1.Record{
		rec(EncodingText, "hello, wörld"),
		rec(EncodingJSON, `{"name":"ada","n":1.50,"ok":true,"tags":["x<y"],"z":null}`),
		rec("binary/plain", "raw bytes"),
		rec(EncodingJSON, `{"broken":`),
		rec(EncodingText, "\xff\xfe"),
		rec(EncodingJSON, `{} {}`),
		nil,
	}
	res := Transform(Config{Mode: ModeUppercase}, in, 0)

	wantData := []string{"HELLO, WÖRLD", `{"n":1.50,"name":"ADA","ok":true,"tags":["X<Y"],"z":null}`, "raw bytes", ""}
	if len(res.Records) != len(wantData) {
		t.Fatalf("got %d records, want %d", len(res.Records), len(wantData))
	}
	for i, r := range res.Records {
		if got := string(r.GetValue().GetData()); got != wantData[i] {
			t.Errorf("record %d data = %q, want %q", i, got, wantData[i])
		}
		if r.GetAttributes()[ProcessedByKey] != ProcessedByValue {
			t.Errorf("record %d lacks %s=%s", i, ProcessedByKey, ProcessedByValue)
		}
		if res.Sizes[i] != uint64(proto.Size(r)) {
			t.Errorf("record %d size %d, want %d", i, res.Sizes[i], proto.Size(r))
		}
	}
	wantErrs := map[uint32]string{3: FailureInvalidJSON, 4: FailureInvalidText, 5: FailureInvalidJSON}
	if len(res.Errors) != len(wantErrs) {
		t.Fatalf("got errors %v, want %v", res.Errors, wantErrs)
	}
	for _, e := range res.Errors {
		if wantErrs[e.GetRecordIndex()] != e.GetFailure().GetType() || !e.GetFailure().GetNonRetryable() {
			t.Errorf("error %v: want type %q, non-retryable", e, wantErrs[e.GetRecordIndex()])
		}
	}
}

func TestTransformPassthroughLeavesRecordsAlone(t *testing.T) {
	in := []*commonv1.Record{rec(EncodingText, "hello")}
	want := proto.Clone(in[0])
	res := Transform(Config{Mode: ModePassthrough}, in, 0)
	if len(res.Records) != 1 || !proto.Equal(res.Records[0], want) || len(res.Errors) != 0 {
		t.Fatalf("passthrough changed the record: %v", res.Records)
	}
}

func TestTransformRejectsRecordsOverTheBatchLimit(t *testing.T) {
	in := []*commonv1.Record{rec(EncodingText, "small"), rec(EncodingText, string(make([]byte, 200)))}
	res := Transform(Config{Mode: ModePassthrough}, in, 100)
	if len(res.Records) != 1 || len(res.Errors) != 1 || res.Errors[0].GetRecordIndex() != 1 ||
		res.Errors[0].GetFailure().GetType() != FailureTooLarge {
		t.Fatalf("got records %v errors %v", res.Records, res.Errors)
	}
}
