// Package discovery registers a Flow service with core's DiscoveryService and keeps the
// registration alive: core forgets a service whose lease is not renewed within its TTL, so a
// registered service must renew for as long as it runs and deregister when it stops.
//
// Register returns once core has granted the first lease; from then on a goroutine renews it
// at RenewFraction of the granted TTL, retries with backoff while core is unreachable, and
// registers again (same request, so the same instance id replaces any leftover) when core
// answers NOT_FOUND because the lease expired in the meantime. Close stops the goroutine and
// deregisters. The TypeScript client (services/ts-consumer/src/discovery.ts) behaves the same.
package discovery

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	discoveryv1 "github.com/flow-proto/flow-proto/gen/go/flow/discovery/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/backoff"
)

// RenewFraction is the share of the granted TTL after which the lease is renewed. A third
// leaves room for two more attempts (with backoff) before the lease runs out, so one lost
// renewal never expires it. When core answers a shorter renew_interval, that one is used.
const RenewFraction = 1.0 / 3

// DeregisterReason is sent with DeregisterService by Close, for core's logs.
const DeregisterReason = "shutdown"

// Options tune a Registration. The zero value is ready to use.
type Options struct {
	// Logf, when set, receives one line for each renewal failure and each re-registration
	// (from the renew goroutine). Successful renewals are not logged.
	Logf func(format string, args ...any)
}

// Registration is a live registration with core. Its methods are safe for concurrent use.
type Registration struct {
	client discoveryv1.DiscoveryServiceClient
	req    *discoveryv1.RegisterServiceRequest
	logf   func(string, ...any)

	mu       sync.Mutex
	leaseID  string
	ttl      time.Duration
	interval time.Duration
	renewals int
	lost     int

	stop      context.CancelFunc
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// Register registers req.Service at req.Endpoint with core over conn and starts renewing the
// lease in the background. It fails (with core's status wrapped) when core refuses or cannot be
// reached; it does not retry the first registration, so that a misconfigured service learns so
// at start. The caller must Close the Registration.
func Register(ctx context.Context, conn grpc.ClientConnInterface, req *discoveryv1.RegisterServiceRequest, opts Options) (*Registration, error) {
	if req.GetService() == nil {
		return nil, errors.New("discovery: RegisterServiceRequest.service is required")
	}
	r := &Registration{
		client: discoveryv1.NewDiscoveryServiceClient(conn),
		req:    proto.Clone(req).(*discoveryv1.RegisterServiceRequest),
		logf:   opts.Logf,
		done:   make(chan struct{}),
	}
	if r.logf == nil {
		r.logf = func(string, ...any) {}
	}
	if err := r.register(ctx); err != nil {
		return nil, err
	}
	loopCtx, stop := context.WithCancel(context.Background())
	r.stop = stop
	go r.renewLoop(loopCtx)
	return r, nil
}

// register asks core for a (new) lease and records it.
func (r *Registration) register(ctx context.Context) error {
	resp, err := r.client.RegisterService(ctx, r.req)
	if err != nil {
		return fmt.Errorf("discovery: register %q (instance %q): %w", r.req.GetService().GetName(), r.req.GetService().GetInstanceId(), err)
	}
	ttl := resp.GetGrantedTtl().AsDuration()
	if resp.GetLeaseId() == "" || ttl <= 0 {
		return fmt.Errorf("discovery: register %q: core answered no lease (ttl %v)", r.req.GetService().GetName(), ttl)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.leaseID, r.ttl = resp.GetLeaseId(), ttl
	r.interval = renewInterval(ttl, resp.GetRenewInterval().AsDuration())
	return nil
}

// renewInterval is RenewFraction of ttl, or core's suggestion when that is sooner.
func renewInterval(ttl, suggested time.Duration) time.Duration {
	d := time.Duration(float64(ttl) * RenewFraction)
	if suggested > 0 && suggested < d {
		d = suggested
	}
	return d
}

// renewLoop renews until ctx is cancelled by Close.
func (r *Registration) renewLoop(ctx context.Context) {
	defer close(r.done)
	var b backoff.Backoff
	wait := r.Interval()
	for {
		if backoff.Sleep(ctx, wait) != nil {
			return
		}
		err := r.renewOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			// Back off, but never wait longer than the renew interval: the lease is running out.
			wait = min(b.Next(), r.Interval())
			r.logf("%v; retrying in %v", err, wait.Round(time.Millisecond))
			continue
		}
		b.Reset()
		wait = r.Interval()
	}
}

// renewOnce makes one renewal attempt, bounded by the renew interval so that a hung call leaves
// time for another before the lease runs out. A NOT_FOUND answer means the lease expired (core
// was unreachable for longer than the TTL, or it dropped the lease): then it registers again.
func (r *Registration) renewOnce(ctx context.Context) error {
	r.mu.Lock()
	lease, interval := r.leaseID, r.interval
	r.mu.Unlock()
	attempt, cancel := context.WithTimeout(ctx, interval)
	defer cancel()
	resp, err := r.client.RenewLease(attempt, &discoveryv1.RenewLeaseRequest{LeaseId: lease})
	switch {
	case status.Code(err) == codes.NotFound:
		r.mu.Lock()
		r.lost++
		r.mu.Unlock()
		r.logf("discovery: lease of %q expired; registering again", r.req.GetService().GetName())
		return r.register(attempt)
	case err != nil:
		return fmt.Errorf("discovery: renew lease of %q: %w", r.req.GetService().GetName(), err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.leaseID == lease {
		r.interval = renewInterval(r.ttl, resp.GetRenewInterval().AsDuration())
	}
	r.renewals++
	return nil
}

// Interval is the current delay between renewals.
func (r *Registration) Interval() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.interval
}

// GrantedTTL is the lease duration core granted at the latest registration.
func (r *Registration) GrantedTTL() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ttl
}

// Stats reports how many renewals succeeded and how many times the lease was found expired
// (each followed by a registration attempt), for logs and tests.
func (r *Registration) Stats() (renewals, expired int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.renewals, r.lost
}

// Close stops renewing and deregisters, so that core forgets the service at once instead of
// after the TTL. It waits for a renewal in flight to finish first, so that no renewal can
// follow the deregistration. Only the first call does anything; later ones return its result.
func (r *Registration) Close(ctx context.Context) error {
	r.closeOnce.Do(func() {
		r.stop()
		<-r.done
		r.mu.Lock()
		lease := r.leaseID
		r.mu.Unlock()
		if _, err := r.client.DeregisterService(ctx, &discoveryv1.DeregisterServiceRequest{LeaseId: lease, Reason: DeregisterReason}); err != nil {
			r.closeErr = fmt.Errorf("discovery: deregister %q: %w", r.req.GetService().GetName(), err)
		}
	})
	return r.closeErr
}
