//! TLS and mutual TLS over real loopback gRPC, with certificates generated per run by rcgen.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use common::{STEP, TestServer, start_with, toy_service};
use flow_proto::runtime::v1::GetServiceInfoRequest;
use flow_proto::runtime::v1::runtime_service_client::RuntimeServiceClient;
use flow_sdk::tls::{Certificate, Identity, server_tls};
use flow_sdk::{FlowServer, ServeError};
use flow_test_support::TestCa as Ca;
use tonic::transport::{Channel, ClientTlsConfig, Endpoint};

async fn serve(server_ca: &Ca, client_ca: Option<&Ca>) -> TestServer {
    let (cert, key) = server_ca.leaf("localhost");
    let configured = Arc::new(AtomicUsize::new(0));
    let server = FlowServer::new(toy_service(configured.clone())).tls(server_tls(
        cert,
        key,
        client_ca.map(|ca| ca.pem.clone()),
    ));
    start_with(server, configured).await
}

/// Dials `addr` over TLS trusting `server_ca`, presenting `identity` when given.
async fn dial(
    addr: SocketAddr,
    server_ca: &Ca,
    identity: Option<(String, String)>,
) -> Result<Channel, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&server_ca.pem))
        .domain_name("localhost");
    if let Some((cert, key)) = identity {
        tls = tls.identity(Identity::from_pem(cert, key));
    }
    Endpoint::from_shared(format!("https://{addr}"))
        .unwrap()
        .tls_config(tls)?
        .connect_timeout(STEP)
        .connect()
        .await
}

/// `GetServiceInfo`'s service name, or why the call (or the connection) failed.
async fn service_name(channel: Result<Channel, tonic::transport::Error>) -> Result<String, String> {
    let channel = channel.map_err(|e| format!("connect: {e:?}"))?;
    let mut client = RuntimeServiceClient::new(channel);
    let call = client.get_service_info(GetServiceInfoRequest {});
    match tokio::time::timeout(STEP, call).await {
        Err(_) => panic!("GetServiceInfo hung for {STEP:?}"),
        Ok(Ok(resp)) => Ok(resp.into_inner().info.unwrap_or_default().name),
        Ok(Err(status)) => Err(format!("{status:?}")),
    }
}

#[tokio::test]
async fn tls_client_trusting_the_ca_calls_the_service() {
    let ca = Ca::new("flow test server CA");
    let server = serve(&ca, None).await;
    assert_eq!(
        service_name(dial(server.addr, &ca, None).await).await,
        Ok("toy".to_owned())
    );
}

#[tokio::test]
async fn tls_refuses_plaintext_and_untrusted_clients() {
    let ca = Ca::new("flow test server CA");
    let server = serve(&ca, None).await;
    // A plaintext HTTP/2 client cannot talk to a TLS port.
    let plain = Endpoint::from_shared(format!("http://{}", server.addr))
        .unwrap()
        .connect_timeout(STEP)
        .connect()
        .await;
    assert!(service_name(plain).await.is_err());
    // A client trusting another CA rejects the server's certificate.
    let other = Ca::new("some other CA");
    assert!(
        service_name(dial(server.addr, &other, None).await)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn mutual_tls_needs_a_client_certificate_from_the_client_ca() {
    let server_ca = Ca::new("flow test server CA");
    let client_ca = Ca::new("flow test client CA");
    let server = serve(&server_ca, Some(&client_ca)).await;

    let without = service_name(dial(server.addr, &server_ca, None).await).await;
    assert!(
        without.is_err(),
        "a client without a certificate got {without:?}"
    );

    let stranger = Ca::new("an unknown client CA").leaf("core");
    let untrusted = service_name(dial(server.addr, &server_ca, Some(stranger)).await).await;
    assert!(
        untrusted.is_err(),
        "a client with an untrusted certificate got {untrusted:?}"
    );

    let core = client_ca.leaf("core");
    assert_eq!(
        service_name(dial(server.addr, &server_ca, Some(core)).await).await,
        Ok("toy".to_owned())
    );
}

#[tokio::test]
async fn a_malformed_identity_fails_at_bind() {
    let server = FlowServer::new(toy_service(Arc::default())).tls(server_tls(
        "not a certificate",
        "not a key",
        None::<&[u8]>,
    ));
    let err = server.bind("127.0.0.1:0".parse().unwrap()).await.err();
    assert!(matches!(err, Some(ServeError::Tls(_))), "{err:?}");
}
