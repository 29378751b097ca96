package processor

import (
	"time"

	processorv1 "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
)

// Options bound what one Process stream may hold. The zero value of a field picks its default.
type Options struct {
	// InputBufferRecords and InputBufferBytes size the input buffer: the processor grants core at
	// most this much input credit outstanding, and gives it back as input batches complete.
	// Defaults: 1024 records, 8 MiB.
	InputBufferRecords uint32
	InputBufferBytes   uint64
	// DefaultMaxBatchBytes caps one output batch when `ProcessStart.max_batch_bytes` is 0. It
	// keeps output messages under gRPC's default 4 MiB receive limit. Default 1 MiB.
	DefaultMaxBatchBytes uint64
	// ProgressInterval is how often a busy stream sends `progress` (core's sign of life).
	// Default 2s; negative disables the periodic reports.
	ProgressInterval time.Duration
}

func (o Options) withDefaults() Options {
	if o.InputBufferRecords == 0 {
		o.InputBufferRecords = 1024
	}
	if o.InputBufferBytes == 0 {
		o.InputBufferBytes = 8 << 20
	}
	if o.DefaultMaxBatchBytes == 0 {
		o.DefaultMaxBatchBytes = 1 << 20
	}
	if o.ProgressInterval == 0 {
		o.ProgressInterval = 2 * time.Second
	}
	return o
}

// Service implements flow.processor.v1.ProcessorService. Streams share nothing, so core may open
// as many as it likes (parallelism); the server's max-concurrent-streams limit bounds them.
type Service struct {
	processorv1.UnimplementedProcessorServiceServer
	opts Options
}

// NewService returns the processor service.
func NewService(opts Options) *Service {
	return &Service{opts: opts.withDefaults()}
}

// Process runs one stream of the protocol documented in processor.proto (see stream.go).
func (s *Service) Process(stream processorv1.ProcessorService_ProcessServer) error {
	return newRun(s.opts, stream).serve()
}
