package main

import (
	"context"
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	discoveryv1 "github.com/flow-proto/flow-proto/gen/go/flow/discovery/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/coretest"
	"github.com/flow-proto/flow-proto/services/go-processor/server"
)

// runMainEnv makes the test binary act as flow-go-processor itself, so that the tests below
// run the real program as a real child process (which they can SIGKILL) without a separate
// `go build`.
const runMainEnv = "FLOW_GO_PROCESSOR_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// spawnProcessor starts flow-go-processor registering with core with 1 s leases.
func spawnProcessor(t *testing.T, core *coretest.Core) *coretest.Process {
	t.Helper()
	return coretest.Spawn(t, os.Args[0],
		[]string{"--listen", "127.0.0.1:0", "--core", "http://" + core.Addr(), "--core-lease-ttl", "1s"},
		[]string{runMainEnv + "=1"})
}

// registered returns core's registrations of the go-processor.
func registered(t *testing.T, conn grpc.ClientConnInterface) []*discoveryv1.RegisteredService {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := discoveryv1.NewDiscoveryServiceClient(conn).ListServices(ctx, &discoveryv1.ListServicesRequest{Name: server.ServiceName})
	if err != nil {
		t.Fatalf("ListServices: %v", err)
	}
	return resp.GetServices()
}

func TestWithCoreItRegistersStaysRegisteredAndDeregistersOnSIGTERM(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	conn := core.Dial()
	proc := spawnProcessor(t, core)

	// Registered by the time it prints "listening on".
	regs := registered(t, conn)
	if len(regs) != 1 {
		t.Fatalf("%d registrations, want 1", len(regs))
	}
	r := regs[0]
	if r.GetEndpoint() != proc.Addr || len(r.GetService().GetRoles()) != 1 || r.GetService().GetRoles()[0] != commonv1.Role_ROLE_PROCESSOR ||
		r.GetService().GetInstanceId() == "" || r.GetService().GetLanguage() != "go" {
		t.Fatalf("registration %v; want endpoint %s, role PROCESSOR, an instance id, language go", r, proc.Addr)
	}
	time.Sleep(3 * time.Second) // three TTLs: only renewals keep it
	if regs := registered(t, conn); len(regs) != 1 || regs[0].GetService().GetInstanceId() != r.GetService().GetInstanceId() {
		t.Fatalf("after 3 TTLs: %v", regs)
	}

	if err := proc.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code, err := proc.Wait(15 * time.Second); err != nil || code != 0 {
		t.Fatalf("exit after SIGTERM: code %d, %v; stderr: %s", code, err, proc.Stderr())
	}
	if regs := registered(t, conn); len(regs) != 0 {
		t.Fatalf("still registered right after a clean exit: %v", regs)
	}
}

func TestAKilledProcessorLeavesNoLeaseBeyondItsTTL(t *testing.T) {
	core := coretest.Start(t, coretest.ShortLeaseFlags...)
	conn := core.Dial()
	proc := spawnProcessor(t, core)
	if len(registered(t, conn)) != 1 {
		t.Fatal("not registered")
	}
	proc.Kill() // SIGKILL: no deregistration
	killed := time.Now()
	for len(registered(t, conn)) != 0 {
		// The lease may have been renewed just before the kill: gone one TTL later, plus slack
		// for core's clock tick.
		if time.Since(killed) > 1500*time.Millisecond {
			t.Fatalf("still registered %v after SIGKILL with a 1 s lease", time.Since(killed))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("gone %v after SIGKILL", time.Since(killed).Round(time.Millisecond))
}

func TestRunRejectsABadCoreURL(t *testing.T) {
	for _, url := range []string{"ftp://127.0.0.1:1", "http://", "http://127.0.0.1:1/some/path"} {
		if c := run(context.Background(), []string{"--core", url}, io.Discard, io.Discard); c != 2 {
			t.Errorf("--core %q: exit %d, want 2", url, c)
		}
	}
}

func TestRunFailsWhenCoreRefusesTheRegistration(t *testing.T) {
	core := coretest.Start(t)
	// A 2049-byte endpoint exceeds core's limit (2048), so RegisterService is INVALID_ARGUMENT.
	long := make([]byte, 2049)
	for i := range long {
		long[i] = 'a'
	}
	if c := run(context.Background(), []string{"--core", core.Addr(), "--advertise", string(long)}, io.Discard, io.Discard); c != 1 {
		t.Fatalf("exit %d, want 1", c)
	}
}
