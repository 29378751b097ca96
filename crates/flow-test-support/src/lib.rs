//! What the workspace's tests share, so that each idea has one home: a dev-dependency only.
//!
//! - [`BufCurl`]: the real `buf curl` (pinned by the root `package.json`, installed by `npm ci`)
//!   against a server, with the schema from server reflection: what an operator's generic tool
//!   sees;
//! - [`TestCa`]: certificate authorities and leaf certificates made per run, for TLS tests.

mod buf_curl;
mod test_ca;

pub use buf_curl::BufCurl;
pub use test_ca::TestCa;
