//! Storage that cannot take a write: core answers `UNAVAILABLE` (a retryable Failure) and loses
//! nothing it acknowledged. The full disk is real: the database is capped in pages
//! (`SqliteOptions::max_page_count`), so SQLite itself fails the write with `SQLITE_FULL`.

use flow_core::serve::{CoreConfig, CoreServer};
use flow_core::store::{SqliteOptions, SqliteStore};
use flow_proto::discovery::v1::discovery_service_client::DiscoveryServiceClient;
use flow_proto::discovery::v1::{ListServicesRequest, RegisterServiceRequest};
use flow_proto::runtime::v1::ServiceInfo;
use flow_proto::status::failure_from_status;
use tonic::Code;

fn registration(instance: usize) -> RegisterServiceRequest {
    RegisterServiceRequest {
        service: Some(ServiceInfo {
            name: "svc".into(),
            instance_id: format!("i-{instance:05}"),
            // Big rows fill the few pages quickly.
            version: "v".repeat(2000),
            ..Default::default()
        }),
        endpoint: "127.0.0.1:1".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_full_database_is_unavailable_and_loses_nothing_acknowledged() {
    let data = tempfile::tempdir().unwrap();
    let options = SqliteOptions {
        max_page_count: Some(64),
        ..Default::default()
    };
    let store = SqliteStore::open(data.path(), &options).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(CoreServer::new(store, CoreConfig::default()).serve(
        listener,
        async {
            let _ = stopped.await;
        },
    ));
    let mut client = DiscoveryServiceClient::connect(format!("http://{addr}"))
        .await
        .unwrap();

    let mut acknowledged = Vec::new();
    let refused = loop {
        let n = acknowledged.len();
        assert!(n < 10_000, "the capped database never filled");
        match client.register_service(registration(n)).await {
            Ok(_) => acknowledged.push(format!("i-{n:05}")),
            Err(status) => break status,
        }
    };
    assert!(!acknowledged.is_empty(), "the first writes fit");
    assert_eq!(refused.code(), Code::Unavailable, "{refused:?}");
    let failure = failure_from_status(&refused);
    assert_eq!(failure.r#type, "storage.unavailable");
    assert!(!failure.non_retryable, "a full disk may clear: retry later");

    // Reads still work and every acknowledged registration is there.
    let listed = client
        .list_services(ListServicesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let ids: Vec<String> = listed
        .services
        .iter()
        .map(|s| s.service.as_ref().unwrap().instance_id.clone())
        .collect();
    assert_eq!(ids, acknowledged);

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
