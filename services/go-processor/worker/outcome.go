package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/durationpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// Outcome errors: what a handler returns to end its attempt other than with a result.
//
//   - a *FailureError is reported as its Failure, unchanged (set Type, NonRetryable, ... there);
//   - a *RetryAfterError asks for a retry after Delay, not counted against maximum_attempts;
//   - a *CancelledError, or any error wrapping context.Canceled once cancellation was requested
//     (returning ctx.Err() or context.Cause(ctx) is enough), is reported as cancelled, with the
//     mode and reason of the request;
//   - any other error is a failure of type HandlerFailedType with the error's text.

// FailureError reports Failure as the attempt's failure outcome.
type FailureError struct{ Failure *commonv1.Failure }

func (e *FailureError) Error() string { return "worker: task failed: " + e.Failure.GetMessage() }

// Fail returns a *FailureError for f.
func Fail(f *commonv1.Failure) error { return &FailureError{Failure: f} }

// RetryAfterError asks core to retry the attempt no sooner than Delay (a rate limit, a busy
// dependency).
type RetryAfterError struct {
	Delay time.Duration
	// Cause says why, when known.
	Cause *commonv1.Failure
}

func (e *RetryAfterError) Error() string { return fmt.Sprintf("worker: retry after %v", e.Delay) }

// CancelledError reports the attempt as cancelled, with Details about the partial work.
type CancelledError struct{ Details *commonv1.Payload }

func (e *CancelledError) Error() string { return "worker: task cancelled" }

// Cancelled returns a *CancelledError carrying details (how far the handler got); nil is fine.
func Cancelled(details *commonv1.Payload) error { return &CancelledError{Details: details} }

// handlerResult is what one handler call produced.
type handlerResult struct {
	result *commonv1.Payload
	err    error
	panic  *panicError
}

type panicError struct {
	value any
	stack string
}

// outcomeOf maps a handler's result to the attempt's outcome (see Outcome errors).
func outcomeOf(r handlerResult, cancel *CancelRequest) *commonv1.Outcome {
	if r.panic != nil {
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_Failure{Failure: &commonv1.Failure{
			Message:    fmt.Sprintf("the handler panicked: %v", r.panic.value),
			Type:       HandlerPanickedType,
			StackTrace: r.panic.stack,
		}}}
	}
	if r.err == nil {
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_Success_{Success: &commonv1.Outcome_Success{Result: r.result}}}
	}
	var failure *FailureError
	var retry *RetryAfterError
	var cancelled *CancelledError
	switch {
	case errors.As(r.err, &failure):
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_Failure{Failure: failure.Failure}}
	case errors.As(r.err, &retry):
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_RetryAfter_{RetryAfter: &commonv1.Outcome_RetryAfter{
			Delay: durationpb.New(retry.Delay),
			Cause: retry.Cause,
		}}}
	case errors.As(r.err, &cancelled) || (cancel != nil && errors.Is(r.err, context.Canceled)):
		c := &commonv1.Outcome_Cancelled{}
		if cancelled != nil {
			c.Details = cancelled.Details
		}
		if cancel != nil {
			c.Mode, c.Reason = cancel.Mode, cancel.Reason
		}
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_Cancelled_{Cancelled: c}}
	default:
		return &commonv1.Outcome{Outcome: &commonv1.Outcome_Failure{Failure: &commonv1.Failure{
			Message: r.err.Error(),
			Type:    HandlerFailedType,
		}}}
	}
}

// handlerNotFound is the outcome of a task for a handler the worker does not have.
func handlerNotFound(handler string, available []string) *commonv1.Outcome {
	return &commonv1.Outcome{Outcome: &commonv1.Outcome_HandlerNotFound_{HandlerNotFound: &commonv1.Outcome_HandlerNotFound{
		Handler:           handler,
		AvailableHandlers: available,
	}}}
}
