//! Reflection v1 and v1alpha list the services actually served.

mod common;

use common::*;
use tokio_stream::StreamExt as _;
use tonic_reflection::pb::{v1, v1alpha};

const EXPECTED: [&str; 4] = [
    "flow.runtime.v1.RuntimeService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
];

/// Asks one reflection version (`v1` or `v1alpha`: the same messages in two packages) a
/// question on `$channel` and gives its one answer's `message_response`.
macro_rules! ask {
    ($version:ident, $channel:expr, $request:ident($argument:expr)) => {{
        use $version::server_reflection_client::ServerReflectionClient;
        use $version::server_reflection_request::MessageRequest;
        let request = $version::ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::$request($argument)),
        };
        let mut responses = ServerReflectionClient::new($channel)
            .server_reflection_info(tokio_stream::iter([request]))
            .await
            .unwrap()
            .into_inner();
        responses.next().await.unwrap().unwrap().message_response
    }};
}

/// The service names of a `ListServicesResponse`, sorted.
macro_rules! listed {
    ($version:ident, $response:expr) => {{
        use $version::server_reflection_response::MessageResponse;
        let response = $response;
        let Some(MessageResponse::ListServicesResponse(list)) = response else {
            panic!("unexpected {response:?}");
        };
        let mut names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
        names.sort();
        names
    }};
}

#[tokio::test]
async fn v1_lists_the_served_services_only() {
    use v1::server_reflection_response::MessageResponse;

    let server = start().await;
    let channel = channel(server.addr).await;
    let names = listed!(v1, ask!(v1, channel.clone(), ListServices(String::new())));
    assert_eq!(names, EXPECTED);

    // The runtime service's file resolves, so generic tools can call it.
    let response = ask!(
        v1,
        channel,
        FileContainingSymbol("flow.runtime.v1.RuntimeService".into())
    );
    assert!(
        matches!(response, Some(MessageResponse::FileDescriptorResponse(ref f)) if !f.file_descriptor_proto.is_empty()),
        "{response:?}"
    );
}

#[tokio::test]
async fn v1alpha_lists_the_same_services() {
    let server = start().await;
    let channel = channel(server.addr).await;
    let names = listed!(v1alpha, ask!(v1alpha, channel, ListServices(String::new())));
    assert_eq!(names, EXPECTED);
}
