module github.com/flow-proto/flow-proto/tests/go

go 1.24.0

require github.com/flow-proto/flow-proto/gen/go v0.0.0

replace github.com/flow-proto/flow-proto/gen/go => ../../gen/go
