//! [`LocalCore`]: core's servers in this process on a loopback port, over a data directory: what
//! tests, benchmarks and demos of services start instead of a `flow-core serve` process when
//! they also want the Rust API (the [`TaskQueue`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flow_core::serve::{CoreConfig, LocalCore};
//!
//! let dir = std::env::temp_dir().join("flow-core-example");
//! let core = LocalCore::start(&dir, CoreConfig::quick()).await?;
//! println!("workers dial {}", core.url());
//! core.stop().await;
//! # Ok(()) }
//! ```

use std::path::Path;
use std::time::Duration;

use super::execution::{ExecutionConfig, TaskQueue};
use super::{CoreConfig, CoreServer, LeasePolicy};
use crate::store::{SqliteOptions, SqliteStore};

impl CoreConfig {
    /// Short leases (1 s by default, 1 s to 60 s) and deadlines checked every 50 ms: expiry and
    /// timeouts are seen within a test.
    pub fn quick() -> Self {
        Self {
            leases: LeasePolicy {
                min_ttl: Duration::from_secs(1),
                default_ttl: Duration::from_secs(1),
                max_ttl: Duration::from_secs(60),
            },
            sweep_interval: Duration::from_millis(100),
            execution: ExecutionConfig {
                sweep_interval: Duration::from_millis(50),
                ..ExecutionConfig::default()
            },
            ..Self::default()
        }
    }
}

/// Core serving in this process until [`LocalCore::stop`] or drop.
pub struct LocalCore {
    url: String,
    queue: TaskQueue<SqliteStore>,
    serving: tokio::task::JoinHandle<()>,
}

impl LocalCore {
    /// Opens (or creates) the database in `dir` and serves on a free loopback port.
    pub async fn start(dir: &Path, config: CoreConfig) -> Result<Self, Box<dyn std::error::Error>> {
        let store = SqliteStore::open(dir, &SqliteOptions::default())?;
        let core = CoreServer::new(store, config);
        let queue = core.task_queue();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let serving = tokio::spawn(async move {
            if let Err(err) = core.serve(listener, std::future::pending()).await {
                tracing::error!(error = %err, "local core stopped serving");
            }
        });
        Ok(Self {
            url,
            queue,
            serving,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The task queue's Rust API.
    pub fn task_queue(&self) -> &TaskQueue<SqliteStore> {
        &self.queue
    }

    /// Stops serving at once (no drain): what a crash leaves is what was committed.
    pub async fn stop(mut self) {
        self.serving.abort();
        let _ = (&mut self.serving).await;
    }
}

impl Drop for LocalCore {
    fn drop(&mut self) {
        self.serving.abort();
    }
}
