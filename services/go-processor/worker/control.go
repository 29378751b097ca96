package worker

import (
	"context"
	"sync"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// control is the state one attempt shares between its handler, its heartbeats and the task
// stream: the cancellation (with mode, reason and force deadline) and the progress waiting to be
// sent.
type control struct {
	ctx    context.Context // the handler's
	cancel context.CancelCauseFunc

	mu            sync.Mutex
	request       *CancelRequest
	forceDeadline time.Time // zero until a forced cancellation arrives
	progress      *commonv1.Payload
	counters      *commonv1.Progress

	forceChanged chan struct{} // a token when forceDeadline moved
	progressed   chan struct{} // a token when progress was recorded
}

func newControl() *control {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &control{
		ctx:          ctx,
		cancel:       cancel,
		forceChanged: make(chan struct{}, 1),
		progressed:   make(chan struct{}, 1),
	}
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// requestCancel records a cancellation request and cancels the handler's context. The first
// reason is kept; a forced request upgrades a graceful one; of several force deadlines the
// earliest wins (a forced request without one means now: core terminates at once).
func (c *control) requestCancel(mode commonv1.CancellationMode, reason string, forceDeadline *timestamppb.Timestamp) {
	if mode == commonv1.CancellationMode_CANCELLATION_MODE_UNSPECIFIED {
		mode = commonv1.CancellationMode_CANCELLATION_MODE_GRACEFUL
	}
	c.mu.Lock()
	if c.request == nil {
		c.request = &CancelRequest{Mode: mode, Reason: reason}
	} else if mode == commonv1.CancellationMode_CANCELLATION_MODE_FORCE {
		c.request.Mode = mode
	}
	req := *c.request
	if mode == commonv1.CancellationMode_CANCELLATION_MODE_FORCE {
		at := time.Now()
		if forceDeadline != nil {
			at = forceDeadline.AsTime()
		}
		if c.forceDeadline.IsZero() || at.Before(c.forceDeadline) {
			c.forceDeadline = at
			signal(c.forceChanged)
		}
	}
	c.mu.Unlock()
	c.cancel(&req)
}

func (c *control) cancellation() *CancelRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.request == nil {
		return nil
	}
	r := *c.request
	return &r
}

func (c *control) force() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.forceDeadline
}

// recordProgress keeps the latest progress and counters (nil leaves one unchanged).
func (c *control) recordProgress(progress *commonv1.Payload, counters *commonv1.Progress) {
	c.mu.Lock()
	if progress != nil {
		c.progress = progress
	}
	if counters != nil {
		c.counters = counters
	}
	c.mu.Unlock()
	signal(c.progressed)
}

// takePending returns what is waiting to be sent and clears it.
func (c *control) takePending() (*commonv1.Payload, *commonv1.Progress) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, n := c.progress, c.counters
	c.progress, c.counters = nil, nil
	return p, n
}

// restorePending puts back what a failed heartbeat did not deliver, unless newer values arrived.
func (c *control) restorePending(progress *commonv1.Payload, counters *commonv1.Progress) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.progress == nil {
		c.progress = progress
	}
	if c.counters == nil {
		c.counters = counters
	}
}
