// Package flowtypes imports every generated Flow package for its side effect: registering its
// files and types in protoregistry.GlobalFiles and GlobalTypes, so that tests can resolve any
// message by its full name. fixtures.TestEveryGeneratedFileIsRegistered keeps this list complete.
package flowtypes

import (
	_ "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/consumer/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/discovery/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/durable/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/execution/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/frame/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/job/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/processor/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
	_ "github.com/flow-proto/flow-proto/gen/go/flow/source/v1"
)
