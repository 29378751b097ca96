//! What every reference binary shares: bind, print `listening on ADDR`, serve until Ctrl-C.

use std::net::SocketAddr;

use flow_sdk::{FlowServer, ServeError};

/// Binds `server` to `listen`, prints `listening on ADDR` once it accepts connections, and
/// serves until Ctrl-C (then drains with the default grace period).
pub async fn run(server: FlowServer, listen: SocketAddr) -> Result<(), ServeError> {
    let bound = server.bind(listen).await?;
    // The listener is bound: connections queue from now on, so tests may dial at once.
    println!("listening on {}", bound.local_addr());
    bound
        .serve_with_signal(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
