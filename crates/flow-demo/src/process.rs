//! The three services as child processes: started, their `listening on ADDR` line read, and
//! killed when dropped, so no exit path (error, panic, Ctrl-C) leaves one running.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a service may take to print `listening on ADDR`.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(15);

/// How to start one service: a program, its arguments before `--listen`, a working directory.
#[derive(Debug, Clone)]
pub struct ServiceCommand {
    /// A name for messages and the log file.
    pub name: &'static str,
    pub program: PathBuf,
    pub args: Vec<String>,
    pub current_dir: PathBuf,
}

/// A running service. Dropping it sends SIGKILL (`kill_on_drop`).
#[derive(Debug)]
pub struct ServiceProcess {
    pub name: &'static str,
    pub addr: String,
    child: Child,
}

impl ServiceCommand {
    /// Starts the service on `listen` (e.g. `127.0.0.1:0`) and waits for its address. Its
    /// stderr goes to `<log_dir>/<name>.log` (appended: a restarted service keeps one log), so
    /// it cannot garble the progress bar.
    pub async fn start(&self, listen: &str, log_dir: &Path) -> Result<ServiceProcess, String> {
        let log_path = log_dir.join(format!("{}.log", self.name));
        let log = File::options()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|e| format!("{}: open {}: {e}", self.name, log_path.display()))?;
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .args(["--listen", listen])
            .current_dir(&self.current_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                format!(
                    "{}: cannot start {}: {e}",
                    self.name,
                    self.program.display()
                )
            })?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let found = tokio::time::timeout(STARTUP_TIMEOUT, async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(addr) = line.strip_prefix("listening on ") {
                    return Some(addr.trim().to_string());
                }
            }
            None
        })
        .await;
        let addr = match found {
            Ok(Some(addr)) => addr,
            Ok(None) => {
                return Err(format!(
                    "{} exited before printing `listening on` (see {})",
                    self.name,
                    log_path.display()
                ));
            }
            Err(_) => {
                return Err(format!(
                    "{} did not print `listening on` within {STARTUP_TIMEOUT:?} (see {})",
                    self.name,
                    log_path.display()
                ));
            }
        };
        // Keep reading stdout: a child writing to a full pipe would block.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(ServiceProcess {
            name: self.name,
            addr,
            child,
        })
    }
}

impl ServiceProcess {
    /// SIGKILL, then reap: the port is free once this returns.
    pub async fn kill(&mut self) {
        let _ = self.child.kill().await;
    }
}
