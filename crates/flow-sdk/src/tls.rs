//! Optional TLS and mutual TLS for [`crate::FlowServer`] (rustls with the ring provider).
//!
//! Plaintext stays the default, since a Flow service usually runs next to core on a trusted
//! network or loopback; across hosts, serve with the service's certificate, and add a client CA
//! to require that core present a certificate signed by it (mutual TLS).
//!
//! ```no_run
//! # fn run(service: flow_sdk::Service) -> Result<(), std::io::Error> {
//! let cert = std::fs::read("server.pem")?;
//! let key = std::fs::read("server.key")?;
//! let client_ca = std::fs::read("core-ca.pem")?;
//! let server = flow_sdk::FlowServer::new(service)
//!     .tls(flow_sdk::tls::server_tls(cert, key, Some(client_ca)));
//! # Ok(())
//! # }
//! ```

pub use tonic::transport::{Certificate, Identity, ServerTlsConfig};

/// A server TLS configuration: the service's certificate chain and private key (PEM), and,
/// for mutual TLS, the CA certificate(s) (PEM) that client certificates must chain to. With a
/// client CA, a client without a valid certificate is refused during the TLS handshake.
///
/// The PEM is parsed when the server binds ([`crate::FlowServer::bind`]); malformed input is
/// [`crate::ServeError::Tls`] there.
pub fn server_tls(
    cert_pem: impl AsRef<[u8]>,
    key_pem: impl AsRef<[u8]>,
    client_ca_pem: Option<impl AsRef<[u8]>>,
) -> ServerTlsConfig {
    let config = ServerTlsConfig::new().identity(Identity::from_pem(cert_pem, key_pem));
    match client_ca_pem {
        Some(ca) => config.client_ca_root(Certificate::from_pem(ca)),
        None => config,
    }
}
