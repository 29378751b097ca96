package durable_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"google.golang.org/grpc"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	durablev1 "github.com/flow-proto/flow-proto/gen/go/flow/durable/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/durable"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/coretest"
)

// Tests run against the real flow-core binary over loopback gRPC; "a crash" is SIGKILL of
// core and a restart on the same data directory.

func payload(s string) *commonv1.Payload { return &commonv1.Payload{Data: []byte(s)} }

func spec(id string) durable.Spec {
	return durable.Spec{InstanceID: id, IdempotencyKey: "start-1", Handler: "order-workflow", Input: payload("input")}
}

func register(t *testing.T, conn grpc.ClientConnInterface, id string) *durable.Instance {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	inst, err := durable.Register(ctx, conn, spec(id))
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	return inst
}

// signal sends a signal as an outsider would, and reports whether core deduplicated it. It
// waits for the connection to be ready (core may just have restarted) and reports failure with
// t.Errorf, so that it may run on another goroutine.
func signal(t *testing.T, conn grpc.ClientConnInterface, id, name, key string) (seq uint64, duplicate bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := durablev1.NewDurableServiceClient(conn).SignalInstance(ctx, &durablev1.SignalInstanceRequest{
		InstanceId: id, Name: name, Payload: payload(name), IdempotencyKey: key, Sender: "test",
	}, grpc.WaitForReady(true))
	if err != nil {
		t.Errorf("SignalInstance(%s): %v", name, err)
	}
	return resp.GetSeq(), resp.GetDuplicate()
}

func checkpoint(t *testing.T, inst *durable.Instance, state string) uint64 {
	t.Helper()
	seq, err := inst.Checkpoint(context.Background(), payload(state))
	if err != nil {
		t.Fatalf("Checkpoint(%s): %v", state, err)
	}
	return seq
}

func success(s string) *commonv1.Outcome {
	return &commonv1.Outcome{Outcome: &commonv1.Outcome_Success_{Success: &commonv1.Outcome_Success{Result: payload(s)}}}
}

func TestCheckpointsAdvanceAndAStaleCopyGetsAConflict(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	inst := register(t, conn, "order-1")
	if inst.Resumed() || inst.LastCheckpoint() != nil || inst.Incarnation() != 1 {
		t.Fatalf("a new instance: resumed %v, checkpoint %v, incarnation %d", inst.Resumed(), inst.LastCheckpoint(), inst.Incarnation())
	}
	if s1, s2 := checkpoint(t, inst, "one"), checkpoint(t, inst, "two"); s1 != 1 || s2 != 2 {
		t.Fatalf("seqs %d, %d; want 1, 2", s1, s2)
	}

	// A second copy of the program (after a network split, say) takes over at seq 2 and saves;
	// the first copy is now a zombie and must not overwrite the newer state.
	other := register(t, conn, "order-1")
	if !other.Resumed() || other.Seq() != 2 || string(other.State().GetData()) != "two" {
		t.Fatalf("resume: resumed %v, seq %d, state %q", other.Resumed(), other.Seq(), other.State().GetData())
	}
	checkpoint(t, other, "three")
	_, err := inst.Checkpoint(context.Background(), payload("stale"))
	if !errors.Is(err, durable.ErrCheckpointConflict) {
		t.Fatalf("stale checkpoint: %v, want ErrCheckpointConflict", err)
	}
	var conflict *durable.ConflictError
	if !errors.As(err, &conflict) || conflict.ExpectedSeq != 2 || conflict.LatestSeq != 3 {
		t.Fatalf("conflict %+v, want expected 2, latest 3", conflict)
	}
	if err := inst.Complete(context.Background(), success("stale")); !errors.Is(err, durable.ErrCheckpointConflict) {
		t.Fatalf("stale Complete: %v, want ErrCheckpointConflict", err)
	}
	// Resume reloads the latest state, and the old copy may carry on from there.
	if err := inst.Resume(context.Background()); err != nil {
		t.Fatal(err)
	}
	if inst.Seq() != 3 || string(inst.State().GetData()) != "three" {
		t.Fatalf("after Resume: seq %d state %q", inst.Seq(), inst.State().GetData())
	}
	if seq := checkpoint(t, inst, "four"); seq != 4 {
		t.Fatalf("seq %d after resume, want 4", seq)
	}
}

func TestASignalSentTwiceWithOneKeyIsDeliveredOnce(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	inst := register(t, conn, "order-2")
	if _, dup := signal(t, conn, "order-2", "approve", "approve-1"); dup {
		t.Fatal("first signal reported as duplicate")
	}
	if _, dup := signal(t, conn, "order-2", "approve", "approve-1"); !dup {
		t.Fatal("retried signal not reported as duplicate")
	}
	signal(t, conn, "order-2", "ship", "ship-1")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := inst.WaitSignal(ctx, "approve")
	if err != nil || s.GetSeq() != 1 || s.GetIdempotencyKey() != "approve-1" {
		t.Fatalf("WaitSignal(approve) = %v, %v", s, err)
	}
	// The next one is "ship", not the retried "approve".
	_, err = inst.WaitSignal(ctx, "approve")
	var unexpected *durable.UnexpectedSignalError
	if !errors.As(err, &unexpected) || unexpected.Got.GetName() != "ship" || !errors.Is(err, durable.ErrUnexpectedSignal) {
		t.Fatalf("WaitSignal(approve) again = %v, want UnexpectedSignalError for ship", err)
	}
	if s, err := inst.NextSignal(ctx); err != nil || s.GetName() != "ship" || s.GetSeq() != 2 {
		t.Fatalf("NextSignal = %v, %v; want ship (seq 2), left in place by WaitSignal", s, err)
	}
	// Nothing else: the duplicate was never stored, so a wait runs into its deadline.
	short, cancelShort := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancelShort()
	if s, err := inst.NextSignal(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("NextSignal after the last signal = %v, %v; want the deadline", s, err)
	}
}

func TestALongPollWakesWhenASignalArrives(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	inst := register(t, conn, "order-3")
	go func() {
		time.Sleep(300 * time.Millisecond)
		signal(t, conn, "order-3", "approve", "")
	}()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := inst.WaitSignal(ctx, "approve")
	if err != nil {
		t.Fatalf("WaitSignal: %v", err)
	}
	if took := time.Since(start); took < 250*time.Millisecond || took > 3*time.Second {
		t.Fatalf("woke after %v; want soon after the signal (300 ms), not at the end of a %v poll", took, durable.PollWait)
	}
	if s.GetSeq() != 1 {
		t.Fatalf("seq %d", s.GetSeq())
	}
}

// Kill -9 of core, restart on the same data: the instance resumes from its last checkpoint and
// signal cursor, gets the one signal it had not consumed (not the consumed one again), and
// completes once.
func TestResumeAfterCoreIsKilledReturnsTheLastCheckpoint(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	inst := register(t, conn, "order-4")
	checkpoint(t, inst, "one")
	signal(t, conn, "order-4", "approve", "approve-1")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := inst.WaitSignal(ctx, "approve"); err != nil {
		t.Fatal(err)
	}
	checkpoint(t, inst, "two, approved") // records signal 1 as consumed
	signal(t, conn, "order-4", "ship", "ship-1")

	core.Restart()

	// The program restarts too: a fresh Instance, as after a crash of the program.
	resumed := register(t, conn, "order-4")
	if !resumed.Resumed() || resumed.Incarnation() != 2 {
		t.Fatalf("resumed %v incarnation %d", resumed.Resumed(), resumed.Incarnation())
	}
	cp := resumed.LastCheckpoint()
	if cp.GetSeq() != 2 || string(cp.GetState().GetData()) != "two, approved" || resumed.SignalCursor() != 1 {
		t.Fatalf("last checkpoint %v, cursor %d; want seq 2 \"two, approved\", cursor 1", cp, resumed.SignalCursor())
	}
	if string(resumed.Input().GetData()) != "input" {
		t.Fatalf("input %q", resumed.Input().GetData())
	}
	s, err := resumed.NextSignal(ctx)
	if err != nil || s.GetName() != "ship" {
		t.Fatalf("first signal after resume = %v, %v; want ship (approve was consumed)", s, err)
	}
	// The retried key still deduplicates after the crash.
	if _, dup := signal(t, conn, "order-4", "approve", "approve-1"); !dup {
		t.Fatal("signal key forgotten by the restart")
	}
	if err := resumed.Complete(ctx, success("shipped")); err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if _, err := resumed.NextSignal(ctx); !errors.Is(err, durable.ErrInstanceComplete) {
		t.Fatalf("NextSignal after Complete: %v, want ErrInstanceComplete", err)
	}
	var already *durable.AlreadyCompleteError
	if err := resumed.Complete(ctx, success("again")); !errors.As(err, &already) ||
		string(already.Recorded.GetSuccess().GetResult().GetData()) != "shipped" {
		t.Fatalf("second Complete: %v, want AlreadyCompleteError holding the first outcome", err)
	}
	// A program started after the end learns there is nothing left to do.
	late := register(t, conn, "order-4")
	if string(late.Outcome().GetSuccess().GetResult().GetData()) != "shipped" {
		t.Fatalf("outcome on register after completion: %v", late.Outcome())
	}
	for s, err := range late.Signals(ctx) {
		if !errors.Is(err, durable.ErrInstanceComplete) {
			t.Fatalf("Signals of a complete instance yielded %v, %v; want ErrInstanceComplete at once", s, err)
		}
	}
}

// A program waiting for a signal while core is down keeps polling (with backoff) and gets the
// signal sent after core is back.
func TestAWaitOutlivesACoreRestart(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	inst := register(t, conn, "order-5")
	got := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		s, err := inst.WaitSignal(ctx, "approve")
		if err == nil && s.GetName() != "approve" {
			err = errors.New("wrong signal " + s.GetName())
		}
		got <- err
	}()
	time.Sleep(300 * time.Millisecond) // the poll is waiting in core
	core.Kill()
	time.Sleep(time.Second)
	core.Start()
	signal(t, conn, "order-5", "approve", "approve-1")
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the wait did not get the signal sent after the restart")
	}
}

func TestRegisterReportsCoresRefusal(t *testing.T) {
	core := coretest.Start(t)
	conn := core.Dial()
	register(t, conn, "order-6")
	other := spec("order-6")
	other.IdempotencyKey = "another-start"
	if _, err := durable.Register(context.Background(), conn, other); err == nil {
		t.Fatal("registered an existing instance with another idempotency key")
	}
}
