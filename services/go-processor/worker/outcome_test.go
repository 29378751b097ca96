package worker

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// The mapping of handler results to outcomes, for the cases the tests against core do not reach
// (core never sends a task for a handler the worker did not name).
func TestOutcomeOf(t *testing.T) {
	graceful := &CancelRequest{Mode: commonv1.CancellationMode_CANCELLATION_MODE_GRACEFUL, Reason: "stop"}
	panicked := callHandler(HandlerFunc(func(context.Context, *Task) (*commonv1.Payload, error) { panic("oops") }),
		&attempt{ctl: newControl()})
	if f := outcomeOf(panicked, nil).GetFailure(); f.GetType() != HandlerPanickedType || f.GetMessage() != "the handler panicked: oops" || f.GetStackTrace() == "" {
		t.Errorf("panic: %v", f)
	}
	retry := outcomeOf(handlerResult{err: fmt.Errorf("busy: %w", &RetryAfterError{Delay: 2 * time.Second})}, nil)
	if retry.GetRetryAfter().GetDelay().AsDuration() != 2*time.Second {
		t.Errorf("retry after: %v", retry)
	}
	failure := outcomeOf(handlerResult{err: Fail(&commonv1.Failure{Message: "bad input", NonRetryable: true})}, nil)
	if f := failure.GetFailure(); f.GetMessage() != "bad input" || !f.GetNonRetryable() {
		t.Errorf("failure: %v", failure)
	}
	if c := outcomeOf(handlerResult{err: context.Canceled}, graceful).GetCancelled(); c.GetReason() != "stop" || c.GetMode() != graceful.Mode {
		t.Errorf("ctx.Err() after a cancel request: %v", c)
	}
	if f := outcomeOf(handlerResult{err: context.Canceled}, nil).GetFailure(); f.GetType() != HandlerFailedType {
		t.Errorf("context.Canceled without a cancel request is a failure: %v", f)
	}
	if f := outcomeOf(handlerResult{err: errors.New("boom")}, graceful).GetFailure(); f.GetMessage() != "boom" {
		t.Errorf("another error after a cancel request is a failure: %v", f)
	}
	nf := handlerNotFound("grete", []string{"greet"}).GetHandlerNotFound()
	if nf.GetHandler() != "grete" || len(nf.GetAvailableHandlers()) != 1 {
		t.Errorf("handler not found: %v", nf)
	}
}
