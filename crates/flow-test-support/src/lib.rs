//! What the workspace's tests share, so that each idea has one home: a dev-dependency only.
//!
//! - [`BufCurl`]: the real `buf curl` (pinned by the root `package.json`, installed by `npm ci`)
//!   against a server, with the schema from server reflection: what an operator's generic tool
//!   sees;
//! - [`TestCa`]: certificate authorities and leaf certificates made per run, for TLS tests;
//! - [`ServiceProcess`]: a service binary started and awaited by its `listening on ADDR` line.

mod buf_curl;
mod listening;
mod test_ca;

pub use buf_curl::BufCurl;
pub use listening::{START_TIMEOUT, ServiceProcess, spawn_listening};
pub use test_ca::TestCa;
