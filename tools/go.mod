// Pins the Go code generators. `make setup` builds them into .tools/bin with exactly these
// versions; nothing is installed globally.
module github.com/flow-proto/flow-proto/tools

go 1.24.0

tool (
	google.golang.org/grpc/cmd/protoc-gen-go-grpc
	google.golang.org/protobuf/cmd/protoc-gen-go
)

require (
	google.golang.org/grpc/cmd/protoc-gen-go-grpc v1.6.1 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
