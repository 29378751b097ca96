// Package worker pulls tasks from core's flow.execution.v1.ExecutionService and runs them with
// the application's handlers. It implements the worker's side of execution.proto the way the
// Rust SDK (crates/flow-sdk/src/worker) and the TypeScript worker
// (services/ts-consumer/src/worker.ts) do, so that a task behaves the same whatever language
// runs it:
//
//   - Run opens StreamTasks (worker id, handler names, max_concurrent, queues, labels) and
//     reconnects with the backoff of internal/backoff whenever the stream breaks, or when core
//     has sent nothing for twice the ping interval it announced; running tasks carry on across
//     reconnects, and a task core sends again after a reconnect is not started twice;
//   - each task runs in its own goroutine; a task for a handler this worker does not have is
//     answered with a handler_not_found outcome;
//   - while a handler runs, the worker heartbeats every HeartbeatFraction of the task's
//     heartbeat_timeout with the latest progress the handler recorded, and turns a CancelTask on
//     the stream, or cancel_requested in a heartbeat answer, into the cancellation of the
//     handler's context;
//   - at the task's deadline, at a forced cancellation's deadline, or when core says the attempt
//     has ended (a heartbeat answered FAILED_PRECONDITION), the handler's context is cancelled
//     and nothing is reported: core has recorded the outcome itself and would refuse a late one;
//   - the outcome is reported with CompleteTask, retried while core is unreachable, never
//     retried once core answered (accepted or not);
//   - when Run's context ends, the worker stops taking tasks, lets running ones finish within
//     DrainGrace, then cancels them and gives them CancelGrace to report it.
package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"google.golang.org/grpc"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
)

// HeartbeatFraction: a task with a heartbeat timeout is heartbeaten every
// heartbeat_timeout/HeartbeatFraction, so that one lost or slow heartbeat still leaves a second
// one before core times the attempt out. The TypeScript worker uses the same value
// (HEARTBEAT_FRACTION in worker.ts).
const HeartbeatFraction = 3

// MinHeartbeatInterval bounds the heartbeat rate of a task with a tiny heartbeat timeout.
const MinHeartbeatInterval = 10 * time.Millisecond

// ProgressHeartbeatInterval: a task without a heartbeat timeout sends the progress its handler
// recorded at most this often (core needs no heartbeats from it, but a retry wants the progress).
const ProgressHeartbeatInterval = 5 * time.Second

// CallTimeout bounds one RecordHeartbeat or CompleteTask call, so that a dead connection cannot
// hold an attempt forever.
const CallTimeout = 10 * time.Second

// DefaultMaxConcurrent is the number of tasks a worker runs at once when Options leaves it 0.
const DefaultMaxConcurrent = 4

// DefaultDrainGrace is how long running tasks may take to finish once Run's context ends, and
// DefaultCancelGrace how long, after that, cancelled ones get to report it.
const (
	DefaultDrainGrace  = 30 * time.Second
	DefaultCancelGrace = 5 * time.Second
)

// HandlerPanickedType is the Failure.type of an attempt whose handler panicked.
const HandlerPanickedType = "worker.handler_panicked"

// HandlerFailedType is the Failure.type of an attempt whose handler returned a plain error
// (not a *FailureError, which is reported as it is).
const HandlerFailedType = "worker.handler_failed"

// Options configure a Worker.
type Options struct {
	// WorkerID identifies this worker process to core, stable across reconnects (core hands the
	// tasks it still holds back to the same id). Free-form, at most 256 bytes; empty means
	// "hostname/pid".
	WorkerID string
	// Handlers by the handler name tasks carry (Task.handler). At least one.
	Handlers map[string]Handler
	// MaxConcurrent is how many tasks run at once; core never sends more. 0 means
	// DefaultMaxConcurrent.
	MaxConcurrent uint32
	// Queues to take tasks from; empty means core's default queue.
	Queues []string
	// Labels core may place tasks by and shows in its UI (region, version).
	Labels map[string]string
	// DrainGrace and CancelGrace: see DefaultDrainGrace. 0 means the default.
	DrainGrace, CancelGrace time.Duration
	// Logf receives the worker's warnings (stream broken, heartbeat failed, completion refused).
	// Nil discards them.
	Logf func(format string, args ...any)
}

// Worker runs tasks from core. Create it with New, then call Run.
type Worker struct {
	req         *executionv1.StreamTasksRequest
	handlers    map[string]Handler
	names       []string // sorted, for handler_not_found
	drainGrace  time.Duration
	cancelGrace time.Duration
	logf        func(string, ...any)

	client executionv1.ExecutionServiceClient
	// rpcCtx carries heartbeats and completions: not Run's context, which ends when draining
	// starts, while running tasks must still report. Cancelled when the drain gives up.
	rpcCtx  context.Context
	stopRPC context.CancelFunc

	mu      sync.Mutex
	running map[string]*attempt // by task id, so that CancelTask and re-sent tasks find it
	wg      sync.WaitGroup
}

// New checks opts and returns a worker; it fails without handlers or with an empty handler name.
func New(opts Options) (*Worker, error) {
	if len(opts.Handlers) == 0 {
		return nil, errors.New("worker: no handlers")
	}
	names := make([]string, 0, len(opts.Handlers))
	for name, h := range opts.Handlers {
		if name == "" {
			return nil, errors.New("worker: empty handler name")
		}
		if h == nil {
			return nil, fmt.Errorf("worker: handler %q is nil", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	id := opts.WorkerID
	if id == "" {
		host, _ := os.Hostname()
		id = fmt.Sprintf("%s/%d", host, os.Getpid())
	}
	w := &Worker{
		req: &executionv1.StreamTasksRequest{
			WorkerId:      id,
			Handlers:      names,
			MaxConcurrent: orDefault(opts.MaxConcurrent, DefaultMaxConcurrent),
			Queues:        slices.Clone(opts.Queues),
			Labels:        opts.Labels,
		},
		handlers:    opts.Handlers,
		names:       names,
		drainGrace:  orDefault(opts.DrainGrace, DefaultDrainGrace),
		cancelGrace: orDefault(opts.CancelGrace, DefaultCancelGrace),
		logf:        opts.Logf,
		running:     map[string]*attempt{},
	}
	if w.logf == nil {
		w.logf = func(string, ...any) {}
	}
	return w, nil
}

// orDefault is v, or def when v is zero.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// ID is the worker id sent to core.
func (w *Worker) ID() string { return w.req.GetWorkerId() }

// Run pulls and runs tasks from core over conn until ctx ends, then drains (see the package
// docs) and returns. It never gives up on core: an unreachable core is retried with backoff. The
// error is nil after a complete drain, and says how many tasks were abandoned otherwise. Call
// Run once per Worker.
func (w *Worker) Run(ctx context.Context, conn grpc.ClientConnInterface) error {
	w.client = executionv1.NewExecutionServiceClient(conn)
	w.rpcCtx, w.stopRPC = context.WithCancel(context.WithoutCancel(ctx))
	defer w.stopRPC()
	w.streamLoop(ctx)
	return w.drain()
}

// drain waits for the running attempts: DrainGrace for them to finish, then cancels them and
// waits CancelGrace for their cancelled outcomes, then gives up on them.
func (w *Worker) drain() error {
	all := make(chan struct{})
	go func() { w.wg.Wait(); close(all) }()
	if waitFor(all, w.drainGrace) {
		return nil
	}
	w.logf("worker: drain grace over: cancelling %d running tasks", w.runningCount())
	w.mu.Lock()
	for _, a := range w.running {
		a.ctl.requestCancel(commonv1.CancellationMode_CANCELLATION_MODE_GRACEFUL, "the worker is shutting down", nil)
	}
	w.mu.Unlock()
	if waitFor(all, w.cancelGrace) {
		return nil
	}
	n := w.runningCount()
	w.stopRPC() // abandons the attempts: see attempt.run
	<-all
	return fmt.Errorf("worker: %d tasks did not finish within the drain", n)
}

func (w *Worker) runningCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.running)
}

// waitFor is true when ch closes within d.
func waitFor(ch <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}
