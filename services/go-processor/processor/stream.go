package processor

import (
	"errors"
	"fmt"
	"io"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/timestamppb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
)

// Failure types sent in a terminal `failure` when a stream cannot start.
const (
	FailureConfigInvalid    = "config.invalid"
	FailureUnknownComponent = "component.unknown"
)

// run is the state of one Process stream. Only serve's goroutine touches it; a helper goroutine
// only receives, because grpc-go allows one receiver and one sender at a time but a blocking
// Recv must not stop us from sending output when credit arrives.
type run struct {
	opts   Options
	stream processorv1.ProcessorService_ProcessServer

	id              string // the start's instruction_id
	cfg             Config
	maxBatchRecords uint64 // 0: no limit but credit
	maxBatchBytes   uint64

	out budget // output credit core granted and we have not used
	in  budget // input credit we granted and core has not used

	// queue holds what arrived and is not fully answered yet, in arrival order: batches whose
	// output is not complete and barriers not yet acknowledged. Answering strictly from the head
	// gives the ordering rules: outputs in input order, barrier_ack exactly between the outputs
	// of the batches before and after it.
	queue []item

	lastBatchID    uint64
	haveBatch      bool
	lastBarrierSeq uint64
	haveBarrier    bool
	nextOutBatchID uint64
	draining       bool

	progress commonv1.Progress
}

// item is one queued batch or barrier.
type item struct {
	barrier *processorv1.Barrier
	batch   *pending
}

// pending is an input batch whose output is being sent.
type pending struct {
	inputID    uint64
	stream     string
	res        Result
	next       int  // index in res.Records of the first record not yet sent
	errorsSent bool // res.Errors go out with the first output message
	inRecords  uint64
	inBytes    uint64
}

func newRun(opts Options, stream processorv1.ProcessorService_ProcessServer) *run {
	return &run{opts: opts, stream: stream, nextOutBatchID: 1}
}

// fault is a protocol violation by core: processor.proto ends the RPC with FAILED_PRECONDITION.
func fault(format string, args ...any) error {
	return status.Errorf(codes.FailedPrecondition, "flow.processor.v1 protocol fault: "+format, args...)
}

type received struct {
	req *processorv1.ProcessRequest
	err error
}

func (r *run) serve() error {
	ctx := r.stream.Context()
	msgs := make(chan received)
	go func() {
		for {
			req, err := r.stream.Recv()
			select {
			case msgs <- received{req, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()

	// Nothing may be sent before start, so wait for it with no ticker running.
	var first received
	select {
	case first = <-msgs:
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	}
	if errors.Is(first.err, io.EOF) {
		return fault("stream closed before start")
	}
	if first.err != nil {
		return first.err
	}
	if done, err := r.start(first.req); done || err != nil {
		return err
	}

	var tick <-chan time.Time
	if r.opts.ProgressInterval > 0 {
		t := time.NewTicker(r.opts.ProgressInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		if err := r.pump(); err != nil {
			return err
		}
		if r.draining && len(r.queue) == 0 {
			// Everything answered: a last progress report, then status OK.
			return r.sendProgress()
		}
		select {
		case m := <-msgs:
			if errors.Is(m.err, io.EOF) {
				if !r.draining {
					return fault("stream closed by core without drain")
				}
				// Core half-closed after drain; finish with the credit we have. Stop reading.
				msgs = nil
				continue
			}
			if m.err != nil {
				return m.err
			}
			if err := r.handle(m.req); err != nil {
				return err
			}
		case <-tick:
			if err := r.sendProgress(); err != nil {
				return err
			}
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
}

// start checks the first message and prepares the run. done is true when the stream ended with
// a terminal failure (status OK, the failure in the body).
func (r *run) start(req *processorv1.ProcessRequest) (done bool, err error) {
	st := req.GetStart()
	if st == nil {
		return true, fault("first message must be start, got %s", kindName(req))
	}
	if req.GetInstructionId() == "" {
		return true, fault("start has an empty instruction_id")
	}
	r.id = req.GetInstructionId()
	if st.GetComponent() != ComponentName {
		return true, r.fail(&commonv1.Failure{
			Message:      fmt.Sprintf("unknown component %q; this service provides %q", st.GetComponent(), ComponentName),
			Type:         FailureUnknownComponent,
			NonRetryable: true,
			Source:       failureSource,
		})
	}
	cfg, diags := ParseConfig(st.GetConfig())
	if HasError(diags) {
		f := &commonv1.Failure{
			Message:      "invalid configuration for " + ComponentName,
			Type:         FailureConfigInvalid,
			NonRetryable: true,
			Source:       failureSource,
		}
		for _, d := range diags {
			a, err := anypb.New(d)
			if err != nil {
				return true, status.Errorf(codes.Internal, "packing diagnostic: %v", err)
			}
			f.Details = append(f.Details, a)
		}
		return true, r.fail(f)
	}
	r.cfg = cfg
	r.maxBatchRecords = uint64(st.GetMaxBatchRecords())
	r.maxBatchBytes = st.GetMaxBatchBytes()
	if r.maxBatchBytes == 0 {
		r.maxBatchBytes = r.opts.DefaultMaxBatchBytes
	}
	r.out.add(st.GetInitialCredit())
	// Offer core the whole input buffer; it comes back batch by batch as outputs complete.
	grant := &commonv1.Credit{Records: r.opts.InputBufferRecords, Bytes: r.opts.InputBufferBytes}
	r.in.add(grant)
	return false, r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_Credit{Credit: grant}})
}

// handle applies one message received after start.
func (r *run) handle(req *processorv1.ProcessRequest) error {
	if req.GetInstructionId() != r.id {
		return fault("instruction_id %q does not match the start's %q", req.GetInstructionId(), r.id)
	}
	switch k := req.GetKind().(type) {
	case *processorv1.ProcessRequest_Start:
		return fault("second start on the stream")
	case *processorv1.ProcessRequest_Credit:
		r.out.add(k.Credit)
		return nil
	case *processorv1.ProcessRequest_Batch:
		return r.acceptBatch(k.Batch)
	case *processorv1.ProcessRequest_Barrier:
		if r.draining {
			return fault("barrier %d after drain", k.Barrier.GetSeq())
		}
		if r.haveBarrier && k.Barrier.GetSeq() <= r.lastBarrierSeq {
			return fault("barrier seq %d not greater than the previous %d", k.Barrier.GetSeq(), r.lastBarrierSeq)
		}
		r.haveBarrier, r.lastBarrierSeq = true, k.Barrier.GetSeq()
		r.queue = append(r.queue, item{barrier: k.Barrier})
		return nil
	case *processorv1.ProcessRequest_Drain:
		if r.draining {
			return fault("second drain")
		}
		r.draining = true
		return nil
	default:
		return fault("message with no kind set (or a kind this processor does not know)")
	}
}

// acceptBatch checks a batch against the protocol and our credit, transforms it and queues its
// output.
func (r *run) acceptBatch(b *commonv1.RecordBatch) error {
	if r.draining {
		return fault("batch %d after drain", b.GetBatchId())
	}
	if r.haveBatch && b.GetBatchId() <= r.lastBatchID {
		return fault("batch_id %d not greater than the previous %d", b.GetBatchId(), r.lastBatchID)
	}
	records, bytes := uint64(len(b.GetRecords())), recordsSize(b.GetRecords())
	if !r.in.fits(records, bytes) {
		return fault("batch %d (%d records, %d bytes) exceeds the input credit left (%d records, %d bytes)",
			b.GetBatchId(), records, bytes, r.in.records, r.in.bytes)
	}
	r.in.take(records, bytes)
	r.haveBatch, r.lastBatchID = true, b.GetBatchId()
	r.queue = append(r.queue, item{batch: &pending{
		inputID:   b.GetBatchId(),
		stream:    b.GetStream(),
		res:       Transform(r.cfg, b.GetRecords(), r.maxBatchBytes),
		inRecords: records,
		inBytes:   bytes,
	}})
	return nil
}

// pump answers queued items from the head for as long as output credit allows.
func (r *run) pump() error {
	for len(r.queue) > 0 {
		head := r.queue[0]
		if head.barrier != nil {
			if err := r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_BarrierAck{
				BarrierAck: &processorv1.BarrierAck{CheckpointId: head.barrier.GetCheckpointId(), Seq: head.barrier.GetSeq()},
			}}); err != nil {
				return err
			}
			r.queue = r.queue[1:]
			continue
		}
		b := head.batch
		complete, err := r.sendOutput(b)
		if err != nil || !complete {
			return err
		}
		r.queue = r.queue[1:]
		r.progress.Records += b.inRecords
		r.progress.Bytes += b.inBytes
		r.progress.Batches++
		r.progress.Errors += uint64(len(b.res.Errors))
		// The batch has left the buffer: give its room back, unless no more input may come.
		if !r.draining && (b.inRecords > 0 || b.inBytes > 0) {
			grant := &commonv1.Credit{Records: uint32(b.inRecords), Bytes: b.inBytes}
			r.in.add(grant)
			if err := r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_Credit{Credit: grant}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// sendOutput sends as much of b's output as the credit and batch limits allow. It reports
// whether the output is complete (the message with `complete` has been sent).
func (r *run) sendOutput(b *pending) (bool, error) {
	for {
		if b.next == len(b.res.Records) {
			// Nothing (left) to send: only reached when the batch produced no records, since the
			// last chunk of records carries `complete` itself. Uses no credit.
			return true, r.sendChunk(b, 0, 0)
		}
		n, bytes := r.fit(b)
		if n == 0 {
			return false, nil // wait for credit
		}
		if err := r.sendChunk(b, n, bytes); err != nil {
			return false, err
		}
		if b.next == len(b.res.Records) {
			return true, nil
		}
	}
}

// fit returns how many of b's next records fit in one output batch now.
func (r *run) fit(b *pending) (n int, bytes uint64) {
	maxRecords := r.out.records
	if r.maxBatchRecords > 0 && r.maxBatchRecords < maxRecords {
		maxRecords = r.maxBatchRecords
	}
	maxBytes := min(r.out.bytes, r.maxBatchBytes)
	for i := b.next; i < len(b.res.Records) && uint64(n) < maxRecords; i++ {
		if bytes+b.res.Sizes[i] > maxBytes {
			break
		}
		bytes += b.res.Sizes[i]
		n++
	}
	return n, bytes
}

// sendChunk sends the next n records of b (n may be 0) as one output message.
func (r *run) sendChunk(b *pending, n int, bytes uint64) error {
	out := &processorv1.ProcessOutput{InputBatchId: b.inputID}
	if n > 0 {
		out.Batches = []*commonv1.RecordBatch{{
			BatchId: r.nextOutBatchID,
			Stream:  b.stream,
			Records: b.res.Records[b.next : b.next+n],
		}}
		r.nextOutBatchID++
		r.out.take(uint64(n), bytes)
		b.next += n
	}
	if !b.errorsSent {
		out.Errors, b.errorsSent = b.res.Errors, true
	}
	out.Complete = b.next == len(b.res.Records)
	return r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_Output{Output: out}})
}

func (r *run) sendProgress() error {
	p := proto.Clone(&r.progress).(*commonv1.Progress)
	p.FractionComplete = -1 // a stream has no known end
	p.ObservedAt = timestamppb.Now()
	return r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_Progress{Progress: p}})
}

// fail sends a terminal failure; the RPC then ends with status OK, as processor.proto requires.
func (r *run) fail(f *commonv1.Failure) error {
	return r.send(&processorv1.ProcessResponse{Kind: &processorv1.ProcessResponse_Failure{Failure: f}})
}

func (r *run) send(resp *processorv1.ProcessResponse) error {
	resp.InstructionId = r.id
	return r.stream.Send(resp)
}

// recordsSize is a batch's size for credit: the serialized size of its records.
func recordsSize(records []*commonv1.Record) uint64 {
	var n uint64
	for _, rec := range records {
		n += uint64(proto.Size(rec))
	}
	return n
}

func kindName(req *processorv1.ProcessRequest) string {
	switch req.GetKind().(type) {
	case *processorv1.ProcessRequest_Start:
		return "start"
	case *processorv1.ProcessRequest_Batch:
		return "batch"
	case *processorv1.ProcessRequest_Credit:
		return "credit"
	case *processorv1.ProcessRequest_Barrier:
		return "barrier"
	case *processorv1.ProcessRequest_Drain:
		return "drain"
	default:
		return "a message with no kind"
	}
}
