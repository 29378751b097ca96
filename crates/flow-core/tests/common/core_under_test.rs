//! `flow-core serve` under test: the real binary over its own data directory, and a client of
//! the service a test file is about. Each `serve_*` test adds its own request helpers with an
//! `impl CoreUnderTest<TheirClient>` block.

use tonic::transport::Channel;

use super::{ServiceProcess, start_core};

/// A running `flow-core serve`, its data directory and a client `C` dialled to it.
pub struct CoreUnderTest<C> {
    pub process: ServiceProcess,
    pub client: C,
    pub data: tempfile::TempDir,
    extra: Vec<String>,
    connect: fn(Channel) -> C,
}

impl<C> CoreUnderTest<C> {
    /// Starts core with `extra` flags on a fresh data directory; `connect` is the generated
    /// client's `new` (for example `DurableServiceClient::new`).
    pub async fn start(extra: &[&str], connect: fn(Channel) -> C) -> Self {
        let data = tempfile::tempdir().unwrap();
        let process = start_core(data.path(), extra).await;
        let client = connect(channel(&process).await);
        let extra = extra.iter().map(|s| s.to_string()).collect();
        Self {
            process,
            client,
            data,
            extra,
            connect,
        }
    }

    /// `kill -9`, then the same data directory and flags under a new process.
    pub async fn crash_and_restart(&mut self) {
        self.process.kill().await;
        let extra: Vec<&str> = self.extra.iter().map(String::as_str).collect();
        self.process = start_core(self.data.path(), &extra).await;
        self.client = (self.connect)(channel(&self.process).await);
    }
}

async fn channel(core: &ServiceProcess) -> Channel {
    Channel::from_shared(format!("http://{}", core.addr))
        .unwrap()
        .connect()
        .await
        .expect("dial flow-core")
}

/// A duration no request may carry.
pub const NEGATIVE: flow_proto::wkt::Duration = flow_proto::wkt::Duration {
    seconds: -1,
    nanos: 0,
};

/// The message of an RPC that must succeed.
pub fn answered<T>(result: Result<tonic::Response<T>, tonic::Status>) -> T {
    result.expect("the RPC succeeds").into_inner()
}

/// The status of an RPC that must be refused.
pub fn refused<T: std::fmt::Debug>(
    result: Result<tonic::Response<T>, tonic::Status>,
) -> tonic::Status {
    result.expect_err("the RPC is refused")
}
