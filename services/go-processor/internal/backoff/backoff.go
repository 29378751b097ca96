// Package backoff holds the retry schedule the core clients (packages discovery and durable)
// share, so that every retry loop backs off the same way. The TypeScript clients use the same
// values (services/ts-consumer/src/backoff.ts): keep the two in step.
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// The schedule: the first retry after Initial, each next one Multiplier times later, never more
// than Max, each delay moved by up to ±Jitter of itself so that many clients that lost core at
// the same moment do not come back in lockstep.
const (
	Initial    = 100 * time.Millisecond
	Multiplier = 1.6
	Max        = 5 * time.Second
	Jitter     = 0.2
)

// Backoff yields the delays of one retry loop. The zero value starts at Initial.
type Backoff struct {
	next time.Duration
}

// Next returns the delay before the next attempt and advances the schedule.
func (b *Backoff) Next() time.Duration {
	if b.next == 0 {
		b.next = Initial
	}
	d := b.next
	b.next = min(time.Duration(float64(b.next)*Multiplier), Max)
	return time.Duration(float64(d) * (1 + Jitter*(2*rand.Float64()-1)))
}

// Reset starts the schedule again at Initial (after a success).
func (b *Backoff) Reset() { b.next = 0 }

// Sleep waits d or until ctx is done, whichever comes first, and returns ctx.Err() in the latter
// case.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
