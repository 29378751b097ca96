//! A service binary under test: started as a child process, ready once it printed the contract's
//! `listening on ADDR` line, killed (SIGKILL) when dropped or asked.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a service may take to print `listening on ADDR`.
pub const START_TIMEOUT: Duration = Duration::from_secs(10);

/// A child service process, killed on drop.
pub struct ServiceProcess {
    pub child: Child,
    /// What it printed after `listening on `.
    pub addr: String,
}

impl ServiceProcess {
    /// `kill -9`: no shutdown code of the child runs.
    pub async fn kill(&mut self) {
        let _ = self.child.kill().await;
    }

    /// `http://ADDR`, to dial it.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Starts `cmd` and waits ([`START_TIMEOUT`] at most) for its `listening on ADDR` line; stdout
/// is drained afterwards so that the child never blocks on a full pipe.
pub async fn spawn_listening(mut cmd: Command) -> ServiceProcess {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    let mut child = cmd.spawn().expect("spawn service");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let addr = tokio::time::timeout(START_TIMEOUT, async {
        while let Some(line) = lines.next_line().await.expect("read stdout") {
            if let Some(addr) = line.strip_prefix("listening on ") {
                return addr.trim().to_string();
            }
        }
        panic!("service exited before printing `listening on`");
    })
    .await
    .expect("service did not print `listening on` in time");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    ServiceProcess { child, addr }
}
