//! `EnvironmentService`: images registered by name and digest, and instances of them run as
//! local child processes, supervised by core.
//!
//! The one runtime is `process`: an image is a command line (`entrypoint`, then the start
//! request's `args`) run on core's own host. Each instance:
//!
//! - runs in its own process group, with core's environment plus the image's `env`, then the
//!   request's `env` (which overrides), then `FLOW_INSTANCE_ID=<id>`;
//! - writes its stdout and stderr to `stdout.log` and `stderr.log` in
//!   `<data dir>/instances/<id>/`;
//! - goes `PENDING -> STARTING -> RUNNING` once spawned, then `STOPPED` (exit code 0, or stopped
//!   on request) or `FAILED` (non-zero exit, killed by a signal, or not spawned at all; the
//!   `Failure` says why);
//! - is stopped with SIGTERM to its group, then SIGKILL once the grace period has passed.
//!
//! A core that dies (`kill -9`) cannot wait on its children again after a restart: they are no
//! longer its children. So on start, core marks every instance the previous core left unfinished
//! `FAILED` ("core restarted; the process is no longer supervised") and kills the orphan's process
//! group by its recorded pid, but only when `/proc/<pid>/environ` still shows the instance's
//! `FLOW_INSTANCE_ID` (so a reused pid is never killed; where `/proc` is missing, the orphan is
//! left running and the instance's `message` says so).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use flow_proto::common::v1::{AttributePath, Diagnostic, Failure};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::durable::v1::env_var::Source;
use flow_proto::durable::v1::environment_service_server::EnvironmentService;
use flow_proto::durable::v1::{
    EnvVar, EnvironmentInstance, GetInstanceStatusRequest, GetInstanceStatusResponse, Image,
    InstanceStage, ListInstancesRequest, ListInstancesResponse, RegisterImageRequest,
    RegisterImageResponse, StartInstanceRequest, StartInstanceResponse, StopInstanceRequest,
    StopInstanceResponse,
};
use flow_proto::failure::FailureExt;
use flow_proto::wkt::Timestamp;
use prost::Message;
use serde::{Deserialize, Serialize};
use tokio::process::{Child, Command};
use tokio::sync::{Mutex, oneshot};
use tonic::Status;

use super::page_token::{self, PageSize};
use super::status::{InvalidField, duration_field, id_field, length_field, optional_id_field};
use super::unary::unary_rpcs;
use crate::ids::{check_id, new_id};
use crate::store::{self, EnvironmentStore, ImagePut, InstanceQuery, StoreResult};

/// The runtime this core runs images with.
pub const PROCESS_RUNTIME: &str = "process";
/// Longest image digest accepted, in bytes.
pub const MAX_DIGEST_LEN: usize = 256;
/// Largest image accepted, encoded (entrypoint, env and labels are free-form).
pub const MAX_IMAGE_BYTES: usize = 64 * 1024;
/// `ListInstances` pages: the default the proto names, and a cap.
pub const PAGES: PageSize = PageSize {
    default: 50,
    max: 500,
};
/// The variable that tells the program its instance id.
pub const INSTANCE_ID_VAR: &str = "FLOW_INSTANCE_ID";

/// How core runs instances.
#[derive(Debug, Clone)]
pub struct EnvironmentConfig {
    /// Where each instance gets a directory (`<id>/stdout.log`, `<id>/stderr.log`).
    pub instances_dir: PathBuf,
    /// The grace period of a stop that asks for none.
    pub default_grace: Duration,
    /// The longest grace period granted; longer requests get this.
    pub max_grace: Duration,
}

impl Default for EnvironmentConfig {
    fn default() -> Self {
        Self {
            instances_dir: PathBuf::from("instances"),
            default_grace: Duration::from_secs(10),
            max_grace: Duration::from_secs(300),
        }
    }
}

/// Core's `EnvironmentService` over an [`EnvironmentStore`]. Cheap to clone: clones share the
/// processes they supervise.
pub struct EnvironmentServer<S> {
    inner: Arc<Inner<S>>,
}

impl<S> Clone for EnvironmentServer<S> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

struct Inner<S> {
    store: Arc<S>,
    config: EnvironmentConfig,
    /// The processes this core supervises, by instance id. Its lock also orders every stage
    /// change, so that a stop and an exit never overwrite each other's stage.
    running: Mutex<HashMap<String, Supervised>>,
}

struct Supervised {
    pid: u32,
    /// Asks the supervising task to stop the process within the grace period; taken by the
    /// first stop.
    stop: Option<oneshot::Sender<Duration>>,
}

impl<S: EnvironmentStore> EnvironmentServer<S> {
    pub fn new(store: Arc<S>, config: EnvironmentConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                config,
                running: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Marks `FAILED` every instance a previous core left unfinished (and kills its orphan, see
    /// the module docs); how many. Run once, before serving.
    pub async fn recover(&self) -> StoreResult<usize> {
        let unfinished = self.inner.store.unfinished_instances().await?;
        let count = unfinished.len();
        for orphan in unfinished {
            let mut instance = orphan.instance;
            let message = match orphan.pid {
                Some(pid) if kill_orphan(pid, &instance.instance_id) => {
                    format!("core restarted; the orphaned process {pid} was killed")
                }
                Some(pid) => format!("core restarted; process {pid} was not found running"),
                None => "core restarted before the process was spawned".to_owned(),
            };
            tracing::warn!(instance_id = %instance.instance_id, "{message}");
            instance.stage = InstanceStage::Failed as i32;
            instance.failure = Some(
                Failure::new("core restarted; the process is no longer supervised")
                    .with_type("environment.unsupervised"),
            );
            instance.end_time = Some(store::now().into());
            instance.message = message;
            self.inner.store.update_instance(instance, None).await?;
        }
        Ok(count)
    }
}

/// A diagnostic of severity error at `path`.
fn error_at(path: AttributePath, summary: impl Into<String>, reason: &str) -> Diagnostic {
    Diagnostic::error(summary).at(path).with_reason(reason)
}

fn image_path(field: &str) -> AttributePath {
    AttributePath::root().attr("image").attr(field)
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(DiagnosticExt::is_error)
}

/// What is wrong with an image, each finding at its field under `image`.
fn check_image(image: &Image) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if let Err(err) = check_id(&image.name) {
        found.push(error_at(
            image_path("name"),
            format!("image.name {err}"),
            "INVALID_VALUE",
        ));
    }
    // The process runtime runs a local command line and does not verify the digest against
    // any content: it names the registration, so that instances can pin it.
    if image.digest.is_empty() {
        found.push(error_at(
            image_path("digest"),
            "image.digest is required",
            "REQUIRED",
        ));
    } else if let Err(err) = length_field("image.digest", &image.digest, MAX_DIGEST_LEN) {
        found.push(error_at(
            image_path("digest"),
            format!("{} {}", err.field, err.problem),
            "INVALID_VALUE",
        ));
    }
    if image.runtime != PROCESS_RUNTIME {
        found.push(
            error_at(
                image_path("runtime"),
                format!(
                    "runtime {:?} is not supported; this core runs {PROCESS_RUNTIME:?} only",
                    image.runtime
                ),
                "UNSUPPORTED_RUNTIME",
            )
            .with_metadata("supported", PROCESS_RUNTIME),
        );
    } else if image.entrypoint.is_empty() {
        found.push(error_at(
            image_path("entrypoint"),
            "image.entrypoint is required: the process runtime has no default command",
            "REQUIRED",
        ));
    }
    for (index, arg) in image.entrypoint.iter().enumerate() {
        if arg.contains('\0') {
            found.push(error_at(
                image_path("entrypoint").index(index as i64),
                "contains a NUL byte",
                "INVALID_VALUE",
            ));
        }
    }
    if !image.reference.is_empty() {
        found.push(
            Diagnostic::warning("image.reference is not used by the process runtime")
                .at(image_path("reference"))
                .with_reason("IGNORED"),
        );
    }
    if !image.pull_secret_ref.is_empty() {
        found.push(error_at(
            image_path("pull_secret_ref"),
            "core has no secret store yet to resolve image.pull_secret_ref",
            "NO_SECRET_STORE",
        ));
    }
    found.extend(check_env(&image.env, || image_path("env")));
    found
}

/// What is wrong with environment variables, each finding at `base()[i]`.
fn check_env(env: &[EnvVar], base: impl Fn() -> AttributePath) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (index, var) in env.iter().enumerate() {
        let at = || base().index(index as i64);
        if var.name.is_empty() || var.name.contains(['=', '\0']) {
            found.push(error_at(
                at().attr("name"),
                "a variable name must be non-empty, without '=' or NUL",
                "INVALID_VALUE",
            ));
        }
        match &var.source {
            None => found.push(error_at(
                at(),
                format!("variable {:?} has no value", var.name),
                "REQUIRED",
            )),
            Some(Source::Value(value)) if value.contains('\0') => found.push(error_at(
                at().attr("value"),
                "contains a NUL byte",
                "INVALID_VALUE",
            )),
            Some(Source::SecretValue(value)) if value.contains('\0') => found.push(error_at(
                at().attr("secret_value"),
                "contains a NUL byte",
                "INVALID_VALUE",
            )),
            Some(Source::SecretRef(_)) => found.push(error_at(
                at().attr("secret_ref"),
                "no secret store: core cannot resolve secret references yet; \
                 pass secret_value instead",
                "NO_SECRET_STORE",
            )),
            Some(_) => {}
        }
    }
    found
}

/// The variables as the process gets them, later ones overriding earlier ones.
fn resolve_env<'a>(vars: impl Iterator<Item = &'a EnvVar>) -> BTreeMap<String, String> {
    vars.filter_map(|var| match &var.source {
        Some(Source::Value(value) | Source::SecretValue(value)) => {
            Some((var.name.clone(), value.clone()))
        }
        // Refused by `check_env` before anything is started.
        Some(Source::SecretRef(_)) | None => None,
    })
    .collect()
}

fn is_terminal(stage: i32) -> bool {
    stage == InstanceStage::Stopped as i32 || stage == InstanceStage::Failed as i32
}

fn not_found() -> Status {
    Status::not_found("no instance has this instance_id")
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| "localhost".to_owned())
}

/// Sends `signal` to the process group `pid` leads; a group that is gone already is fine.
fn signal_group(pid: u32, signal: rustix::process::Signal) {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return;
    };
    if let Err(err) = rustix::process::kill_process_group(pid, signal)
        && err != rustix::io::Errno::SRCH
    {
        tracing::warn!(pid = pid.as_raw_nonzero().get(), error = %err, "cannot signal");
    }
}

/// Kills the group of `pid` if `pid` still runs instance `instance_id`: whether it did.
fn kill_orphan(pid: u32, instance_id: &str) -> bool {
    let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return false;
    };
    let mark = format!("{INSTANCE_ID_VAR}={instance_id}");
    if !environ.split(|b| *b == 0).any(|var| var == mark.as_bytes()) {
        return false;
    }
    signal_group(pid, rustix::process::Signal::KILL);
    true
}

/// A proto timestamp in milliseconds, the store's precision.
fn millis_of(time: Option<&Timestamp>) -> i64 {
    time.map_or(0, |t| {
        t.seconds
            .saturating_mul(1000)
            .saturating_add(i64::from(t.nanos / 1_000_000))
    })
}

/// What a `ListInstances` page token holds.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct PageToken {
    image_name: String,
    stages: Vec<i32>,
    labels: BTreeMap<String, String>,
    /// The last instance of the page: create time in Unix milliseconds, and id.
    after: (i64, String),
}

/// How an instance's process ended, or that a stop was asked first.
enum Watched {
    Exited(std::io::Result<ExitStatus>),
    StopAsked(Duration),
}

impl<S: EnvironmentStore> Inner<S> {
    /// Takes a `PENDING` instance to `RUNNING` (or `FAILED` when it cannot be spawned) and
    /// supervises its process. `running` is the held lock.
    async fn launch(
        self: &Arc<Self>,
        running: &mut HashMap<String, Supervised>,
        mut instance: EnvironmentInstance,
        image: &Image,
        request: &StartInstanceRequest,
    ) -> Result<EnvironmentInstance, Status> {
        instance.stage = InstanceStage::Starting as i32;
        instance.message = "starting the entrypoint".into();
        self.store.update_instance(instance.clone(), None).await?;
        let child = match self.spawn(&instance.instance_id, image, request) {
            Ok(child) => child,
            Err(err) => {
                instance.stage = InstanceStage::Failed as i32;
                instance.failure = Some(
                    Failure::new(format!("cannot start the entrypoint: {err}"))
                        .with_type("environment.start_failed"),
                );
                instance.end_time = Some(store::now().into());
                instance.message = "the entrypoint could not be started".into();
                self.store.update_instance(instance.clone(), None).await?;
                return Ok(instance);
            }
        };
        let Some(pid) = child.id() else {
            return Err(Status::internal("the spawned process has no pid"));
        };
        // Ready as soon as it runs: readiness reported through `DurableService` registration
        // (and a STARTING stage until then) is future work.
        instance.stage = InstanceStage::Running as i32;
        instance.start_time = Some(store::now().into());
        instance.host = host_name();
        instance.message = format!("running as process {pid}");
        if let Err(err) = self
            .store
            .update_instance(instance.clone(), Some(pid))
            .await
        {
            // Not recorded, so no later core could find it: do not leave it running.
            signal_group(pid, rustix::process::Signal::KILL);
            return Err(err.into());
        }
        let (stop, stop_asked) = oneshot::channel();
        running.insert(
            instance.instance_id.clone(),
            Supervised {
                pid,
                stop: Some(stop),
            },
        );
        tokio::spawn(Arc::clone(self).supervise(
            instance.instance_id.clone(),
            child,
            pid,
            stop_asked,
        ));
        Ok(instance)
    }

    fn spawn(
        &self,
        instance_id: &str,
        image: &Image,
        request: &StartInstanceRequest,
    ) -> std::io::Result<Child> {
        let Some((program, entry_args)) = image.entrypoint.split_first() else {
            return Err(std::io::Error::other("the image has no entrypoint"));
        };
        let dir = self.config.instances_dir.join(instance_id);
        std::fs::create_dir_all(&dir)?;
        let stdout = std::fs::File::create(dir.join("stdout.log"))?;
        let stderr = std::fs::File::create(dir.join("stderr.log"))?;
        Command::new(program)
            .args(entry_args)
            .args(&request.args)
            .envs(resolve_env(image.env.iter().chain(&request.env)))
            .env(INSTANCE_ID_VAR, instance_id)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            // Its own group, so that a stop reaches what the entrypoint started too.
            .process_group(0)
            .spawn()
    }

    /// Waits for the process to end (stopping it when asked), then records how it ended.
    async fn supervise(
        self: Arc<Self>,
        instance_id: String,
        mut child: Child,
        pid: u32,
        mut stop_asked: oneshot::Receiver<Duration>,
    ) {
        let watched = tokio::select! {
            status = child.wait() => Watched::Exited(status),
            Ok(grace) = &mut stop_asked => Watched::StopAsked(grace),
        };
        let status = match watched {
            Watched::Exited(status) => status,
            Watched::StopAsked(grace) => {
                signal_group(pid, rustix::process::Signal::TERM);
                let status = match tokio::time::timeout(grace, child.wait()).await {
                    Ok(status) => status,
                    Err(_) => {
                        signal_group(pid, rustix::process::Signal::KILL);
                        child.wait().await
                    }
                };
                // Whatever the entrypoint left behind in its group goes with it.
                signal_group(pid, rustix::process::Signal::KILL);
                status
            }
        };
        let mut running = self.running.lock().await;
        running.remove(&instance_id);
        if let Err(err) = self.record_end(&instance_id, status).await {
            // The stored stage stays RUNNING or STOPPING; the next core start marks it FAILED.
            tracing::error!(%instance_id, error = %err, "cannot record how the instance ended");
        }
    }

    async fn record_end(
        &self,
        instance_id: &str,
        status: std::io::Result<ExitStatus>,
    ) -> StoreResult<()> {
        use std::os::unix::process::ExitStatusExt;

        let Some(mut instance) = self.store.get_instance(instance_id).await? else {
            return Ok(());
        };
        let stop_requested = instance.stage == InstanceStage::Stopping as i32;
        instance.end_time = Some(store::now().into());
        let failure = match status {
            Err(err) => Some(format!("cannot wait for the process: {err}")),
            Ok(status) => {
                instance.exit_code = status.code();
                let how = match (status.code(), status.signal()) {
                    (Some(code), _) => format!("exited with code {code}"),
                    (None, Some(signal)) => format!("killed by signal {signal}"),
                    (None, None) => "ended".to_owned(),
                };
                if stop_requested {
                    instance.message = format!("stopped on request ({how})");
                    None
                } else if status.success() {
                    instance.message = how;
                    None
                } else {
                    Some(format!("the entrypoint {how}"))
                }
            }
        };
        match failure {
            None => instance.stage = InstanceStage::Stopped as i32,
            Some(why) => {
                instance.stage = InstanceStage::Failed as i32;
                instance.message = why.clone();
                instance.failure = Some(Failure::new(why).with_type("environment.exited"));
            }
        }
        self.store.update_instance(instance, None).await
    }
}

unary_rpcs! {
    impl<S: EnvironmentStore> EnvironmentService for EnvironmentServer<S> {
        register_image(RegisterImageRequest) -> RegisterImageResponse;
        start_instance(StartInstanceRequest) -> StartInstanceResponse;
        stop_instance(StopInstanceRequest) -> StopInstanceResponse;
        list_instances(ListInstancesRequest) -> ListInstancesResponse;
        get_instance_status(GetInstanceStatusRequest) -> GetInstanceStatusResponse;
    }
}

/// The RPCs, on plain messages (see [`unary_rpcs!`]).
impl<S: EnvironmentStore> EnvironmentServer<S> {
    async fn register_image(
        &self,
        request: RegisterImageRequest,
    ) -> Result<RegisterImageResponse, Status> {
        let Some(mut image) = request.image else {
            return Err(InvalidField::new("image", "is required").into());
        };
        let size = image.encoded_len();
        if size > MAX_IMAGE_BYTES {
            return Err(InvalidField::new(
                "image",
                format!("is {size} bytes encoded, more than the {MAX_IMAGE_BYTES} allowed"),
            )
            .into());
        }
        let diagnostics = check_image(&image);
        // validate_only: `accepted` says whether it would be registered; nothing is stored.
        if has_errors(&diagnostics) || request.validate_only {
            return Ok(RegisterImageResponse {
                accepted: !has_errors(&diagnostics),
                diagnostics,
                image: None,
                previous_digest: String::new(),
            });
        }
        image.register_time = Some(store::now().into());
        let (image, previous_digest) = match self.inner.store.put_image(image).await? {
            ImagePut::Unchanged(image) => (image, String::new()),
            ImagePut::Stored {
                image,
                previous_digest,
            } => (image, previous_digest.unwrap_or_default()),
        };
        Ok(RegisterImageResponse {
            accepted: true,
            diagnostics,
            image: Some(image),
            previous_digest,
        })
    }

    async fn start_instance(
        &self,
        request: StartInstanceRequest,
    ) -> Result<StartInstanceResponse, Status> {
        id_field("image_name", &request.image_name)?;
        length_field("image_digest", &request.image_digest, MAX_DIGEST_LEN)?;
        let instance_id = if request.instance_id.is_empty() {
            new_id()
        } else {
            id_field("instance_id", &request.instance_id)?;
            request.instance_id.clone()
        };
        let inner = &self.inner;
        let mut running = inner.running.lock().await;
        if let Some(existing) = inner.store.get_instance(&instance_id).await? {
            return Ok(StartInstanceResponse {
                diagnostics: Vec::new(),
                instance: Some(existing),
            });
        }
        let mut diagnostics = Vec::new();
        let image = inner.store.get_image(&request.image_name).await?;
        match &image {
            None => diagnostics.push(error_at(
                AttributePath::root().attr("image_name"),
                format!("no image is registered as {:?}", request.image_name),
                "NOT_FOUND",
            )),
            Some(image)
                if !request.image_digest.is_empty() && request.image_digest != image.digest =>
            {
                diagnostics.push(
                    error_at(
                        AttributePath::root().attr("image_digest"),
                        format!(
                            "{:?} is registered with digest {:?}, not {:?}",
                            image.name, image.digest, request.image_digest
                        ),
                        "DIGEST_MISMATCH",
                    )
                    .with_metadata("registered", image.digest.clone()),
                );
            }
            Some(_) => {}
        }
        diagnostics.extend(check_env(&request.env, || {
            AttributePath::root().attr("env")
        }));
        let resources = request.resources.unwrap_or_default();
        for (field, set) in [
            ("cpu_millis", resources.cpu_millis != 0),
            ("memory_bytes", resources.memory_bytes != 0),
        ] {
            if set {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "resources.{field} is not enforced by the process runtime"
                    ))
                    .at(AttributePath::root().attr("resources").attr(field))
                    .with_reason("NOT_ENFORCED"),
                );
            }
        }
        let image = match image {
            Some(image) if !has_errors(&diagnostics) => image,
            _ => {
                return Ok(StartInstanceResponse {
                    diagnostics,
                    instance: None,
                });
            }
        };
        let (instance, created) = inner
            .store
            .create_instance(EnvironmentInstance {
                instance_id,
                image_name: image.name.clone(),
                image_digest: image.digest.clone(),
                stage: InstanceStage::Pending as i32,
                labels: request.labels.clone(),
                create_time: Some(store::now().into()),
                message: "accepted".into(),
                ..Default::default()
            })
            .await?;
        let instance = if created {
            inner
                .launch(&mut running, instance, &image, &request)
                .await?
        } else {
            instance
        };
        Ok(StartInstanceResponse {
            diagnostics,
            instance: Some(instance),
        })
    }

    async fn stop_instance(
        &self,
        request: StopInstanceRequest,
    ) -> Result<StopInstanceResponse, Status> {
        id_field("instance_id", &request.instance_id)?;
        let config = &self.inner.config;
        let grace = duration_field("grace_period", request.grace_period)?
            .unwrap_or(config.default_grace)
            .min(config.max_grace);
        let mut running = self.inner.running.lock().await;
        let Some(mut instance) = self.inner.store.get_instance(&request.instance_id).await? else {
            return Err(not_found());
        };
        let supervised = running
            .get_mut(&request.instance_id)
            .filter(|s| s.stop.is_some());
        if is_terminal(instance.stage) {
            return Ok(StopInstanceResponse {
                instance: Some(instance),
            });
        }
        if let Some(supervised) = supervised {
            instance.stage = InstanceStage::Stopping as i32;
            instance.message = format!(
                "stopping (grace period {}): {}",
                humantime::format_duration(grace),
                request.reason
            );
            // Recorded before the process is signalled, so that its exit is seen as requested.
            self.inner
                .store
                .update_instance(instance.clone(), Some(supervised.pid))
                .await?;
            if let Some(stop) = supervised.stop.take() {
                let _ = stop.send(grace);
            }
            tracing::info!(
                instance_id = %request.instance_id,
                reason = %request.reason,
                "instance stop requested"
            );
        }
        Ok(StopInstanceResponse {
            instance: Some(instance),
        })
    }

    async fn list_instances(
        &self,
        request: ListInstancesRequest,
    ) -> Result<ListInstancesResponse, Status> {
        let limit = PAGES.of(request.page_size)?;
        optional_id_field("image_name", &request.image_name)?;
        let stages = page_token::filter_set(request.stages);
        let after = page_token::resume(
            &request.page_token,
            "ListInstances",
            |token: &PageToken| {
                token.image_name == request.image_name
                    && token.stages == stages
                    && token.labels == request.labels
            },
            "image_name, stages and labels",
        )?
        .map(|token| {
            let (millis, id) = token.after;
            let time = UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0));
            (time, id)
        });
        // One more than the page, to know whether another page follows.
        let mut instances = self
            .inner
            .store
            .list_instances(InstanceQuery {
                image_name: (!request.image_name.is_empty()).then(|| request.image_name.clone()),
                stages: stages.clone(),
                labels: request.labels.clone(),
                after,
                limit: limit + 1,
            })
            .await?;
        let next_page_token = page_token::cut_page(&mut instances, limit, |last| {
            page_token::encode(&PageToken {
                image_name: request.image_name,
                stages,
                labels: request.labels,
                after: (
                    millis_of(last.create_time.as_ref()),
                    last.instance_id.clone(),
                ),
            })
        });
        Ok(ListInstancesResponse {
            instances,
            next_page_token,
        })
    }

    async fn get_instance_status(
        &self,
        request: GetInstanceStatusRequest,
    ) -> Result<GetInstanceStatusResponse, Status> {
        let instance_id = request.instance_id;
        id_field("instance_id", &instance_id)?;
        let Some(instance) = self.inner.store.get_instance(&instance_id).await? else {
            return Err(not_found());
        };
        Ok(GetInstanceStatusResponse {
            instance: Some(instance),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process_image() -> Image {
        Image {
            name: "billing".into(),
            digest: "sha256:1".into(),
            runtime: PROCESS_RUNTIME.into(),
            entrypoint: vec!["/bin/true".into()],
            ..Default::default()
        }
    }

    fn paths(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| d.attribute.as_ref().unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn a_process_image_is_fine() {
        assert_eq!(check_image(&process_image()), vec![]);
    }

    #[test]
    fn bad_images_point_at_their_fields() {
        let image = Image {
            name: "-bad".into(),
            digest: String::new(),
            runtime: "oci".into(),
            pull_secret_ref: "registry".into(),
            env: vec![EnvVar {
                name: "A=B".into(),
                source: Some(Source::SecretRef("db".into())),
            }],
            ..process_image()
        };
        let found = check_image(&image);
        assert!(found.iter().all(DiagnosticExt::is_error));
        assert_eq!(
            paths(&found),
            [
                "image.name",
                "image.digest",
                "image.runtime",
                "image.pull_secret_ref",
                "image.env[0].name",
                "image.env[0].secret_ref",
            ]
        );
    }

    #[test]
    fn later_variables_override_earlier_ones() {
        let var = |name: &str, source: Source| EnvVar {
            name: name.into(),
            source: Some(source),
        };
        let vars = [
            var("A", Source::Value("image".into())),
            var("B", Source::Value("b".into())),
            var("A", Source::SecretValue("request".into())),
        ];
        let env = resolve_env(vars.iter());
        assert_eq!(env["A"], "request");
        assert_eq!(env["B"], "b");
    }
}
