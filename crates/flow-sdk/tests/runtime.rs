//! RuntimeService over real loopback gRPC.

mod common;

use common::*;
use flow_proto::common::v1::AttributePath;
use flow_proto::common::v1::{Role, Severity};
use flow_proto::diagnostic::AttributePathExt;
use flow_proto::runtime::v1::handshake_response::Negotiation;
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_proto::runtime::v1::{
    ConfigureRequest, GetSchemaRequest, GetServiceInfoRequest, HandshakeRequest, ShutdownRequest,
    ValidateConfigRequest,
};
use flow_proto::wkt::Struct;
use prost::Message;
use tonic::Code;

#[tokio::test]
async fn service_info_is_served_before_the_handshake() {
    let server = start().await;
    let mut client = RuntimeServiceClient::new(channel(server.addr).await);
    let info = ok(client.get_service_info(GetServiceInfoRequest {}))
        .await
        .info
        .unwrap();
    assert_eq!(info.name, "toy");
    assert_eq!(info.version, "0.1.0");
    assert_eq!(info.sdk_name, "flow-sdk-rust");
    assert_eq!(info.language, "rust");
    assert_eq!(info.roles, [Role::Consumer as i32]);
    assert_eq!(info.instance_id.len(), 36);
    assert!(info.start_time.is_some());
}

#[tokio::test]
async fn every_other_rpc_needs_a_handshake_first() {
    let server = start().await;
    let mut client = RuntimeServiceClient::new(channel(server.addr).await);
    let codes = [
        refused(client.get_schema(GetSchemaRequest::default())).await,
        refused(client.validate_config(ValidateConfigRequest::default())).await,
        refused(client.configure(ConfigureRequest::default())).await,
        refused(client.shutdown(ShutdownRequest::default())).await,
    ];
    assert_eq!(codes, [Code::FailedPrecondition; 4]);
    assert!(!server.shutdown.is_draining());
}

#[tokio::test]
async fn handshake_picks_the_highest_common_version_and_common_capabilities() {
    let server = start().await;
    let mut client = RuntimeServiceClient::new(channel(server.addr).await);
    let response = ok(client.handshake(HandshakeRequest {
        supported_versions: vec![v(2, 0), v(1, 0), v(1, 1), v(1, 7)],
        client_capabilities: vec![cap("b"), cap("c")],
        core_version: "2.3.0".into(),
        core_instance_id: "core-1".into(),
    }))
    .await;
    assert_eq!(
        response.negotiation,
        Some(Negotiation::SelectedVersion(v(1, 1)))
    );
    assert_eq!(response.server_supported_versions, [v(1, 0), v(1, 1)]);
    let offered: Vec<_> = response
        .server_capabilities
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(offered, ["a", "b"]);

    let agreements = server.sessions.snapshot();
    assert_eq!(agreements.len(), 1);
    let agreement = &agreements[0];
    assert!(agreement.uses("b"));
    assert!(!agreement.uses("a"), "only the service lists a");
    assert!(!agreement.uses("c"), "only core lists c");
    assert_eq!(agreement.core_instance_id, "core-1");

    client
        .get_schema(GetSchemaRequest::default())
        .await
        .expect("allowed after handshake");
}

#[tokio::test]
async fn no_common_version_is_a_failure_and_revokes_the_agreement() {
    let (_server, mut client) = start_handshaken().await;
    let response = ok(client.handshake(HandshakeRequest {
        supported_versions: vec![v(2, 0), v(1, 5)],
        ..Default::default()
    }))
    .await;
    let Some(Negotiation::Failure(failure)) = response.negotiation else {
        panic!("expected a failure, got {:?}", response.negotiation);
    };
    assert_eq!(failure.r#type, "protocol.version_unsupported");
    assert!(failure.non_retryable);
    assert_eq!(response.server_supported_versions, [v(1, 0), v(1, 1)]);
    let code = refused(client.get_schema(GetSchemaRequest::default())).await;
    assert_eq!(code, Code::FailedPrecondition);
}

#[tokio::test]
async fn a_handshake_holds_for_its_own_connection_only() {
    let server = start().await;
    let _first = handshaken(server.addr).await;
    let mut second = RuntimeServiceClient::new(channel(server.addr).await);
    let code = refused(second.get_schema(GetSchemaRequest::default())).await;
    assert_eq!(code, Code::FailedPrecondition);
}

#[tokio::test]
async fn schema_lists_components_and_descriptors() {
    let (_server, mut client) = start_handshaken().await;
    let schema = ok(client.get_schema(GetSchemaRequest::default())).await;
    assert_eq!(schema.components.len(), 1);
    assert_eq!(schema.components[0].name, "sink");
    assert_eq!(
        schema.components[0].sensitive_paths,
        [AttributePath::root().attr("password")]
    );
    let set = prost_types::FileDescriptorSet::decode(schema.file_descriptor_set).unwrap();
    assert!(
        set.file
            .iter()
            .any(|f| f.name() == "flow/runtime/v1/runtime.proto")
    );

    let unknown = refused(client.get_schema(GetSchemaRequest {
        components: vec!["nope".into()],
    }))
    .await;
    assert_eq!(unknown, Code::NotFound);
}

fn validate(component: &str, config: Option<Struct>) -> ValidateConfigRequest {
    ValidateConfigRequest {
        component: component.into(),
        config,
    }
}

fn port(port: f64) -> Option<Struct> {
    Some(config(&[("port", number(port))]))
}

#[tokio::test]
async fn validate_reports_diagnostics_at_their_attribute() {
    let (server, mut client) = start_handshaken().await;
    let response = ok(client.validate_config(validate("sink", port(70000.0)))).await;
    assert_eq!(response.diagnostics.len(), 1);
    let diagnostic = &response.diagnostics[0];
    assert_eq!(diagnostic.severity(), Severity::Error);
    assert_eq!(diagnostic.reason, "VALUE_OUT_OF_RANGE");
    assert_eq!(
        diagnostic.attribute,
        Some(AttributePath::root().attr("port"))
    );

    let valid = ok(client.validate_config(validate("sink", port(5432.0)))).await;
    assert!(valid.diagnostics.is_empty());

    let unknown = ok(client.validate_config(validate("nope", None))).await;
    assert_eq!(unknown.diagnostics[0].reason, "UNKNOWN_COMPONENT");
    assert_eq!(server.configure_calls(), 0, "validation applies nothing");
}

fn configure(generation: u64, port_number: f64) -> ConfigureRequest {
    ConfigureRequest {
        component: "sink".into(),
        config: port(port_number),
        generation,
        config_id: String::new(),
    }
}

#[tokio::test]
async fn configure_is_idempotent_per_generation_and_rejects_stale_ones() {
    let (server, mut client) = start_handshaken().await;

    let first = ok(client.configure(configure(5, 80.0))).await;
    assert_eq!(first.applied_generation, 5);
    assert_eq!(server.configure_calls(), 1);

    // The same generation again: the same answer, nothing re-applied.
    let again = ok(client.configure(configure(5, 80.0))).await;
    assert_eq!(again, first);
    assert_eq!(server.configure_calls(), 1);

    // An older generation: STALE_GENERATION, generation 5 stays in effect.
    let stale = ok(client.configure(configure(4, 81.0))).await;
    assert_eq!(stale.applied_generation, 5);
    assert_eq!(stale.diagnostics.len(), 1);
    assert_eq!(stale.diagnostics[0].reason, "STALE_GENERATION");
    assert_eq!(stale.diagnostics[0].severity(), Severity::Error);
    assert_eq!(server.configure_calls(), 1);

    // A newer but invalid configuration: not applied, 5 stays.
    let invalid = ok(client.configure(configure(6, 0.0))).await;
    assert_eq!(invalid.applied_generation, 5);
    assert_eq!(invalid.diagnostics[0].reason, "VALUE_OUT_OF_RANGE");
    assert_eq!(server.configure_calls(), 1);

    let newer = ok(client.configure(configure(7, 443.0))).await;
    assert_eq!(newer.applied_generation, 7);
    assert_eq!(server.configure_calls(), 2);
}

#[tokio::test]
async fn shutdown_rejects_a_negative_grace_period() {
    let (server, mut client) = start_handshaken().await;
    let code = refused(client.shutdown(ShutdownRequest {
        grace_period: Some(flow_proto::wkt::Duration {
            seconds: -1,
            nanos: 0,
        }),
        reason: "test".into(),
    }))
    .await;
    assert_eq!(code, Code::InvalidArgument);
    assert!(!server.shutdown.is_draining());
}
