// Command flow-go-processor serves the reference Go Flow Processor: ProcessorService,
// RuntimeService, grpc.health.v1 and server reflection. It prints "listening on <addr>" once
// the listener is bound, so a test or supervisor started with --listen 127.0.0.1:0 learns the
// port; it exits after RuntimeService.Shutdown or SIGINT/SIGTERM, once the grace period is over.
//
// With --core URL it also registers itself with that core's DiscoveryService once the listener
// is bound (role PROCESSOR, its ServiceInfo, its endpoint), keeps the lease renewed while it
// runs, and deregisters when it shuts down; a processor that dies without deregistering is
// forgotten by core when its lease TTL runs out.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/flow-proto/flow-proto/services/go-processor/processor"
	"github.com/flow-proto/flow-proto/services/go-processor/runtime"
	"github.com/flow-proto/flow-proto/services/go-processor/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code, and a cancelled ctx acts as a
// signal. Tests drive it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("flow-go-processor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	maxRecv := fs.Int("max-recv-msg-size", 16<<20, "largest gRPC message accepted, in bytes")
	maxStreams := fs.Uint("max-concurrent-streams", 256, "most concurrent RPCs per connection")
	kaTime := fs.Duration("keepalive-time", 30*time.Second, "ping a connection idle for this long")
	kaTimeout := fs.Duration("keepalive-timeout", 10*time.Second, "close a connection whose ping is unanswered for this long")
	kaMinTime := fs.Duration("keepalive-min-time", 10*time.Second, "shortest client ping interval tolerated")
	requireHandshake := fs.Bool("require-handshake", true, "reject Flow RPCs (but GetServiceInfo) before a Handshake on the connection")
	inRecords := fs.Uint("input-buffer-records", 1024, "input credit per Process stream, in records")
	inBytes := fs.Uint64("input-buffer-bytes", 8<<20, "input credit per Process stream, in bytes")
	maxBatchBytes := fs.Uint64("default-max-batch-bytes", 1<<20, "output batch size cap when core sets none")
	progress := fs.Duration("progress-interval", 2*time.Second, "how often busy streams report progress")
	signalGrace := fs.Duration("signal-grace", runtime.DefaultShutdownGrace, "grace period on SIGINT/SIGTERM")
	coreURL := fs.String("core", "", "register with this Flow core's DiscoveryService (http://host:port, https://host:port or host:port); empty: do not register")
	coreLeaseTTL := fs.Duration("core-lease-ttl", 0, "lease TTL to ask core for (0: core's default)")
	advertise := fs.String("advertise", "", "endpoint to register with core (default: the bound listen address)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "flow-go-processor: unexpected arguments: %v\n", fs.Args())
		return 2
	}
	var coreAddr string
	var coreCreds grpc.DialOption
	if *coreURL != "" {
		var err error
		if coreAddr, coreCreds, err = coreTarget(*coreURL); err != nil {
			fmt.Fprintf(stderr, "flow-go-processor: %v\n", err)
			return 2
		}
	}
	if *maxStreams > 1<<31 || *inRecords == 0 || *inRecords > 1<<31 || *inBytes == 0 || *maxRecv <= 0 {
		fmt.Fprintln(stderr, "flow-go-processor: limits must be positive (and streams/records below 2^31)")
		return 2
	}

	srv, err := server.New(server.Options{
		Processor: processor.Options{
			InputBufferRecords:   uint32(*inRecords),
			InputBufferBytes:     *inBytes,
			DefaultMaxBatchBytes: *maxBatchBytes,
			ProgressInterval:     *progress,
		},
		RequireHandshake:     *requireHandshake,
		MaxRecvMsgSize:       *maxRecv,
		MaxConcurrentStreams: uint32(*maxStreams),
		Keepalive:            keepalive.ServerParameters{Time: *kaTime, Timeout: *kaTimeout},
		KeepalivePolicy:      keepalive.EnforcementPolicy{MinTime: *kaMinTime, PermitWithoutStream: true},
	})
	if err != nil {
		fmt.Fprintf(stderr, "flow-go-processor: %v\n", err)
		return 1
	}
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "flow-go-processor: %v\n", err)
		return 1
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(lis) }()

	var member *coreMembership
	if coreAddr != "" {
		info, _ := srv.Runtime.GetServiceInfo(ctx, nil)
		endpoint := *advertise
		if endpoint == "" {
			endpoint = lis.Addr().String()
		}
		logf := func(format string, args ...any) { fmt.Fprintf(stderr, "flow-go-processor: "+format+"\n", args...) }
		if member, err = joinCore(ctx, coreAddr, coreCreds, info.GetInfo(), endpoint, *coreLeaseTTL, logf); err != nil {
			fmt.Fprintf(stderr, "flow-go-processor: %v\n", err)
			srv.Shutdown(0)
			<-srv.Done()
			return 1
		}
	}
	// Deregister before the server drains, so that core stops sending new work first.
	leave := func() {
		if err := member.leave(); err != nil {
			fmt.Fprintf(stderr, "flow-go-processor: %v\n", err)
		}
		member = nil
	}
	fmt.Fprintf(stdout, "listening on %s\n", lis.Addr())

	select {
	case <-ctx.Done():
		leave()
		srv.Shutdown(*signalGrace)
	case <-srv.Done():
	case err := <-serveErr:
		leave()
		if err != nil {
			fmt.Fprintf(stderr, "flow-go-processor: serve: %v\n", err)
			return 1
		}
	}
	leave()
	<-srv.Done()
	return 0
}
