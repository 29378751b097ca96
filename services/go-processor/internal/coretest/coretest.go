// Package coretest runs the real flow-core binary for tests: a child process over a temporary
// data directory, reached over loopback gRPC, that a test can SIGKILL and restart on the same
// directory. There is no fake core on purpose: the clients are tested against what core does.
package coretest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// ShortLeaseFlags make core grant 1 s leases, so that expiry can be watched within a test.
var ShortLeaseFlags = []string{"--min-lease-ttl", "1s", "--default-lease-ttl", "1s", "--max-lease-ttl", "60s"}

// Binary returns the flow-core binary: $FLOW_CORE_BIN, else <repo root>/target/debug/flow-core.
// It fails the test (never skips it) when the binary is missing, saying how to build it.
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("FLOW_CORE_BIN"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("FLOW_CORE_BIN=%s: %v (build it with `cargo build -p flow-core`)", p, err)
		}
		return p
	}
	root, err := RepoRoot()
	if err != nil {
		t.Fatalf("finding the repository root: %v", err)
	}
	p := filepath.Join(root, "target", "debug", "flow-core")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("flow-core binary not found at %s: build it with `cargo build -p flow-core` "+
			"from the repository root, or set FLOW_CORE_BIN to its path", p)
	}
	return p
}

// RepoRoot walks up from the working directory to the directory holding proto/ and Cargo.toml.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isFile(filepath.Join(dir, "Cargo.toml")) && isDir(filepath.Join(dir, "proto")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no directory with Cargo.toml and proto/ above the working directory")
		}
		dir = parent
	}
}

func isFile(p string) bool { st, err := os.Stat(p); return err == nil && st.Mode().IsRegular() }
func isDir(p string) bool  { st, err := os.Stat(p); return err == nil && st.IsDir() }

// Core is a running flow-core serve process.
type Core struct {
	t      testing.TB
	bin    string
	Data   string
	flags  []string
	listen string

	mu   sync.Mutex
	proc *Process
}

// Start runs flow-core serve on 127.0.0.1:0 over a fresh temporary data directory with extra
// flags, and kills it when the test ends.
func Start(t testing.TB, flags ...string) *Core {
	t.Helper()
	c := &Core{t: t, bin: Binary(t), Data: t.TempDir(), flags: flags, listen: "127.0.0.1:0"}
	c.start()
	c.listen = c.Addr() // a restart binds the same port, so clients' connections stay valid
	t.Cleanup(func() { c.current().Kill() })
	return c
}

func (c *Core) start() {
	c.t.Helper()
	args := append([]string{"serve", "--listen", c.listen, "--data", c.Data}, c.flags...)
	p := Spawn(c.t, c.bin, args, nil)
	c.mu.Lock()
	c.proc = p
	c.mu.Unlock()
}

func (c *Core) current() *Process {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.proc
}

// Addr is the host:port core listens on (the same after Restart).
func (c *Core) Addr() string { return c.current().Addr }

// Restart SIGKILLs core (a crash: nothing is flushed or closed) and starts it again on the same
// data directory and port.
func (c *Core) Restart() {
	c.t.Helper()
	c.Kill()
	c.start()
}

// Kill SIGKILLs core and waits until it is gone; Start brings it back.
func (c *Core) Kill() { c.current().Kill() }

// Start starts core again (after Kill) on the same data directory and port.
func (c *Core) Start() {
	c.t.Helper()
	c.start()
}

// Dial opens a plaintext gRPC client connection to core, closed when the test ends.
func (c *Core) Dial() *grpc.ClientConn {
	c.t.Helper()
	return Dial(c.t, c.Addr())
}

// Dial opens a plaintext gRPC client connection to addr, closed when the test ends.
func Dial(t testing.TB, addr string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// Process is a child process that printed "listening on ADDR".
type Process struct {
	Addr   string
	cmd    *exec.Cmd
	waited chan struct{}
	stderr *lockedBuffer
}

// Spawn starts bin with args (and extra environment variables), waits up to 10 s for its
// "listening on ADDR" line, and keeps draining its output.
func Spawn(t testing.TB, bin string, args, env []string) *Process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &Process{cmd: cmd, waited: make(chan struct{}), stderr: &lockedBuffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "listening on "); ok {
				select {
				case addr <- a:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(p.waited)
	}()
	select {
	case p.Addr = <-addr:
	case <-p.waited:
		t.Fatalf("%s exited before printing `listening on`: %s", filepath.Base(bin), p.stderr.String())
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatalf("%s did not print `listening on` within 10 s: %s", filepath.Base(bin), p.stderr.String())
	}
	t.Cleanup(p.Kill)
	return p
}

// Kill sends SIGKILL and waits until the process is gone. Safe to call again.
func (p *Process) Kill() {
	_ = p.cmd.Process.Kill() // os.Process.Kill is SIGKILL on Unix
	<-p.waited
}

// Signal sends sig (for example SIGTERM) without waiting.
func (p *Process) Signal(sig os.Signal) error { return p.cmd.Process.Signal(sig) }

// Wait waits up to d for the process to exit and returns its exit code.
func (p *Process) Wait(d time.Duration) (int, error) {
	select {
	case <-p.waited:
		return p.cmd.ProcessState.ExitCode(), nil
	case <-time.After(d):
		return 0, fmt.Errorf("still running after %v", d)
	}
}

// Stderr is what the process wrote to stderr so far.
func (p *Process) Stderr() string { return p.stderr.String() }

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
