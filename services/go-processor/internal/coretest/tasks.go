package coretest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// TaskStatus is what `flow-core tasks status|wait` prints about an execution.
type TaskStatus struct {
	ExecutionID string
	// State is queued, running or done.
	State    string
	Attempts int
	// Outcome is the execution's outcome once done (nil before).
	Outcome *commonv1.Outcome
}

// Tasks runs `flow-core tasks ARGS... --data <core's data directory>` (beside the serving core,
// as a script would) and returns its stdout, trimmed. It fails the test on a non-zero exit.
func (c *Core) Tasks(args ...string) string {
	c.t.Helper()
	out, err := c.tasks(args...)
	if err != nil {
		c.t.Fatalf("flow-core tasks %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func (c *Core) tasks(args ...string) (string, error) {
	full := append([]string{"tasks", args[0], "--data", c.Data}, args[1:]...)
	cmd := exec.Command(c.bin, full...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), &cliError{err: err, stderr: stderr.String()}
	}
	return strings.TrimSpace(string(out)), nil
}

type cliError struct {
	err    error
	stderr string
}

func (e *cliError) Error() string { return e.err.Error() + ": " + strings.TrimSpace(e.stderr) }

// Enqueue queues an execution for handler with extra `tasks enqueue` flags (--input,
// --heartbeat-timeout, --max-attempts, ...) and returns its id.
func (c *Core) Enqueue(handler string, flags ...string) string {
	c.t.Helper()
	return c.Tasks(append([]string{"enqueue", "--handler", handler}, flags...)...)
}

// TaskStatus is the execution's state now.
func (c *Core) TaskStatus(executionID string) TaskStatus {
	c.t.Helper()
	return c.parseStatus(c.Tasks("status", executionID))
}

// WaitTask waits up to timeout for the execution to be done and returns its state; it fails the
// test when the timeout passes first.
func (c *Core) WaitTask(executionID string, timeout time.Duration) TaskStatus {
	c.t.Helper()
	out, err := c.tasks("wait", executionID, "--timeout", timeout.String())
	if err != nil {
		c.t.Fatalf("execution %s not done within %v: %v (last state: %s)", executionID, timeout, err, out)
	}
	return c.parseStatus(out)
}

func (c *Core) parseStatus(line string) TaskStatus {
	c.t.Helper()
	var raw struct {
		ExecutionID string          `json:"executionId"`
		State       string          `json:"state"`
		Attempts    int             `json:"attempts"`
		Outcome     json.RawMessage `json:"outcome"`
	}
	if err := json.Unmarshal([]byte(line), &raw); err != nil {
		c.t.Fatalf("tasks status output %q: %v", line, err)
	}
	s := TaskStatus{ExecutionID: raw.ExecutionID, State: raw.State, Attempts: raw.Attempts}
	if len(raw.Outcome) > 0 && string(raw.Outcome) != "null" {
		s.Outcome = &commonv1.Outcome{}
		if err := protojson.Unmarshal(raw.Outcome, s.Outcome); err != nil {
			c.t.Fatalf("outcome %s: %v", raw.Outcome, err)
		}
	}
	return s
}
