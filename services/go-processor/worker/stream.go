package worker

import (
	"context"
	"errors"
	"io"
	"time"

	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/backoff"
)

// streamLoop keeps a StreamTasks stream open until ctx ends, reconnecting with backoff.
func (w *Worker) streamLoop(ctx context.Context) {
	var b backoff.Backoff
	for ctx.Err() == nil {
		w.streamOnce(ctx, &b)
		if ctx.Err() != nil {
			return
		}
		delay := b.Next()
		w.logf("worker: reconnecting the task stream in %v", delay.Round(time.Millisecond))
		if backoff.Sleep(ctx, delay) != nil {
			return
		}
	}
}

type received struct {
	msg *executionv1.StreamTasksResponse
	err error
}

// streamOnce opens one stream and handles its messages until it breaks, falls silent for twice
// the ping interval core announced (no watchdog before the first ping), or ctx ends.
func (w *Worker) streamOnce(ctx context.Context, b *backoff.Backoff) {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := w.client.StreamTasks(sctx, w.req)
	if err != nil {
		w.logf("worker: cannot open the task stream: %v", err)
		return
	}
	// Headers mean core accepted the stream (a refusal comes as trailers only, without them).
	if md, err := stream.Header(); err != nil || md.Len() == 0 {
		if _, err := stream.Recv(); err != nil && !errors.Is(err, io.EOF) {
			w.logf("worker: cannot open the task stream: %v", err)
		}
		return
	}
	b.Reset()
	events := make(chan received)
	go func() {
		for {
			msg, err := stream.Recv()
			select {
			case events <- received{msg, err}:
			case <-sctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var silenceLimit time.Duration
	watchdog := time.NewTimer(time.Hour)
	defer watchdog.Stop()
	var silence <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-silence:
			w.logf("worker: no message from core for %v (two ping intervals); reconnecting", silenceLimit)
			return
		case ev := <-events:
			if errors.Is(ev.err, io.EOF) {
				w.logf("worker: core ended the task stream")
				return
			}
			if ev.err != nil {
				w.logf("worker: task stream broke: %v", ev.err)
				return
			}
			if limit := w.onEvent(ev.msg); limit > 0 {
				silenceLimit = limit
			}
			if silenceLimit > 0 {
				watchdog.Reset(silenceLimit)
				silence = watchdog.C
			}
		}
	}
}

// onEvent handles one message from core; it returns the new silence limit when it was a ping.
func (w *Worker) onEvent(msg *executionv1.StreamTasksResponse) time.Duration {
	switch ev := msg.GetEvent().(type) {
	case *executionv1.StreamTasksResponse_Task:
		w.start(ev.Task)
	case *executionv1.StreamTasksResponse_CancelTask_:
		c := ev.CancelTask
		w.mu.Lock()
		a := w.running[c.GetTaskId()]
		w.mu.Unlock()
		if a != nil {
			a.ctl.requestCancel(c.GetMode(), c.GetReason(), c.GetForceDeadline())
		}
	case *executionv1.StreamTasksResponse_Ping_:
		return 2 * ev.Ping.GetInterval().AsDuration()
	default:
		w.logf("worker: core sent a task stream message without a known event (a newer core?)")
	}
	return 0
}

// start runs a task in its own goroutine, unless it is running already (core sends a worker's
// open tasks again when it reconnects).
func (w *Worker) start(task *executionv1.Task) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.running[task.GetTaskId()]; ok {
		return
	}
	if len(w.running) >= int(w.req.GetMaxConcurrent()) {
		// Core's fault; refusing the task would lose it until its timeout, so run it anyway.
		w.logf("worker: core sent more than max_concurrent (%d) tasks", w.req.GetMaxConcurrent())
	}
	a := &attempt{task: task, ctl: newControl(), ended: make(chan struct{})}
	w.running[task.GetTaskId()] = a
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		w.runAttempt(a)
		w.mu.Lock()
		delete(w.running, task.GetTaskId())
		w.mu.Unlock()
	}()
}
