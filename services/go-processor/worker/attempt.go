package worker

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/backoff"
)

// attempt is one task attempt from dispatch to completion.
type attempt struct {
	task *executionv1.Task
	ctl  *control
	// ended is closed when a heartbeat learns that core has ended the attempt (timed out,
	// terminated): the handler is stopped and nothing is reported.
	ended chan struct{}
}

// runAttempt runs the handler, heartbeats while it runs and reports its outcome; it stops the
// handler without reporting at the task's deadline, at a forced cancellation's deadline, when
// core says the attempt ended, or when the drain gives up.
func (w *Worker) runAttempt(a *attempt) {
	defer a.ctl.cancel(context.Canceled) // releases the handler's context once the attempt is over
	h, ok := w.handlers[a.task.GetHandler()]
	if !ok {
		w.logf("worker: task %s: no handler %q", a.task.GetTaskId(), a.task.GetHandler())
		w.complete(a, handlerNotFound(a.task.GetHandler(), w.names))
		return
	}
	done := make(chan handlerResult, 1)
	go func() { done <- callHandler(h, a) }()
	hbCtx, stopHB := context.WithCancel(w.rpcCtx)
	defer stopHB()
	go w.heartbeats(hbCtx, a)

	var deadline <-chan time.Time
	if d := a.task.GetDeadline(); d != nil {
		t := time.NewTimer(time.Until(d.AsTime()))
		defer t.Stop()
		deadline = t.C
	}
	var force <-chan time.Time
	var forceTimer *time.Timer
	defer func() {
		if forceTimer != nil {
			forceTimer.Stop()
		}
	}()
	for {
		select {
		case r := <-done:
			stopHB()
			w.complete(a, outcomeOf(r, a.ctl.cancellation()))
			return
		case <-a.ctl.forceChanged:
			if forceTimer != nil {
				forceTimer.Stop()
			}
			forceTimer = time.NewTimer(time.Until(a.ctl.force()))
			force = forceTimer.C
		case <-deadline:
			w.abandon(a, "the task's deadline passed (core records the timeout)")
			return
		case <-force:
			w.abandon(a, "the forced cancellation's deadline passed (core records it as terminated)")
			return
		case <-a.ended:
			w.abandon(a, "core says the attempt has ended")
			return
		case <-w.rpcCtx.Done():
			w.abandon(a, "the worker stopped before the task finished")
			return
		}
	}
}

// abandon stops the handler (by its context) and leaves the attempt without an outcome: core has
// recorded one or will.
func (w *Worker) abandon(a *attempt, why string) {
	w.logf("worker: task %s: %s: stopped without reporting", a.task.GetTaskId(), why)
	a.ctl.cancel(fmt.Errorf("worker: %s", why))
}

// callHandler runs the handler, turning a panic into a result.
func callHandler(h Handler, a *attempt) (r handlerResult) {
	defer func() {
		if v := recover(); v != nil {
			r = handlerResult{panic: &panicError{value: v, stack: string(debug.Stack())}}
		}
	}()
	res, err := h.Run(a.ctl.ctx, &Task{pb: a.task, ctl: a.ctl})
	return handlerResult{result: res, err: err}
}

// heartbeats sends heartbeats until ctx ends: every heartbeat_timeout/HeartbeatFraction when the
// task has a heartbeat timeout, else after progress was recorded, at most once per
// ProgressHeartbeatInterval. An answer asking to cancel cancels the handler; FAILED_PRECONDITION
// (the attempt has ended) closes a.ended.
func (w *Worker) heartbeats(ctx context.Context, a *attempt) {
	timeout := a.task.GetHeartbeatTimeout().AsDuration()
	for {
		if timeout > 0 {
			if backoff.Sleep(ctx, max(timeout/HeartbeatFraction, MinHeartbeatInterval)) != nil {
				return
			}
		} else {
			select {
			case <-a.ctl.progressed:
			case <-ctx.Done():
				return
			}
			if backoff.Sleep(ctx, ProgressHeartbeatInterval) != nil {
				return
			}
		}
		progress, counters := a.ctl.takePending()
		callTimeout := CallTimeout
		if timeout > 0 {
			callTimeout = min(timeout, CallTimeout)
		}
		callCtx, cancel := context.WithTimeout(ctx, callTimeout)
		resp, err := w.client.RecordHeartbeat(callCtx, &executionv1.RecordHeartbeatRequest{
			TaskToken: a.task.GetTaskToken(),
			Progress:  progress,
			Counters:  counters,
		})
		cancel()
		switch {
		case status.Code(err) == codes.FailedPrecondition:
			close(a.ended)
			return
		case err != nil:
			if ctx.Err() != nil {
				return
			}
			w.logf("worker: task %s: heartbeat failed: %v", a.task.GetTaskId(), err)
			a.ctl.restorePending(progress, counters)
		case resp.GetCancelRequested():
			a.ctl.requestCancel(resp.GetCancelMode(), resp.GetCancelReason(), resp.GetForceDeadline())
		}
	}
}

// retryableCompletion: errors worth retrying a completion after (core or the network briefly
// unavailable). Once core answers, accepted or not, the completion is never repeated.
func retryableCompletion(code codes.Code) bool {
	switch code {
	case codes.Unavailable, codes.DeadlineExceeded, codes.ResourceExhausted, codes.Aborted, codes.Unknown:
		return true
	}
	return false
}

// complete reports the outcome, retrying transient errors with the backoff of internal/backoff
// until core answers, the task's deadline or a forced cancellation's deadline passes, or the
// drain gives up. Safe to retry: core answers a repeat with accepted = false.
func (w *Worker) complete(a *attempt, outcome *commonv1.Outcome) {
	req := &executionv1.CompleteTaskRequest{TaskToken: a.task.GetTaskToken(), Outcome: outcome}
	var b backoff.Backoff
	for {
		ctx, cancel := context.WithTimeout(w.rpcCtx, CallTimeout)
		resp, err := w.client.CompleteTask(ctx, req)
		cancel()
		if err == nil {
			if !resp.GetAccepted() {
				w.logf("worker: task %s: core did not record the outcome: %s", a.task.GetTaskId(), resp.GetReason())
			}
			return
		}
		if !retryableCompletion(status.Code(err)) || w.rpcCtx.Err() != nil {
			w.logf("worker: task %s: completion refused: %v", a.task.GetTaskId(), err)
			return
		}
		delay := b.Next()
		end := time.Now().Add(delay)
		if d := a.task.GetDeadline(); d != nil && !end.Before(d.AsTime()) {
			w.logf("worker: task %s: deadline reached while retrying the completion: %v", a.task.GetTaskId(), err)
			return
		}
		if f := a.ctl.force(); !f.IsZero() && !end.Before(f) {
			w.logf("worker: task %s: force deadline reached while retrying the completion: %v", a.task.GetTaskId(), err)
			return
		}
		w.logf("worker: task %s: completion failed, retrying in %v: %v", a.task.GetTaskId(), delay.Round(time.Millisecond), err)
		if backoff.Sleep(w.rpcCtx, delay) != nil {
			return
		}
	}
}
