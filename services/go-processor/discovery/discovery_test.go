package discovery

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/durationpb"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	discoveryv1 "github.com/flow-proto/flow-proto/gen/go/flow/discovery/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/coretest"
)

// Tests run against the real flow-core binary with 1 s leases (coretest.ShortLeaseFlags), so
// "several TTLs" and "expired" take seconds, not minutes.

const ttl = time.Second

func request(instance string) *discoveryv1.RegisterServiceRequest {
	return &discoveryv1.RegisterServiceRequest{
		Service: &runtimev1.ServiceInfo{
			Name:       "go-discovery-test",
			InstanceId: instance,
			Language:   "go",
			Roles:      []commonv1.Role{commonv1.Role_ROLE_PROCESSOR},
		},
		Endpoint: "127.0.0.1:7001",
		LeaseTtl: durationpb.New(ttl),
	}
}

// listed returns the instance ids core lists as live.
func listed(t *testing.T, conn grpc.ClientConnInterface) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := discoveryv1.NewDiscoveryServiceClient(conn).ListServices(ctx, &discoveryv1.ListServicesRequest{})
	if err != nil {
		t.Fatalf("ListServices: %v", err)
	}
	var ids []string
	for _, s := range resp.GetServices() {
		ids = append(ids, s.GetService().GetInstanceId())
	}
	return ids
}

func isListed(t *testing.T, conn grpc.ClientConnInterface, instance string) bool {
	for _, id := range listed(t, conn) {
		if id == instance {
			return true
		}
	}
	return false
}

// eventually polls cond every 50 ms until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func register(t *testing.T, conn grpc.ClientConnInterface, instance string) *Registration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, err := Register(ctx, conn, request(instance), Options{Logf: t.Logf})
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	t.Cleanup(func() { _ = r.Close(context.Background()) })
	return r
}

func TestRegisteredServiceIsListedRenewedPastItsTTLAndGoneAfterClose(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	conn := core.Dial()
	r := register(t, conn, "i-renewed")
	if r.GrantedTTL() != ttl {
		t.Fatalf("granted TTL %v, want %v", r.GrantedTTL(), ttl)
	}
	if want := ttl / 3; r.Interval() > want {
		t.Fatalf("renew interval %v, want at most %v", r.Interval(), want)
	}
	if !isListed(t, conn, "i-renewed") {
		t.Fatal("not listed right after Register")
	}

	// Four TTLs: without renewals the lease would be gone after the first.
	for i := 0; i < 8; i++ {
		time.Sleep(ttl / 2)
		if !isListed(t, conn, "i-renewed") {
			t.Fatalf("lost after %v", time.Duration(i+1)*ttl/2)
		}
	}
	if renewals, expired := r.Stats(); renewals < 8 || expired != 0 {
		t.Fatalf("renewals %d (want >= 8), expired %d (want 0)", renewals, expired)
	}

	if err := r.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if isListed(t, conn, "i-renewed") {
		t.Fatal("still listed after Close: Close must deregister at once, not wait for the TTL")
	}
	if err := r.Close(context.Background()); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// Core forgetting the lease (here: removed behind the client's back) makes the next renewal
// NOT_FOUND; the client registers again and the service is listed again.
func TestLostLeaseIsRegisteredAgain(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	conn := core.Dial()
	r := register(t, conn, "i-lost")
	r.mu.Lock()
	lease := r.leaseID
	r.mu.Unlock()
	if _, err := discoveryv1.NewDiscoveryServiceClient(conn).DeregisterService(context.Background(), &discoveryv1.DeregisterServiceRequest{LeaseId: lease}); err != nil {
		t.Fatal(err)
	}
	if isListed(t, conn, "i-lost") {
		t.Fatal("still listed after its lease was removed")
	}
	eventually(t, 3*time.Second, "registered again", func() bool { return isListed(t, conn, "i-lost") })
	if _, expired := r.Stats(); expired < 1 {
		t.Fatalf("expired = %d, want >= 1", expired)
	}
}

// Core down for longer than the TTL (SIGKILL, restart on the same data and port): renewals fail
// with UNAVAILABLE meanwhile and are retried with backoff; the restarted core has expired the
// lease and answers NOT_FOUND; the client registers again.
func TestRegistrationSurvivesCoreDownLongerThanTheTTL(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	conn := core.Dial()
	r := register(t, conn, "i-outage")
	core.Kill()
	time.Sleep(3 * ttl)
	core.Start()
	eventually(t, 5*time.Second, "registered again after the outage", func() bool {
		_, expired := r.Stats()
		return expired >= 1 && isListed(t, conn, "i-outage")
	})
	// And it stays: renewals go on with the new lease.
	time.Sleep(2 * ttl)
	if !isListed(t, conn, "i-outage") {
		t.Fatal("lost again after re-registering")
	}
}

func TestRegisterFailsWithCoresStatus(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	req := request("bad id with spaces")
	if r, err := Register(context.Background(), core.Dial(), req, Options{}); err == nil {
		_ = r.Close(context.Background())
		t.Fatal("registered an invalid instance id")
	}
	if _, err := Register(context.Background(), core.Dial(), &discoveryv1.RegisterServiceRequest{}, Options{}); err == nil {
		t.Fatal("registered without a service")
	}
}
