package worker

import (
	"context"
	"time"

	"google.golang.org/protobuf/proto"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
)

// Handler runs the tasks of one handler name. One value serves every attempt, so Run may be
// called concurrently (up to the worker's MaxConcurrent).
//
// ctx is cancelled when cancellation is requested (context.Cause(ctx) is then a
// *CancelRequest), at the task's deadline, or when core says the attempt has ended. The returned
// payload is the success result; an error becomes the outcome as described at Outcome errors
// (FailureError, RetryAfterError, CancelledError); a panic becomes a failure of type
// HandlerPanickedType.
type Handler interface {
	Run(ctx context.Context, task *Task) (*commonv1.Payload, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, task *Task) (*commonv1.Payload, error)

// Run calls f.
func (f HandlerFunc) Run(ctx context.Context, task *Task) (*commonv1.Payload, error) {
	return f(ctx, task)
}

// Task is one attempt as its handler sees it: what core sent, progress to record for
// heartbeats, and the cancellation request once there is one.
type Task struct {
	pb  *executionv1.Task
	ctl *control
}

// Input is the handler's input (nil when none was given).
func (t *Task) Input() *commonv1.Payload { return t.pb.GetInput() }

// Attempt is the attempt number, 1 for the first.
func (t *Task) Attempt() uint32 { return t.pb.GetAttempt() }

// LastHeartbeat is the progress an earlier attempt last recorded with RecordProgress (and a
// heartbeat delivered), to resume from; nil on a first attempt.
func (t *Task) LastHeartbeat() *commonv1.Payload { return t.pb.GetLastHeartbeat() }

// ExecutionID is the execution this attempt belongs to (the id CancelExecution takes).
func (t *Task) ExecutionID() string { return t.pb.GetExecutionId() }

// TaskID is this attempt's id; a retry gets a new one.
func (t *Task) TaskID() string { return t.pb.GetTaskId() }

// Handler is the handler name the task asked for.
func (t *Task) Handler() string { return t.pb.GetHandler() }

// Headers are the free-form headers that travel with the work.
func (t *Task) Headers() map[string]string { return t.pb.GetHeaders() }

// Deadline is when the attempt must be complete; ok is false when it has none.
func (t *Task) Deadline() (deadline time.Time, ok bool) {
	if t.pb.GetDeadline() == nil {
		return time.Time{}, false
	}
	return t.pb.GetDeadline().AsTime(), true
}

// Proto is a copy of the task as core sent it, without its task token (which is bearer-like and
// must not reach logs).
func (t *Task) Proto() *executionv1.Task {
	c := proto.Clone(t.pb).(*executionv1.Task)
	c.TaskToken = nil
	return c
}

// RecordProgress records details a retry can resume from (an offset, the last item done).
// Cheap: only the latest value is kept, and the next heartbeat sends it.
func (t *Task) RecordProgress(progress *commonv1.Payload) { t.ctl.recordProgress(progress, nil) }

// RecordCounters records counters for core's UI, sent with the next heartbeat. Not passed to
// retries.
func (t *Task) RecordCounters(counters *commonv1.Progress) { t.ctl.recordProgress(nil, counters) }

// Cancellation is the cancellation request, or nil while there is none.
func (t *Task) Cancellation() *CancelRequest { return t.ctl.cancellation() }

// CancelRequest is a request to stop an attempt, from a CancelTask on the task stream, a
// heartbeat answer, or the worker's drain. It is the cause of the handler's context.
type CancelRequest struct {
	// Mode is graceful or forced; a forced request after a graceful one upgrades it.
	Mode commonv1.CancellationMode
	// Reason is the canceller's reason (the first one given).
	Reason string
}

func (c *CancelRequest) Error() string {
	return "worker: cancellation requested (" + c.Mode.String() + "): " + c.Reason
}

// Is makes errors.Is(cause, context.Canceled) hold, so handlers that only check for context
// cancellation keep working.
func (c *CancelRequest) Is(target error) bool { return target == context.Canceled }
