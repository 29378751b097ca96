package runtime

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/proto"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
	runtimev1 "github.com/flow-proto/flow-proto/gen/go/flow/runtime/v1"
)

// FailureVersionUnsupported is the Failure.type of a handshake with no common version.
const FailureVersionUnsupported = "protocol.version_unsupported"

// Agreement is what a successful handshake settled for a connection.
type Agreement struct {
	Version *runtimev1.ProtocolVersion
	// Capabilities in effect: the service's, restricted to names core listed too.
	Capabilities []*commonv1.Capability
}

// Handshake picks the highest version both sides list and records the agreement for the
// connection. A failed negotiation also clears any earlier agreement on the connection: "calling
// it again replaces the previous agreement".
func (s *Service) Handshake(ctx context.Context, req *runtimev1.HandshakeRequest) (*runtimev1.HandshakeResponse, error) {
	resp := &runtimev1.HandshakeResponse{
		ServerCapabilities:      cloneCaps(s.opts.Capabilities),
		ServerSupportedVersions: cloneVersions(s.opts.Versions),
	}
	agreement, ok := Negotiate(s.opts.Versions, s.opts.Capabilities, req)
	conn := connFrom(ctx)
	if !ok {
		resp.Negotiation = &runtimev1.HandshakeResponse_Failure{Failure: &commonv1.Failure{
			Message: fmt.Sprintf("no common protocol version: service speaks %s, core offered %s",
				versionList(s.opts.Versions), versionList(req.GetSupportedVersions())),
			Type:         FailureVersionUnsupported,
			NonRetryable: true,
		}}
		conn.set(nil)
		return resp, nil
	}
	resp.Negotiation = &runtimev1.HandshakeResponse_SelectedVersion{SelectedVersion: proto.Clone(agreement.Version).(*runtimev1.ProtocolVersion)}
	conn.set(agreement)
	return resp, nil
}

// Negotiate is the pure negotiation: the highest (major, minor) present in both lists, and the
// server capabilities whose names the client lists. ok is false when no version is common.
func Negotiate(server []*runtimev1.ProtocolVersion, serverCaps []*commonv1.Capability, req *runtimev1.HandshakeRequest) (*Agreement, bool) {
	var best *runtimev1.ProtocolVersion
	for _, sv := range server {
		for _, cv := range req.GetSupportedVersions() {
			if sv.GetMajor() == cv.GetMajor() && sv.GetMinor() == cv.GetMinor() && (best == nil || less(best, sv)) {
				best = sv
			}
		}
	}
	if best == nil {
		return nil, false
	}
	client := map[string]bool{}
	for _, c := range req.GetClientCapabilities() {
		client[c.GetName()] = true
	}
	a := &Agreement{Version: proto.Clone(best).(*runtimev1.ProtocolVersion)}
	for _, c := range serverCaps {
		if client[c.GetName()] {
			a.Capabilities = append(a.Capabilities, proto.Clone(c).(*commonv1.Capability))
		}
	}
	return a, true
}

func less(a, b *runtimev1.ProtocolVersion) bool {
	if a.GetMajor() != b.GetMajor() {
		return a.GetMajor() < b.GetMajor()
	}
	return a.GetMinor() < b.GetMinor()
}

// versionList renders versions as "1.0, 1.1" (sorted), or "none".
func versionList(vs []*runtimev1.ProtocolVersion) string {
	if len(vs) == 0 {
		return "none"
	}
	sorted := cloneVersions(vs)
	sort.Slice(sorted, func(i, j int) bool { return less(sorted[i], sorted[j]) })
	parts := make([]string, len(sorted))
	for i, v := range sorted {
		parts[i] = fmt.Sprintf("%d.%d", v.GetMajor(), v.GetMinor())
	}
	return strings.Join(parts, ", ")
}

func cloneVersions(vs []*runtimev1.ProtocolVersion) []*runtimev1.ProtocolVersion {
	out := make([]*runtimev1.ProtocolVersion, len(vs))
	for i, v := range vs {
		out[i] = proto.Clone(v).(*runtimev1.ProtocolVersion)
	}
	return out
}

func cloneCaps(cs []*commonv1.Capability) []*commonv1.Capability {
	out := make([]*commonv1.Capability, len(cs))
	for i, c := range cs {
		out[i] = proto.Clone(c).(*commonv1.Capability)
	}
	return out
}
