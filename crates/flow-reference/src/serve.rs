//! What every reference binary shares: bind, register with core's discovery when given
//! `--core`, print `listening on ADDR`, serve until Ctrl-C, deregister.

use std::error::Error;

use flow_proto::discovery::v1::RegisterServiceRequest;
use flow_sdk::discovery::Registration;
use flow_sdk::{BoundServer, FlowServer};
use tonic::transport::Endpoint;

use crate::cli::ServeArgs;

/// Binds `server` to `--listen`, registers with `--core` (if given), prints `listening on ADDR`
/// once it accepts connections, and serves until Ctrl-C (then drains with the default grace
/// period and deregisters).
pub async fn run(server: FlowServer, args: &ServeArgs) -> Result<(), Box<dyn Error>> {
    let bound = server.bind(args.listen).await?;
    let registration = announce(&bound, args.core.as_ref(), args.advertise.as_deref())
        .await
        .map_err(|status| format!("cannot register with core: {status}"))?;
    // The listener is bound: connections queue from now on, so tests may dial at once.
    println!("listening on {}", bound.local_addr());
    let served = bound
        .serve_with_signal(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    withdraw(registration).await;
    Ok(served?)
}

/// Registers the bound server (its `ServiceInfo`, reachable at `advertise` or at
/// `http://LISTEN-ADDR`) with core's `DiscoveryService` at `core`; the lease is renewed until
/// [`withdraw`]. `None` without `--core`.
pub async fn announce(
    bound: &BoundServer,
    core: Option<&Endpoint>,
    advertise: Option<&str>,
) -> Result<Option<Registration>, tonic::Status> {
    let Some(core) = core else {
        return Ok(None);
    };
    let endpoint =
        advertise.map_or_else(|| format!("http://{}", bound.local_addr()), str::to_owned);
    let request = RegisterServiceRequest {
        service: Some(bound.service_info().clone()),
        endpoint,
        ..Default::default()
    };
    let registration = Registration::register(core.connect_lazy(), request).await?;
    Ok(Some(registration))
}

/// Deregisters what [`announce`] registered; a core that is gone is only logged.
pub async fn withdraw(registration: Option<Registration>) {
    if let Some(registration) = registration
        && let Err(status) = registration.deregister().await
    {
        eprintln!("cannot deregister from core: {status}");
    }
}
