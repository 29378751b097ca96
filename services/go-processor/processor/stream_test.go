package processor

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
)

const testID = "instr-1"

// startServer serves the processor on 127.0.0.1:0 and returns a client; both stop with the test.
func startServer(t *testing.T, opts Options) processorv1.ProcessorServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	processorv1.RegisterProcessorServiceServer(srv, NewService(opts))
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return processorv1.NewProcessorServiceClient(conn)
}

// core plays Flow core on one stream, with a deadline so a hung processor fails the test.
type core struct {
	t      *testing.T
	stream processorv1.ProcessorService_ProcessClient
	// inCredit is what the processor granted us and we have not used.
	inCredit budget
}

func open(t *testing.T, opts Options) *core {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	stream, err := startServer(t, opts).Process(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &core{t: t, stream: stream}
}

func (c *core) send(req *processorv1.ProcessRequest) {
	c.t.Helper()
	if req.InstructionId == "" {
		req.InstructionId = testID
	}
	if err := c.stream.Send(req); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// recv returns the next message other than progress and log (always allowed, any time), and
// checks the instruction_id. Input credit grants are added to inCredit.
func (c *core) recv() (*processorv1.ProcessResponse, error) {
	for {
		m, err := c.stream.Recv()
		if err != nil {
			return nil, err
		}
		if m.GetInstructionId() != testID {
			c.t.Fatalf("response with instruction_id %q, want %q", m.GetInstructionId(), testID)
		}
		switch m.GetKind().(type) {
		case *processorv1.ProcessResponse_Progress, *processorv1.ProcessResponse_Log:
			continue
		case *processorv1.ProcessResponse_Credit:
			c.inCredit.add(m.GetCredit())
		}
		return m, nil
	}
}

// recvNonCredit skips input credit grants.
func (c *core) recvNonCredit() *processorv1.ProcessResponse {
	c.t.Helper()
	for {
		m, err := c.recv()
		if err != nil {
			c.t.Fatalf("recv: %v", err)
		}
		if m.GetCredit() == nil {
			return m
		}
	}
}

func (c *core) expectEnd(code codes.Code) error {
	c.t.Helper()
	for {
		m, err := c.recv()
		if err == nil {
			if code == codes.OK && m.GetCredit() == nil {
				c.t.Fatalf("unexpected message before the end: %v", m)
			}
			continue
		}
		if code == codes.OK {
			if !errors.Is(err, io.EOF) {
				c.t.Fatalf("stream ended with %v, want status OK", err)
			}
			return nil
		}
		if status.Code(err) != code {
			c.t.Fatalf("stream ended with %v, want %v", err, code)
		}
		return err
	}
}

func startReq(credit *commonv1.Credit, cfg map[string]any) *processorv1.ProcessRequest {
	st := &processorv1.ProcessStart{Component: ComponentName, InitialCredit: credit, Generation: 1}
	if cfg != nil {
		st.Config = mustStructNoT(cfg)
	}
	return &processorv1.ProcessRequest{Kind: &processorv1.ProcessRequest_Start{Start: st}}
}

func mustStructNoT(m map[string]any) *structpb.Struct {
	s, err := structpb.NewStruct(m)
	if err != nil {
		panic(err) // test literals only
	}
	return s
}

func batchReq(id uint64, recs ...*commonv1.Record) *processorv1.ProcessRequest {
	return &processorv1.ProcessRequest{Kind: &processorv1.ProcessRequest_Batch{Batch: &commonv1.RecordBatch{BatchId: id, Stream: "orders", Records: recs}}}
}

func barrierReq(seq uint64) *processorv1.ProcessRequest {
	return &processorv1.ProcessRequest{Kind: &processorv1.ProcessRequest_Barrier{Barrier: &processorv1.Barrier{CheckpointId: "cp", Seq: seq}}}
}

func drainReq() *processorv1.ProcessRequest {
	return &processorv1.ProcessRequest{Kind: &processorv1.ProcessRequest_Drain{Drain: &processorv1.Drain{Reason: "end-of-input", Flush: true}}}
}

func creditReq(records uint32, bytes uint64) *processorv1.ProcessRequest {
	return &processorv1.ProcessRequest{Kind: &processorv1.ProcessRequest_Credit{Credit: &commonv1.Credit{Records: records, Bytes: bytes}}}
}

// sendBatch sends a batch after checking it fits in the credit the processor granted, like core.
func (c *core) sendBatch(id uint64, recs ...*commonv1.Record) {
	c.t.Helper()
	n, b := uint64(len(recs)), recordsSize(recs)
	if !c.inCredit.fits(n, b) {
		c.t.Fatalf("test bug: batch %d does not fit the input credit %+v", id, c.inCredit)
	}
	c.inCredit.take(n, b)
	c.send(batchReq(id, recs...))
}

func TestProcessFullStream(t *testing.T) {
	c := open(t, Options{ProgressInterval: 5 * time.Millisecond})
	c.send(startReq(&commonv1.Credit{Records: 1000, Bytes: 1 << 20}, nil))
	if m := c.recvNonCreditOrFirst(); m.GetCredit() == nil {
		t.Fatalf("first response must grant input credit, got %v", m)
	}
	c.sendBatch(1, rec(EncodingText, "a"), rec(EncodingText, "b"))
	c.sendBatch(2, rec(EncodingJSON, `{"k":"v"}`), rec(EncodingJSON, `nope`))
	c.send(barrierReq(7))
	c.sendBatch(3, rec(EncodingText, "c"))
	c.send(drainReq())

	type want struct {
		input   uint64
		data    []string
		errIdx  []uint32
		barrier bool
	}
	wants := []want{
		{input: 1, data: []string{"A", "B"}},
		{input: 2, data: []string{`{"k":"V"}`}, errIdx: []uint32{1}},
		{barrier: true},
		{input: 3, data: []string{"C"}},
	}
	var lastOut uint64
	for i, w := range wants {
		m := c.recvNonCredit()
		if w.barrier {
			if ack := m.GetBarrierAck(); ack == nil || ack.GetSeq() != 7 || ack.GetCheckpointId() != "cp" {
				t.Fatalf("message %d = %v, want barrier_ack seq 7", i, m)
			}
			continue
		}
		out := m.GetOutput()
		if out == nil || out.GetInputBatchId() != w.input || !out.GetComplete() || len(out.GetBatches()) != 1 {
			t.Fatalf("message %d = %v, want complete output of input batch %d", i, m, w.input)
		}
		b := out.GetBatches()[0]
		if b.GetBatchId() <= lastOut || b.GetStream() != "orders" {
			t.Fatalf("output batch id %d (after %d) stream %q", b.GetBatchId(), lastOut, b.GetStream())
		}
		lastOut = b.GetBatchId()
		var got []string
		for _, r := range b.GetRecords() {
			got = append(got, string(r.GetValue().GetData()))
			if r.GetAttributes()[ProcessedByKey] != ProcessedByValue {
				t.Errorf("record %v lacks the processed_by attribute", r)
			}
		}
		if strings.Join(got, "|") != strings.Join(w.data, "|") {
			t.Errorf("input %d: output data %q, want %q", w.input, got, w.data)
		}
		var idx []uint32
		for _, e := range out.GetErrors() {
			idx = append(idx, e.GetRecordIndex())
		}
		if len(idx) != len(w.errIdx) || (len(idx) > 0 && idx[0] != w.errIdx[0]) {
			t.Errorf("input %d: errors at %v, want %v", w.input, idx, w.errIdx)
		}
	}
	c.expectEnd(codes.OK)
}

// recvNonCreditOrFirst returns the next message, credit included.
func (c *core) recvNonCreditOrFirst() *processorv1.ProcessResponse {
	c.t.Helper()
	m, err := c.recv()
	if err != nil {
		c.t.Fatalf("recv: %v", err)
	}
	return m
}

// The processor must never send more output than granted: grant one record at a time and check
// every output against what is left.
func TestProcessNeverExceedsOutputCredit(t *testing.T) {
	c := open(t, Options{})
	c.send(startReq(&commonv1.Credit{Records: 0, Bytes: 1 << 20}, nil))
	recs := []*commonv1.Record{rec(EncodingText, "1"), rec(EncodingText, "2"), rec(EncodingText, "3"), rec(EncodingText, "4"), rec(EncodingText, "5")}
	c.recvNonCreditOrFirst() // the input credit grant
	c.sendBatch(1, recs...)

	left := budget{records: 0, bytes: 1 << 20}
	var got []string
	for complete := false; !complete; {
		// Nothing may arrive while we have granted no records: give it time to misbehave.
		quiet := make(chan *processorv1.ProcessResponse, 1)
		go func() {
			m, err := c.recv()
			if err == nil {
				quiet <- m
			}
			close(quiet)
		}()
		select {
		case m := <-quiet:
			t.Fatalf("processor sent %v with no record credit left", m)
		case <-time.After(50 * time.Millisecond):
		}
		c.send(creditReq(1, 0))
		left.records++
		m, ok := <-quiet
		if !ok {
			t.Fatal("stream ended early")
		}
		out := m.GetOutput()
		if out == nil {
			t.Fatalf("want output, got %v", m)
		}
		for _, b := range out.GetBatches() {
			n, size := uint64(len(b.GetRecords())), recordsSize(b.GetRecords())
			if !left.fits(n, size) {
				t.Fatalf("output batch of %d records, %d bytes exceeds credit %+v", n, size, left)
			}
			left.take(n, size)
			for _, r := range b.GetRecords() {
				got = append(got, string(r.GetValue().GetData()))
			}
		}
		complete = out.GetComplete()
	}
	if strings.Join(got, "") != "12345" {
		t.Fatalf("records out of order or missing: %v", got)
	}
	c.send(drainReq())
	c.expectEnd(codes.OK)
}

func TestProcessProtocolFaults(t *testing.T) {
	big := rec(EncodingText, strings.Repeat("x", 100))
	cases := []struct {
		name  string
		steps func(c *core)
	}{
		{"batch before start", func(c *core) { c.send(batchReq(1, rec(EncodingText, "a"))) }},
		{"drain before start", func(c *core) { c.send(drainReq()) }},
		{"second start", func(c *core) { c.send(startReq(nil, nil)); c.send(startReq(nil, nil)) }},
		{"empty instruction id", func(c *core) {
			r := startReq(nil, nil)
			r.InstructionId = ""
			_ = c.stream.Send(r)
		}},
		{"mismatching instruction id", func(c *core) {
			c.send(startReq(nil, nil))
			r := creditReq(1, 1)
			r.InstructionId = "other"
			c.send(r)
		}},
		{"batch beyond input credit", func(c *core) { c.send(startReq(nil, nil)); c.send(batchReq(1, big)) }},
		{"batch ids not increasing", func(c *core) {
			c.send(startReq(nil, nil))
			c.send(batchReq(2, rec(EncodingText, "a")))
			c.send(batchReq(2, rec(EncodingText, "a")))
		}},
		{"barrier seq not increasing", func(c *core) { c.send(startReq(nil, nil)); c.send(barrierReq(2)); c.send(barrierReq(1)) }},
		{"batch after drain", func(c *core) {
			// Batch 1 waits for output credit that never comes, so the stream is still open.
			c.send(startReq(nil, nil))
			c.send(batchReq(1, rec(EncodingText, "a")))
			c.send(drainReq())
			c.send(batchReq(2, rec(EncodingText, "b")))
		}},
		{"close without drain", func(c *core) { c.send(startReq(nil, nil)); _ = c.stream.CloseSend() }},
		{"no kind", func(c *core) { c.send(startReq(nil, nil)); c.send(&processorv1.ProcessRequest{}) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A 50-byte input buffer makes the "beyond credit" case easy to hit; an output credit
			// of 0 keeps the "after drain" stream from finishing before the batch arrives.
			c := open(t, Options{InputBufferBytes: 50})
			tc.steps(c)
			err := c.expectEnd(codes.FailedPrecondition)
			if !strings.Contains(err.Error(), "protocol fault") {
				t.Errorf("error %v does not say it is a protocol fault", err)
			}
		})
	}
}

func TestProcessInvalidConfigIsATerminalFailure(t *testing.T) {
	c := open(t, Options{})
	c.send(startReq(nil, map[string]any{"mode": "shout"}))
	m := c.recvNonCreditOrFirst()
	f := m.GetFailure()
	if f == nil || f.GetType() != FailureConfigInvalid || !f.GetNonRetryable() || len(f.GetDetails()) != 1 {
		t.Fatalf("want a config.invalid failure with one diagnostic, got %v", m)
	}
	d := &commonv1.Diagnostic{}
	if err := f.GetDetails()[0].UnmarshalTo(d); err != nil {
		t.Fatal(err)
	}
	if d.GetAttribute().GetSteps()[0].GetAttributeName() != "mode" || d.GetReason() != ReasonInvalidValue {
		t.Fatalf("diagnostic %v", d)
	}
	c.expectEnd(codes.OK)
}

func TestProcessPassthroughAndEmptyOutput(t *testing.T) {
	c := open(t, Options{})
	c.send(startReq(&commonv1.Credit{Records: 10, Bytes: 1 << 20}, map[string]any{"mode": "passthrough"}))
	c.recvNonCreditOrFirst()
	in := rec(EncodingText, "keep me")
	want := proto.Clone(in)
	c.sendBatch(1, in)
	c.sendBatch(2) // an empty batch still gets a complete output, with no batches
	c.send(drainReq())
	m := c.recvNonCredit().GetOutput()
	if m == nil || !proto.Equal(m.GetBatches()[0].GetRecords()[0], want) {
		t.Fatalf("passthrough output %v", m)
	}
	m = c.recvNonCredit().GetOutput()
	if m == nil || m.GetInputBatchId() != 2 || !m.GetComplete() || len(m.GetBatches()) != 0 {
		t.Fatalf("empty batch output %v", m)
	}
	c.expectEnd(codes.OK)
}
