// Package durable runs one durable instance against core's DurableService: a program whose
// state survives its own crashes and core's. The program registers (or, after a restart,
// resumes) its instance, continues from the last checkpoint, saves progress with Checkpoint,
// waits for outside input with WaitSignal or NextSignal, and ends with Complete.
//
// The Instance tracks the two numbers that make this safe, so the program does not have to:
// the sequence number of the last checkpoint (sent as expected_seq, so that a stale copy of the
// program, a zombie, can never overwrite newer state: it gets ErrCheckpointConflict), and the
// cursor of the last signal handed to the program (saved atomically with each checkpoint, so
// that a resumed program gets every signal after it, none missed and none twice). The
// TypeScript client (services/ts-consumer/src/durable.ts) behaves the same.
package durable

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	durablev1 "github.com/flow-proto/flow-proto/gen/go/flow/durable/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/backoff"
)

// PollWait is how long one PollSignals call may wait for a signal. It is below core's cap
// (60 s) and below the idle timeouts of common proxies, so a quiet wait is a steady series of
// calls instead of one that a middlebox cuts.
const PollWait = 30 * time.Second

// PollGrace is how much longer than PollWait the client waits for an answer before it gives
// up on the call and polls again (a dead connection must not hang the program).
const PollGrace = 5 * time.Second

var (
	// ErrCheckpointConflict means a newer checkpoint exists than the one this Instance builds on
	// (or the instance is complete): another copy of the program owns the instance now. Nothing
	// was written. Stop, or call Resume to continue from the latest state.
	ErrCheckpointConflict = errors.New("durable: checkpoint conflict")
	// ErrInstanceComplete means the instance has an outcome: no signal can arrive and no
	// checkpoint or other outcome is accepted.
	ErrInstanceComplete = errors.New("durable: instance is complete")
	// ErrUnexpectedSignal is matched by the *UnexpectedSignalError of WaitSignal.
	ErrUnexpectedSignal = errors.New("durable: unexpected signal")
)

// ConflictError is the error of a save or completion refused on a stale sequence number. It
// matches ErrCheckpointConflict with errors.Is.
type ConflictError struct {
	InstanceID string
	// ExpectedSeq is the sequence number this Instance built on; LatestSeq the one core has
	// (0 when core did not say, as on a refused completion).
	ExpectedSeq, LatestSeq uint64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("durable: checkpoint conflict on instance %q: built on seq %d, core has seq %d", e.InstanceID, e.ExpectedSeq, e.LatestSeq)
}

// Is makes errors.Is(err, ErrCheckpointConflict) hold.
func (e *ConflictError) Is(target error) bool { return target == ErrCheckpointConflict }

// AlreadyCompleteError is Complete's error when the instance had an outcome already. It matches
// ErrInstanceComplete with errors.Is.
type AlreadyCompleteError struct {
	InstanceID string
	// Recorded is the outcome on record.
	Recorded *commonv1.Outcome
}

func (e *AlreadyCompleteError) Error() string {
	return fmt.Sprintf("durable: instance %q is already complete", e.InstanceID)
}

// Is makes errors.Is(err, ErrInstanceComplete) hold.
func (e *AlreadyCompleteError) Is(target error) bool { return target == ErrInstanceComplete }

// UnexpectedSignalError is WaitSignal's error when the next signal has another name. The signal
// is not consumed: NextSignal returns it. It matches ErrUnexpectedSignal with errors.Is.
type UnexpectedSignalError struct {
	Want string
	Got  *durablev1.Signal
}

func (e *UnexpectedSignalError) Error() string {
	return fmt.Sprintf("durable: waiting for signal %q, the next one is %q (seq %d)", e.Want, e.Got.GetName(), e.Got.GetSeq())
}

// Is makes errors.Is(err, ErrUnexpectedSignal) hold.
func (e *UnexpectedSignalError) Is(target error) bool { return target == ErrUnexpectedSignal }

// Spec identifies the instance to register and what it is created with.
type Spec struct {
	// InstanceID is the instance's id, chosen by the caller (for example "order-4711").
	InstanceID string
	// IdempotencyKey tells this logical start from an unrelated one with the same id: core
	// refuses (ALREADY_EXISTS) another key. Empty resumes whatever exists.
	IdempotencyKey string
	// Handler is the program's entry point; it must match on resume (else FAILED_PRECONDITION).
	Handler string
	// Input, Trace and Labels are stored on creation only; on resume core returns the stored
	// input (Instance.Input).
	Input  *commonv1.Payload
	Trace  *commonv1.TraceContext
	Labels map[string]string
}

// Instance is one program's hold on a durable instance. It is driven by one goroutine, as a
// program's control flow is; it is not safe for concurrent use.
type Instance struct {
	client durablev1.DurableServiceClient
	spec   Spec

	reg     *durablev1.RegisterInstanceResponse
	seq     uint64            // the latest checkpoint this Instance saw or saved
	state   *commonv1.Payload // its state
	cursor  uint64            // the last signal handed to the program
	polled  uint64            // the last signal fetched from core (>= cursor)
	pending []*durablev1.Signal
	ended   bool // core said the instance is complete
}

// Register creates the instance, or resumes it when it exists (after a restart of the program
// or of core): the Instance then continues from the latest checkpoint and signal cursor. The
// program should look at Outcome first: non-nil means there is nothing left to do.
func Register(ctx context.Context, conn grpc.ClientConnInterface, spec Spec) (*Instance, error) {
	i := &Instance{client: durablev1.NewDurableServiceClient(conn), spec: spec}
	if err := i.Resume(ctx); err != nil {
		return nil, err
	}
	return i, nil
}

// Resume registers again and reloads the latest checkpoint and signal cursor from core,
// dropping signals fetched but not yet handed out. Use it after ErrCheckpointConflict to
// continue from the state another copy of the program saved.
func (i *Instance) Resume(ctx context.Context) error {
	resp, err := i.client.RegisterInstance(ctx, &durablev1.RegisterInstanceRequest{
		InstanceId:     i.spec.InstanceID,
		IdempotencyKey: i.spec.IdempotencyKey,
		Handler:        i.spec.Handler,
		Input:          i.spec.Input,
		Trace:          i.spec.Trace,
		Labels:         i.spec.Labels,
	})
	if err != nil {
		return fmt.Errorf("durable: register instance %q: %w", i.spec.InstanceID, err)
	}
	i.reg = resp
	i.seq = resp.GetLastCheckpoint().GetSeq()
	i.state = resp.GetLastCheckpoint().GetState()
	i.cursor = resp.GetSignalCursor()
	i.polled = i.cursor
	i.pending = nil
	i.ended = resp.GetOutcome() != nil
	return nil
}

// ID is the instance id.
func (i *Instance) ID() string { return i.spec.InstanceID }

// Resumed reports whether the latest registration found the instance existing.
func (i *Instance) Resumed() bool { return i.reg.GetResumed() }

// Incarnation counts the registrations of the instance, this one included (1 on creation).
func (i *Instance) Incarnation() uint32 { return i.reg.GetIncarnation() }

// Input is the input the instance was created with.
func (i *Instance) Input() *commonv1.Payload { return i.reg.GetInput() }

// LastCheckpoint is the checkpoint core returned at registration (nil when none was saved).
func (i *Instance) LastCheckpoint() *durablev1.InstanceCheckpoint { return i.reg.GetLastCheckpoint() }

// State is the state of the latest checkpoint this Instance saw or saved (nil when none).
func (i *Instance) State() *commonv1.Payload { return i.state }

// Seq is the sequence number of that checkpoint (0 when none).
func (i *Instance) Seq() uint64 { return i.seq }

// SignalCursor is the seq of the last signal handed to the program (0 when none).
func (i *Instance) SignalCursor() uint64 { return i.cursor }

// Outcome is the instance's outcome when it was already complete at registration, else nil.
func (i *Instance) Outcome() *commonv1.Outcome { return i.reg.GetOutcome() }

// Checkpoint saves state, with the cursor of the signals handed out so far, on top of the
// latest checkpoint, and returns the new sequence number. A stale Instance gets a
// *ConflictError (errors.Is ErrCheckpointConflict) and nothing is written. It is not retried
// on a transport error: whether the save happened is then unknown, and the next attempt or a
// Resume tells.
func (i *Instance) Checkpoint(ctx context.Context, state *commonv1.Payload) (uint64, error) {
	resp, err := i.client.SaveCheckpoint(ctx, &durablev1.SaveCheckpointRequest{
		InstanceId:   i.spec.InstanceID,
		ExpectedSeq:  i.seq,
		State:        state,
		SignalCursor: i.cursor,
	})
	if err != nil {
		return 0, fmt.Errorf("durable: save checkpoint of %q after seq %d: %w", i.spec.InstanceID, i.seq, err)
	}
	if resp.GetConflict() {
		return 0, &ConflictError{InstanceID: i.spec.InstanceID, ExpectedSeq: i.seq, LatestSeq: resp.GetSeq()}
	}
	i.seq, i.state = resp.GetSeq(), state
	return i.seq, nil
}

// NextSignal returns the next signal in the instance's signal log, waiting (by long poll) until
// one arrives or ctx is done. Each signal is returned once; the next Checkpoint records it as
// consumed. While core is unreachable it polls again with backoff. When the instance is
// complete and no signal is left it returns ErrInstanceComplete.
func (i *Instance) NextSignal(ctx context.Context) (*durablev1.Signal, error) {
	s, err := i.peek(ctx)
	if err != nil {
		return nil, err
	}
	i.pending = i.pending[1:]
	i.cursor = s.GetSeq()
	return s, nil
}

// WaitSignal is NextSignal for a program that expects a signal of one name: when the next
// signal has another name it returns an *UnexpectedSignalError and leaves that signal next, so
// that nothing is skipped (the program can take it with NextSignal).
func (i *Instance) WaitSignal(ctx context.Context, name string) (*durablev1.Signal, error) {
	s, err := i.peek(ctx)
	if err != nil {
		return nil, err
	}
	if s.GetName() != name {
		return nil, &UnexpectedSignalError{Want: name, Got: s}
	}
	return i.NextSignal(ctx)
}

// Signals yields NextSignal's results until it fails; the last pair carries the error
// (ErrInstanceComplete at the end of an instance, ctx's error on cancellation).
func (i *Instance) Signals(ctx context.Context) iter.Seq2[*durablev1.Signal, error] {
	return func(yield func(*durablev1.Signal, error) bool) {
		for {
			s, err := i.NextSignal(ctx)
			if !yield(s, err) || err != nil {
				return
			}
		}
	}
}

// peek returns the next signal without consuming it, polling core until there is one.
func (i *Instance) peek(ctx context.Context) (*durablev1.Signal, error) {
	var b backoff.Backoff
	for len(i.pending) == 0 {
		if i.ended {
			return nil, fmt.Errorf("durable: instance %q: %w", i.spec.InstanceID, ErrInstanceComplete)
		}
		err := i.poll(ctx)
		switch {
		case err == nil:
			b.Reset()
		case ctx.Err() != nil:
			return nil, fmt.Errorf("durable: waiting for a signal to %q: %w", i.spec.InstanceID, ctx.Err())
		case retryable(err):
			if backoff.Sleep(ctx, b.Next()) != nil {
				return nil, fmt.Errorf("durable: waiting for a signal to %q: %w (last poll: %v)", i.spec.InstanceID, ctx.Err(), err)
			}
		default:
			return nil, err
		}
	}
	return i.pending[0], nil
}

// poll makes one PollSignals call after the last fetched signal.
func (i *Instance) poll(ctx context.Context) error {
	attempt, cancel := context.WithTimeout(ctx, PollWait+PollGrace)
	defer cancel()
	resp, err := i.client.PollSignals(attempt, &durablev1.PollSignalsRequest{
		InstanceId: i.spec.InstanceID,
		After:      i.polled,
		Wait:       durationpb.New(PollWait),
	})
	if err != nil {
		return fmt.Errorf("durable: poll signals of %q after %d: %w", i.spec.InstanceID, i.polled, err)
	}
	for _, s := range resp.GetSignals() {
		if s.GetSeq() > i.polled { // never hand out a signal twice, whatever the answer holds
			i.pending = append(i.pending, s)
			i.polled = s.GetSeq()
		}
	}
	i.ended = resp.GetInstanceComplete()
	return nil
}

// retryable reports whether a failed poll is worth repeating: core unreachable, our own
// per-call deadline ran out on a dead connection, or the stream was reset under us (CANCELED
// while our ctx is live; peek checks ctx first). The TypeScript client retries the same codes.
func retryable(err error) bool {
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded, codes.Canceled:
		return true
	}
	return false
}

// Complete records the instance's outcome, checked against the latest checkpoint like a save.
// A stale Instance gets a *ConflictError (errors.Is ErrCheckpointConflict); an instance with an
// outcome already an *AlreadyCompleteError (errors.Is ErrInstanceComplete) holding it.
func (i *Instance) Complete(ctx context.Context, outcome *commonv1.Outcome) error {
	resp, err := i.client.CompleteInstance(ctx, &durablev1.CompleteInstanceRequest{
		InstanceId:  i.spec.InstanceID,
		Outcome:     outcome,
		ExpectedSeq: i.seq,
	})
	if err != nil {
		return fmt.Errorf("durable: complete instance %q: %w", i.spec.InstanceID, err)
	}
	switch {
	case resp.GetAccepted():
		i.ended = true
		return nil
	case resp.GetReason() == "ALREADY_COMPLETED":
		i.ended = true
		return &AlreadyCompleteError{InstanceID: i.spec.InstanceID, Recorded: resp.GetRecordedOutcome()}
	case resp.GetReason() == "SEQ_CONFLICT":
		return &ConflictError{InstanceID: i.spec.InstanceID, ExpectedSeq: i.seq}
	default:
		return fmt.Errorf("durable: complete instance %q: not accepted (%s)", i.spec.InstanceID, resp.GetReason())
	}
}
