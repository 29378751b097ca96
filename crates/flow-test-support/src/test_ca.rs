//! [`TestCa`]: certificate authorities made per test run (rcgen), for TLS and mutual-TLS tests
//! that must not depend on files or on the clock of a checked-in certificate.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// A CA: its certificate (PEM) and what signs with it.
pub struct TestCa {
    /// The CA certificate, PEM: what a peer trusts.
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    /// A new self-signed CA with common name `name`.
    pub fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("no names to check");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let key = KeyPair::generate().expect("generate a CA key");
        let pem = params.self_signed(&key).expect("self-sign the CA").pem();
        Self {
            pem,
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf certificate for `name` (its common name and DNS subject alternative name),
    /// signed by this CA: (certificate, private key), both PEM.
    pub fn leaf(&self, name: &str) -> (String, String) {
        let mut params = CertificateParams::new(vec![name.to_owned()]).expect("a valid DNS name");
        params.distinguished_name.push(DnType::CommonName, name);
        let key = KeyPair::generate().expect("generate a leaf key");
        let cert = params.signed_by(&key, &self.issuer).expect("sign the leaf");
        (cert.pem(), key.serialize_pem())
    }
}
