//! Handshake negotiation, free of I/O: the highest common protocol version and the capabilities
//! both sides list.
//!
//! ```
//! use flow_proto::common::v1::Capability;
//! use flow_proto::runtime::v1::{HandshakeRequest, ProtocolVersion};
//! use flow_sdk::handshake::negotiate;
//!
//! let v = |major, minor| ProtocolVersion { major, minor };
//! let cap = |name: &str| Capability { name: name.into(), ..Default::default() };
//! let request = HandshakeRequest {
//!     supported_versions: vec![v(1, 0), v(1, 1), v(1, 2)],
//!     client_capabilities: vec![cap("a"), cap("b")],
//!     ..Default::default()
//! };
//! let agreement = negotiate(&[v(1, 0), v(1, 1)], &[cap("b"), cap("c")], &request).unwrap();
//! assert_eq!(agreement.version, v(1, 1));
//! assert!(agreement.uses("b") && !agreement.uses("a") && !agreement.uses("c"));
//! ```

use flow_proto::common::v1::{Capability, Failure};
use flow_proto::failure::FailureExt;
use flow_proto::runtime::v1::handshake_response::Negotiation;
use flow_proto::runtime::v1::{HandshakeRequest, HandshakeResponse, ProtocolVersion};

/// `Failure.type` when no version fits, as `runtime.proto` names it.
pub const VERSION_UNSUPPORTED: &str = "protocol.version_unsupported";

/// What both sides agreed on in a successful handshake.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// The version used from now on: the highest listed by both sides.
    pub version: ProtocolVersion,
    /// The capabilities in effect, as the service listed them (with its parameters).
    pub capabilities: Vec<Capability>,
    /// The same capabilities as core listed them (with core's parameters).
    pub client_capabilities: Vec<Capability>,
    /// Core's release version, for logs.
    pub core_version: String,
    /// The calling core instance, for logs. Empty when not known.
    pub core_instance_id: String,
}

impl Agreement {
    /// Whether the capability called `name` is in effect.
    pub fn uses(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c.name == name)
    }
}

/// Negotiates `request` against what the service supports. `Err` carries the non-retryable
/// failure the response reports when the two sides share no version.
// Not boxed: called once per connection, and the failure goes straight into the response.
#[allow(clippy::result_large_err)]
pub fn negotiate(
    server_versions: &[ProtocolVersion],
    server_capabilities: &[Capability],
    request: &HandshakeRequest,
) -> Result<Agreement, Failure> {
    let Some(version) = highest_common(server_versions, &request.supported_versions) else {
        return Err(Failure::new(format!(
            "no common protocol version: core speaks {}, the service speaks {}",
            list(&request.supported_versions),
            list(server_versions),
        ))
        .with_type(VERSION_UNSUPPORTED)
        .with_non_retryable(true));
    };
    // Empty names are ignored: they cannot name a feature, and matching "" with "" would
    // switch on something neither side meant.
    let listed =
        |caps: &[Capability], name: &str| !name.is_empty() && caps.iter().any(|c| c.name == name);
    let client = &request.client_capabilities;
    Ok(Agreement {
        version,
        capabilities: server_capabilities
            .iter()
            .filter(|c| listed(client, &c.name))
            .cloned()
            .collect(),
        client_capabilities: client
            .iter()
            .filter(|c| listed(server_capabilities, &c.name))
            .cloned()
            .collect(),
        core_version: request.core_version.clone(),
        core_instance_id: request.core_instance_id.clone(),
    })
}

/// The response for a negotiation outcome: the service's full lists plus exactly one of the
/// selected version and the failure.
pub fn response(
    server_versions: &[ProtocolVersion],
    server_capabilities: &[Capability],
    outcome: &Result<Agreement, Failure>,
) -> HandshakeResponse {
    HandshakeResponse {
        server_capabilities: server_capabilities.to_vec(),
        server_supported_versions: server_versions.to_vec(),
        negotiation: Some(match outcome {
            Ok(agreement) => Negotiation::SelectedVersion(agreement.version),
            Err(failure) => Negotiation::Failure(failure.clone()),
        }),
    }
}

fn highest_common(ours: &[ProtocolVersion], theirs: &[ProtocolVersion]) -> Option<ProtocolVersion> {
    ours.iter()
        .filter(|v| theirs.contains(v))
        .max_by_key(|v| (v.major, v.minor))
        .copied()
}

fn list(versions: &[ProtocolVersion]) -> String {
    if versions.is_empty() {
        return "nothing".into();
    }
    let mut sorted: Vec<_> = versions.iter().map(|v| (v.major, v.minor)).collect();
    sorted.sort_unstable();
    sorted
        .iter()
        .map(|(major, minor)| format!("{major}.{minor}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u32, minor: u32) -> ProtocolVersion {
        ProtocolVersion { major, minor }
    }

    #[test]
    fn highest_common_ignores_order_and_majors() {
        assert_eq!(
            highest_common(&[v(2, 0), v(1, 3), v(1, 1)], &[v(1, 1), v(1, 3), v(3, 0)]),
            Some(v(1, 3))
        );
        assert_eq!(highest_common(&[v(1, 0)], &[v(2, 0)]), None);
        assert_eq!(highest_common(&[v(1, 0)], &[]), None);
    }

    #[test]
    fn no_common_version_is_a_non_retryable_failure() {
        let request = HandshakeRequest {
            supported_versions: vec![v(2, 1), v(2, 0)],
            ..Default::default()
        };
        let failure = negotiate(&[v(1, 0)], &[], &request).unwrap_err();
        assert_eq!(failure.r#type, VERSION_UNSUPPORTED);
        assert!(failure.non_retryable);
        assert!(
            failure.message.contains("core speaks 2.0, 2.1"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn empty_capability_names_never_match() {
        let blank = Capability::default();
        let request = HandshakeRequest {
            supported_versions: vec![v(1, 0)],
            client_capabilities: vec![blank.clone()],
            ..Default::default()
        };
        let agreement = negotiate(&[v(1, 0)], &[blank], &request).unwrap();
        assert!(agreement.capabilities.is_empty());
    }
}
