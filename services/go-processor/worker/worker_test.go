// The worker against the real flow-core binary (internal/coretest) over loopback gRPC. Work is
// enqueued and awaited with `flow-core tasks ...`, as a script would; "a crash" is SIGKILL.
package worker_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	executionv1 "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
	"github.com/flow-proto/flow-proto/services/go-processor/internal/coretest"
	"github.com/flow-proto/flow-proto/services/go-processor/worker"
)

// childAddrEnv makes the test binary a worker process (see TestMain) that a test can SIGKILL.
const childAddrEnv = "FLOW_WORKER_TEST_CHILD_ADDR"

func TestMain(m *testing.M) {
	if addr := os.Getenv(childAddrEnv); addr != "" {
		childWorker(addr)
		return
	}
	os.Exit(m.Run())
}

// childWorker runs handler "resumable": it records progress "item-3", says so on stdout, and
// then works until it is killed.
func childWorker(addr string) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w, err := worker.New(worker.Options{
		WorkerID: "child-worker",
		Handlers: map[string]worker.Handler{"resumable": worker.HandlerFunc(
			func(ctx context.Context, task *worker.Task) (*commonv1.Payload, error) {
				task.RecordProgress(payload("item-3"))
				fmt.Printf("recorded item-3 in attempt %d\n", task.Attempt())
				<-ctx.Done()
				return nil, ctx.Err()
			})},
		Logf: func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	_ = w.Run(context.Background(), conn)
	os.Exit(0)
}

func payload(s string) *commonv1.Payload { return &commonv1.Payload{Data: []byte(s)} }

// runWorker runs a worker on core until the test ends (then drains it).
func runWorker(t *testing.T, core *coretest.Core, opts worker.Options) {
	t.Helper()
	opts.Logf = t.Logf
	w, err := worker.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	conn := core.Dial()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, conn) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("worker.Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("worker did not drain within 10 s")
		}
	})
}

func successResult(t *testing.T, s coretest.TaskStatus) string {
	t.Helper()
	if s.State != "done" || s.Outcome.GetSuccess() == nil {
		t.Fatalf("execution %s: state %s, outcome %v; want done with success", s.ExecutionID, s.State, s.Outcome)
	}
	return string(s.Outcome.GetSuccess().GetResult().GetData())
}

func TestTaskFromTheCommandLineRunsToSuccess(t *testing.T) {
	core := coretest.Start(t)
	runWorker(t, core, worker.Options{
		WorkerID: "go-worker/echo",
		Handlers: map[string]worker.Handler{"greet": worker.HandlerFunc(
			func(_ context.Context, task *worker.Task) (*commonv1.Payload, error) {
				in := task.Input()
				return payload(fmt.Sprintf("hello %s (attempt %d, %s)", in.GetData(), task.Attempt(), in.GetMetadata()["encoding"])), nil
			})},
	})
	id := core.Enqueue("greet", "--input", `"world"`, "--input-encoding", "json/plain")
	s := core.WaitTask(id, 20*time.Second)
	if got, want := successResult(t, s), `hello "world" (attempt 1, json/plain)`; got != want {
		t.Fatalf("result %q, want %q", got, want)
	}
	if s.Attempts != 1 {
		t.Fatalf("attempts %d, want 1", s.Attempts)
	}
}

func TestKilledWorkersTaskResumesFromItsLastHeartbeatOnAnotherWorker(t *testing.T) {
	core := coretest.Start(t)
	id := core.Enqueue("resumable", "--heartbeat-timeout", "1s", "--initial-interval", "200ms", "--max-attempts", "3")

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childAddrEnv+"="+core.Addr())
	child.Stderr = os.Stderr
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
	}()
	select {
	case l := <-line:
		if l != "recorded item-3 in attempt 1" {
			t.Fatalf("child said %q", l)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the child worker did not start the task within 15 s")
	}
	// Heartbeats go every 1s/3: after 800 ms at least two have carried the progress.
	time.Sleep(800 * time.Millisecond)
	if err := child.Process.Kill(); err != nil { // SIGKILL: no drain, no completion
		t.Fatal(err)
	}
	_ = child.Wait()

	type seen struct {
		attempt uint32
		last    string
	}
	got := make(chan seen, 4)
	runWorker(t, core, worker.Options{
		WorkerID: "go-worker/second",
		Handlers: map[string]worker.Handler{"resumable": worker.HandlerFunc(
			func(_ context.Context, task *worker.Task) (*commonv1.Payload, error) {
				last := string(task.LastHeartbeat().GetData())
				got <- seen{task.Attempt(), last}
				return payload("resumed from " + last), nil
			})},
	})
	s := core.WaitTask(id, 20*time.Second)
	if r := successResult(t, s); r != "resumed from item-3" {
		t.Fatalf("result %q, want resumed from item-3", r)
	}
	if g := <-got; g != (seen{2, "item-3"}) {
		t.Fatalf("the second worker got attempt %d with last heartbeat %q; want attempt 2 with item-3", g.attempt, g.last)
	}
	if s.Attempts != 2 {
		t.Fatalf("attempts %d, want 2", s.Attempts)
	}
}

func TestGracefulCancellationReachesTheHandlerAndEndsCancelled(t *testing.T) {
	core := coretest.Start(t)
	started := make(chan struct{}, 1)
	causes := make(chan error, 1)
	runWorker(t, core, worker.Options{
		WorkerID: "go-worker/cancel",
		Handlers: map[string]worker.Handler{"long": worker.HandlerFunc(
			func(ctx context.Context, task *worker.Task) (*commonv1.Payload, error) {
				started <- struct{}{}
				<-ctx.Done()
				causes <- context.Cause(ctx)
				return nil, worker.Cancelled(payload("stopped at item 7"))
			})},
	})
	// Heartbeats every 10 s: the cancellation must come by the stream's CancelTask.
	id := core.Enqueue("long", "--heartbeat-timeout", "30s")
	select {
	case <-started:
	case <-time.After(15 * time.Second):
		t.Fatal("the task did not start within 15 s")
	}
	client := executionv1.NewExecutionServiceClient(core.Dial())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := client.CancelExecution(ctx, &executionv1.CancelExecutionRequest{
		ExecutionId: id,
		Mode:        commonv1.CancellationMode_CANCELLATION_MODE_GRACEFUL,
		Reason:      "user asked",
		RequestedBy: "worker_test",
	}); err != nil {
		t.Fatal(err)
	}
	var cause error
	select {
	case cause = <-causes:
	case <-time.After(2 * time.Second):
		t.Fatal("the handler's context was not cancelled within 2 s (CancelTask on the stream)")
	}
	s := core.WaitTask(id, 10*time.Second)
	var req *worker.CancelRequest
	if !errors.As(cause, &req) || req.Reason != "user asked" || !errors.Is(cause, context.Canceled) {
		t.Fatalf("the handler's context ended with %v; want a *CancelRequest for \"user asked\"", cause)
	}
	c := s.Outcome.GetCancelled()
	if c == nil || c.GetMode() != commonv1.CancellationMode_CANCELLATION_MODE_GRACEFUL || c.GetReason() != "user asked" ||
		string(c.GetDetails().GetData()) != "stopped at item 7" {
		t.Fatalf("outcome %v; want cancelled, graceful, \"user asked\", details \"stopped at item 7\"", s.Outcome)
	}
}

func TestFailingHandlerIsRetriedUntilMaxAttemptsThenFails(t *testing.T) {
	core := coretest.Start(t)
	var mu sync.Mutex
	var attempts []uint32
	runWorker(t, core, worker.Options{
		WorkerID: "go-worker/fail",
		Handlers: map[string]worker.Handler{"flaky": worker.HandlerFunc(
			func(_ context.Context, task *worker.Task) (*commonv1.Payload, error) {
				mu.Lock()
				attempts = append(attempts, task.Attempt())
				mu.Unlock()
				return nil, fmt.Errorf("boom in attempt %d", task.Attempt())
			})},
	})
	id := core.Enqueue("flaky", "--max-attempts", "2", "--initial-interval", "200ms")
	s := core.WaitTask(id, 20*time.Second)
	f := s.Outcome.GetFailure()
	if f == nil || f.GetMessage() != "boom in attempt 2" || f.GetType() != worker.HandlerFailedType {
		t.Fatalf("outcome %v; want the failure of attempt 2", s.Outcome)
	}
	mu.Lock()
	defer mu.Unlock()
	if s.Attempts != 2 || !slices.Equal(attempts, []uint32{1, 2}) {
		t.Fatalf("core counted %d attempts, the handler saw %v; want 2 and [1 2]", s.Attempts, attempts)
	}
}

func TestWorkerKeepsWorkingAcrossCoreCrashes(t *testing.T) {
	core := coretest.Start(t)
	var mu sync.Mutex
	runs := map[string]int{}
	release := map[string]chan struct{}{"first": make(chan struct{}), "second": make(chan struct{})}
	started := make(chan string, 4)
	runWorker(t, core, worker.Options{
		WorkerID: "go-worker/crashes",
		Handlers: map[string]worker.Handler{
			"gate": worker.HandlerFunc(func(ctx context.Context, task *worker.Task) (*commonv1.Payload, error) {
				name := string(task.Input().GetData())
				mu.Lock()
				runs[name]++
				mu.Unlock()
				started <- name
				select {
				case <-release[name]:
					return payload(name + " done"), nil
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}),
		},
	})
	waitStarted := func(want string) {
		t.Helper()
		select {
		case got := <-started:
			if got != want {
				t.Fatalf("started %q, want %q", got, want)
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%s did not start within 15 s", want)
		}
	}

	// Core dies while the task runs and is down when the handler finishes: the completion is
	// retried until core is back.
	first := core.Enqueue("gate", "--input", "first", "--heartbeat-timeout", "10s")
	waitStarted("first")
	core.Kill()
	close(release["first"])
	time.Sleep(500 * time.Millisecond)
	core.Start()
	if r := successResult(t, core.WaitTask(first, 20*time.Second)); r != "first done" {
		t.Fatalf("result %q", r)
	}

	// Core restarts while a task runs: the worker reconnects with the same id, core sends the
	// open task again, and the worker does not run it twice.
	second := core.Enqueue("gate", "--input", "second", "--heartbeat-timeout", "10s")
	waitStarted("second")
	core.Restart()
	time.Sleep(1500 * time.Millisecond) // reconnect, and the task sent again
	close(release["second"])
	if r := successResult(t, core.WaitTask(second, 20*time.Second)); r != "second done" {
		t.Fatalf("result %q", r)
	}
	mu.Lock()
	defer mu.Unlock()
	if runs["first"] != 1 || runs["second"] != 1 {
		t.Fatalf("runs %v; want each task run once", runs)
	}
}

func TestShutdownDrainsRunningTasks(t *testing.T) {
	core := coretest.Start(t)
	started := make(chan struct{}, 1)
	w, err := worker.New(worker.Options{
		WorkerID: "go-worker/drain",
		Handlers: map[string]worker.Handler{"slow": worker.HandlerFunc(
			func(ctx context.Context, task *worker.Task) (*commonv1.Payload, error) {
				started <- struct{}{}
				time.Sleep(500 * time.Millisecond) // no cancellation comes within the drain grace
				if ctx.Err() != nil {
					return payload("cancelled"), nil
				}
				return payload("finished"), nil
			})},
		Logf: t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, core.Dial()) }()
	id := core.Enqueue("slow")
	select {
	case <-started:
	case <-time.After(15 * time.Second):
		t.Fatal("the task did not start within 15 s")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if r := successResult(t, core.TaskStatus(id)); r != "finished" {
		t.Fatalf("result %q", r)
	}
}

func TestNewRefusesAWorkerWithoutHandlers(t *testing.T) {
	if _, err := worker.New(worker.Options{}); err == nil || !strings.Contains(err.Error(), "no handlers") {
		t.Fatalf("New without handlers: %v", err)
	}
}
