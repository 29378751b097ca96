// Package bench measures Go's protobuf codecs on the workloads shared with Rust
// (crates/flow-proto/benches) and TypeScript, so `make bench` can put the three side by side:
//
//   - corpus: every case of crates/flow-proto/fixtures, each processed once per iteration;
//     bytes = the sum of the .binpb sizes (binary ops) or of the .json sizes (JSON ops);
//   - batch256: a flow.common.v1.RecordBatch of 256 records with 1 KiB payloads, built in code.
//
// Ops are binary_decode, binary_encode, json_decode and json_encode; b.SetBytes makes
// `go test -bench` print MB/s (1 MB = 1e6 bytes), the unit of the BENCH lines.
package bench

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/timestamppb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"

	// The corpus names its types; this registers every generated package.
	_ "github.com/flow-proto/flow-proto/tests/go/internal/flowtypes"
)

// corpusDir is the fixture corpus, relative to this package's directory (go test runs in it).
const corpusDir = "../../../crates/flow-proto/fixtures"

// op is one measured operation: run does one iteration, processing bytes bytes of its format.
type op struct {
	name  string
	bytes int64
	run   func(b *testing.B)
}

// workload is a named set of ops, in the order the BENCH lines list them.
type workload struct {
	name string
	ops  []op
}

// corpusCase is one fixture case, with its message decoded ahead of time for the encode ops.
type corpusCase struct {
	mt     protoreflect.MessageType
	binary []byte
	json   []byte
	msg    proto.Message
}

// loadCorpus reads every <message>/<case>.binpb of the corpus with the .json beside it.
func loadCorpus(tb testing.TB) []corpusCase {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*", "*.binpb"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatalf("no fixtures under %s", corpusDir)
	}
	cases := make([]corpusCase, 0, len(paths))
	for _, path := range paths {
		name := filepath.Base(filepath.Dir(path))
		mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(name))
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		c := corpusCase{mt: mt, binary: readFile(tb, path), json: readFile(tb, strings.TrimSuffix(path, ".binpb")+".json")}
		c.msg = mt.New().Interface()
		if err := proto.Unmarshal(c.binary, c.msg); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		cases = append(cases, c)
	}
	return cases
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// corpusWorkload processes every case once per iteration. Bytes are the files' sizes, as the
// spec fixes them for all three languages (the .json files end with a newline; so be it).
func corpusWorkload(tb testing.TB) workload {
	tb.Helper()
	cases := loadCorpus(tb)
	var binaryBytes, jsonBytes int64
	for _, c := range cases {
		binaryBytes += int64(len(c.binary))
		jsonBytes += int64(len(c.json))
	}
	return workload{name: "corpus", ops: []op{
		{"binary_decode", binaryBytes, func(b *testing.B) {
			for _, c := range cases {
				if err := proto.Unmarshal(c.binary, c.mt.New().Interface()); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{"binary_encode", binaryBytes, func(b *testing.B) {
			for _, c := range cases {
				if _, err := proto.Marshal(c.msg); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{"json_decode", jsonBytes, func(b *testing.B) {
			for _, c := range cases {
				if err := protojson.Unmarshal(c.json, c.mt.New().Interface()); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{"json_encode", jsonBytes, func(b *testing.B) {
			for _, c := range cases {
				if _, err := protojson.Marshal(c.msg); err != nil {
					b.Fatal(err)
				}
			}
		}},
	}}
}

// batch256 builds the shared batch exactly as the spec (and crates/flow-proto/benches) does.
func batch256() *commonv1.RecordBatch {
	batch := &commonv1.RecordBatch{BatchId: 1, Stream: "orders", Records: make([]*commonv1.Record, 256)}
	for i := range batch.Records {
		data := make([]byte, 1024)
		for j := range data {
			data[j] = byte((i*31 + j) % 251)
		}
		position := make([]byte, 8)
		binary.BigEndian.PutUint64(position, uint64(i))
		batch.Records[i] = &commonv1.Record{
			Key: []byte(fmt.Sprintf("key-%012d", i)),
			Value: &commonv1.Payload{
				Metadata: map[string][]byte{
					"encoding":     []byte("binary/plain"),
					"message_type": []byte("flow.bench.v1.Blob"),
				},
				Data: data,
			},
			Attributes: map[string]string{"source": "bench", "partition": fmt.Sprint(i % 8)},
			EventTime:  &timestamppb.Timestamp{Seconds: 1700000000 + int64(i), Nanos: 123456789},
			Position:   position,
		}
	}
	return batch
}

// batchEncodings returns the batch's binary and canonical JSON. Go's protojson inserts random
// whitespace on purpose, so its output is compacted: the byte count must be the canonical
// JSON's, the same in every language.
func batchEncodings(tb testing.TB, batch *commonv1.RecordBatch) (bin, canonicalJSON []byte) {
	tb.Helper()
	bin, err := proto.Marshal(batch)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := protojson.Marshal(batch)
	if err != nil {
		tb.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		tb.Fatal(err)
	}
	return bin, compact.Bytes()
}

func batchWorkload(tb testing.TB) workload {
	tb.Helper()
	batch := batch256()
	bin, jsonData := batchEncodings(tb, batch)
	binaryBytes, jsonBytes := int64(len(bin)), int64(len(jsonData))
	return workload{name: "batch256", ops: []op{
		{"binary_decode", binaryBytes, func(b *testing.B) {
			if err := proto.Unmarshal(bin, new(commonv1.RecordBatch)); err != nil {
				b.Fatal(err)
			}
		}},
		{"binary_encode", binaryBytes, func(b *testing.B) {
			if _, err := proto.Marshal(batch); err != nil {
				b.Fatal(err)
			}
		}},
		{"json_decode", jsonBytes, func(b *testing.B) {
			if err := protojson.Unmarshal(jsonData, new(commonv1.RecordBatch)); err != nil {
				b.Fatal(err)
			}
		}},
		{"json_encode", jsonBytes, func(b *testing.B) {
			if _, err := protojson.Marshal(batch); err != nil {
				b.Fatal(err)
			}
		}},
	}}
}

// measure is the body of every benchmark: setup stays outside the timer, and SetBytes makes
// the result carry MB/s.
func measure(b *testing.B, o op) {
	b.SetBytes(o.bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.run(b)
	}
}

func runWorkload(b *testing.B, w workload) {
	for _, o := range w.ops {
		b.Run(o.name, func(b *testing.B) { measure(b, o) })
	}
}

func BenchmarkCorpus(b *testing.B) { runWorkload(b, corpusWorkload(b)) }

var printSizes sync.Once

func BenchmarkBatch256(b *testing.B) {
	w := batchWorkload(b)
	bin, jsonData := batchEncodings(b, batch256())
	// b.Log output of a parent benchmark is not shown, and -count would repeat it: print once.
	printSizes.Do(func() { fmt.Printf("batch256: %d bytes binary, %d bytes JSON\n", len(bin), len(jsonData)) })
	runWorkload(b, w)
}

// TestPrintBenchLines runs every benchmark through testing.Benchmark and prints the
// machine-readable lines `make bench` collects:
//
//	BENCH go <workload> <op> <MB/s with 1 decimal>
//
// It only runs when FLOW_BENCH_LINES=1, so an ordinary `go test ./...` stays fast.
func TestPrintBenchLines(t *testing.T) {
	if os.Getenv("FLOW_BENCH_LINES") != "1" {
		t.Skip("set FLOW_BENCH_LINES=1 to run the benchmarks and print BENCH lines")
	}
	bin, jsonData := batchEncodings(t, batch256())
	fmt.Printf("batch256: %d bytes binary, %d bytes JSON\n", len(bin), len(jsonData))
	corpus := corpusWorkload(t)
	// The report checks these against Rust's: MB/s only compare on the same bytes.
	fmt.Printf("corpus: %d cases, %d bytes binary, %d bytes JSON\n",
		len(loadCorpus(t)), corpus.ops[0].bytes, corpus.ops[2].bytes)
	for _, w := range []workload{corpus, batchWorkload(t)} {
		for _, o := range w.ops {
			r := testing.Benchmark(func(b *testing.B) { measure(b, o) })
			if r.N == 0 || r.T <= 0 {
				// testing.Benchmark reports a failed benchmark as a zero result.
				t.Fatalf("%s/%s: the benchmark failed", w.name, o.name)
			}
			mbPerSec := float64(r.Bytes) * float64(r.N) / 1e6 / r.T.Seconds()
			fmt.Printf("BENCH go %s %s %.1f\n", w.name, o.name, mbPerSec)
		}
	}
}

// TestBatch256Shape pins the parts of the batch the spec fixes, so the Go workload cannot drift
// from Rust's and TypeScript's unnoticed.
func TestBatch256Shape(t *testing.T) {
	batch := batch256()
	r := batch.GetRecords()[7]
	if len(batch.GetRecords()) != 256 || string(r.GetKey()) != "key-000000000007" ||
		r.GetAttributes()["partition"] != "7" || len(r.GetValue().GetData()) != 1024 ||
		r.GetValue().GetData()[1] != byte((7*31+1)%251) ||
		!bytes.Equal(r.GetPosition(), []byte{0, 0, 0, 0, 0, 0, 0, 7}) {
		t.Fatalf("batch256 does not match the spec: record 7 = %v", r)
	}
}
