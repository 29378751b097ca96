//! An in-process fake Flow core: `DiscoveryService`, `DurableService` and `ExecutionService` as
//! tonic servers over loopback, kept in memory, following the protos unless a [`CoreFaults`] flag
//! makes it break exactly one rule. Work enters its task queue through [`FakeCore::enqueue`].

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use flow_conformance::core_kit::EnqueueRequest;
use flow_proto::common::v1::Outcome;
use flow_proto::discovery::v1::discovery_service_server::{
    DiscoveryService, DiscoveryServiceServer,
};
use flow_proto::discovery::v1::*;
use flow_proto::durable::v1::durable_service_server::{DurableService, DurableServiceServer};
use flow_proto::durable::v1::*;
use flow_proto::execution::v1::execution_service_server::{
    ExecutionService, ExecutionServiceServer,
};
use flow_proto::execution::v1::stream_tasks_response::{CancelTask, Event};
use flow_proto::execution::v1::*;
use flow_proto::wkt::Timestamp;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status};

/// Which rule the fake core breaks. All false: a conforming core.
#[derive(Clone, Copy, Debug, Default)]
pub struct CoreFaults {
    /// Registering an instance again adds a second entry instead of replacing the first.
    pub reregister_duplicates: bool,
    /// RenewLease answers success but does not move the expiry.
    pub renew_not_extending: bool,
    /// Leases never expire: an unrenewed registration stays listed.
    pub leases_never_expire: bool,
    /// DeregisterService succeeds but leaves the registration listed.
    pub deregister_keeps: bool,
    /// RenewLease of an unknown lease succeeds.
    pub unknown_lease_renews: bool,
    /// RegisterService accepts registrations without name, instance id or endpoint.
    pub accept_invalid_registrations: bool,
    /// SaveCheckpoint with a stale expected_seq is written anyway.
    pub stale_checkpoints_accepted: bool,
    /// A signal retried with the same idempotency key is stored again.
    pub duplicate_signals_stored: bool,
    /// PollSignals returns at once, ignoring `wait`.
    pub poll_ignores_wait: bool,
    /// PollSignals holds the whole `wait` even when a signal arrives meanwhile.
    pub poll_not_woken: bool,
    /// A second CompleteInstance is accepted too.
    pub second_completion_accepted: bool,
    /// RegisterInstance accepts an empty instance id or handler.
    pub accept_invalid_instances: bool,
    /// Tasks go to the first open stream, whatever its handlers.
    pub ignore_handlers: bool,
    /// A second CompleteTask for an attempt is accepted too.
    pub task_completion_twice: bool,
    /// A task whose worker stops heartbeating is never re-offered.
    pub never_reoffer: bool,
    /// CancelExecution is recorded but never reaches the worker (no cancel_task, no
    /// cancel_requested).
    pub cancel_never_forwarded: bool,
}

/// A served fake core.
pub struct FakeCore {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeCore {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeCore {
    /// Puts an execution in the fake's queue; its id.
    pub fn enqueue(&self, request: EnqueueRequest) -> Result<String, String> {
        enqueue(&self.shared, request)
    }

    /// An enqueue function for the kit (`CoreOptions::enqueue`).
    pub fn enqueuer(&self) -> Arc<dyn flow_conformance::core_kit::Enqueue> {
        let shared = Arc::clone(&self.shared);
        Arc::new(flow_conformance::core_kit::EnqueueFn(
            move |request: EnqueueRequest| {
                let result = enqueue(&shared, request);
                async move { result }
            },
        ))
    }
}

fn enqueue(shared: &Shared, request: EnqueueRequest) -> Result<String, String> {
    let mut state = shared.lock();
    let id = request.execution_id.clone();
    if state.executions.contains_key(&id) {
        return Ok(id);
    }
    state.executions.insert(
        id.clone(),
        Execution {
            handler: request.handler,
            heartbeat_timeout: request.heartbeat_timeout,
            attempts: 0,
            done: false,
            cancel: None,
        },
    );
    state.pending.push_back(id.clone());
    Ok(id)
}

/// Serves a fake core breaking the rules of `faults` on a loopback port.
pub async fn serve(faults: CoreFaults) -> FakeCore {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let shared = Arc::new(Shared {
        faults,
        state: Mutex::default(),
    });
    let svc = Svc(Arc::clone(&shared));
    tokio::spawn(dispatch_forever(Arc::clone(&shared)));
    let server = tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(DiscoveryServiceServer::new(svc.clone()))
            .add_service(DurableServiceServer::new(svc.clone()))
            .add_service(ExecutionServiceServer::new(svc))
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
            .unwrap();
    });
    FakeCore {
        endpoint,
        shared,
        server,
    }
}

struct Shared {
    faults: CoreFaults,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }
}

#[derive(Default)]
struct State {
    // Discovery.
    registrations: Vec<Registration>,
    next_lease: u64,
    // Durable.
    instances: HashMap<String, Instance>,
    // Execution.
    executions: HashMap<String, Execution>,
    pending: VecDeque<String>,
    tasks: HashMap<String, TaskState>,
    streams: Vec<StreamState>,
    next_id: u64,
}

struct Registration {
    lease_id: String,
    info: flow_proto::runtime::v1::ServiceInfo,
    endpoint: String,
    ttl: Duration,
    register_time: SystemTime,
    renew_time: SystemTime,
    expire: SystemTime,
}

struct Instance {
    handler: String,
    key: String,
    input: Option<flow_proto::common::v1::Payload>,
    incarnation: u32,
    checkpoint: Option<InstanceCheckpoint>,
    cursor: u64,
    signals: Vec<Signal>,
    outcome: Option<Outcome>,
}

struct Execution {
    handler: String,
    heartbeat_timeout: Duration,
    attempts: u32,
    done: bool,
    /// Set by CancelExecution; forwarded once to the worker's stream.
    cancel: Option<bool>,
}

struct TaskState {
    execution_id: String,
    stream: u64,
    last_beat: Instant,
    ended: Option<&'static str>,
}

struct StreamState {
    id: u64,
    handlers: Vec<String>,
    tx: mpsc::Sender<Result<StreamTasksResponse, Status>>,
}

fn ts(t: SystemTime) -> Option<Timestamp> {
    Some(t.into())
}

fn invalid(field: &str) -> Status {
    Status::invalid_argument(format!("{field} is required"))
}

#[derive(Clone)]
struct Svc(Arc<Shared>);

impl Svc {
    fn faults(&self) -> CoreFaults {
        self.0.faults
    }
}

fn live(r: &Registration, faults: CoreFaults) -> bool {
    faults.leases_never_expire || r.expire > SystemTime::now()
}

#[tonic::async_trait]
impl DiscoveryService for Svc {
    async fn register_service(
        &self,
        request: Request<RegisterServiceRequest>,
    ) -> Result<Response<RegisterServiceResponse>, Status> {
        let r = request.into_inner();
        let faults = self.faults();
        let info = match r.service {
            Some(info) => info,
            None if faults.accept_invalid_registrations => Default::default(),
            None => return Err(invalid("service")),
        };
        if !faults.accept_invalid_registrations {
            if info.name.is_empty() {
                return Err(invalid("service.name"));
            }
            if info.instance_id.is_empty() {
                return Err(invalid("service.instance_id"));
            }
            if r.endpoint.is_empty() {
                return Err(invalid("endpoint"));
            }
        }
        let ttl = match r.lease_ttl {
            None => Duration::from_secs(30),
            Some(d) if d.seconds < 0 || d.nanos < 0 => {
                if faults.accept_invalid_registrations {
                    Duration::from_secs(30)
                } else {
                    return Err(Status::invalid_argument("lease_ttl must not be negative"));
                }
            }
            Some(d) => Duration::new(d.seconds as u64, d.nanos as u32)
                .clamp(Duration::from_secs(1), Duration::from_secs(60)),
        };
        let now = SystemTime::now();
        let mut state = self.0.lock();
        state.next_lease += 1;
        let lease_id = format!("lease-{}", state.next_lease);
        if !faults.reregister_duplicates {
            state
                .registrations
                .retain(|g| g.info.instance_id != info.instance_id || g.info.name != info.name);
        }
        state.registrations.push(Registration {
            lease_id: lease_id.clone(),
            info,
            endpoint: r.endpoint,
            ttl,
            register_time: now,
            renew_time: now,
            expire: now + ttl,
        });
        Ok(Response::new(RegisterServiceResponse {
            lease_id,
            renew_interval: Some((ttl / 3).into()),
            granted_ttl: Some(ttl.into()),
            expire_time: ts(now + ttl),
        }))
    }

    async fn renew_lease(
        &self,
        request: Request<RenewLeaseRequest>,
    ) -> Result<Response<RenewLeaseResponse>, Status> {
        let lease_id = request.into_inner().lease_id;
        if lease_id.is_empty() {
            return Err(invalid("lease_id"));
        }
        let faults = self.faults();
        let mut state = self.0.lock();
        let now = SystemTime::now();
        match state
            .registrations
            .iter_mut()
            .find(|r| r.lease_id == lease_id && live(r, faults))
        {
            Some(r) => {
                if !faults.renew_not_extending {
                    r.renew_time = now;
                    r.expire = now + r.ttl;
                }
                Ok(Response::new(RenewLeaseResponse {
                    expire_time: ts(r.expire),
                    renew_interval: Some((r.ttl / 3).into()),
                }))
            }
            None if faults.unknown_lease_renews && !lease_id.starts_with("lease-") => {
                Ok(Response::new(RenewLeaseResponse {
                    expire_time: ts(now + Duration::from_secs(30)),
                    renew_interval: Some(Duration::from_secs(10).into()),
                }))
            }
            None => Err(Status::not_found("the lease is unknown or has expired")),
        }
    }

    async fn deregister_service(
        &self,
        request: Request<DeregisterServiceRequest>,
    ) -> Result<Response<DeregisterServiceResponse>, Status> {
        let lease_id = request.into_inner().lease_id;
        if !self.faults().deregister_keeps {
            self.0
                .lock()
                .registrations
                .retain(|r| r.lease_id != lease_id);
        }
        Ok(Response::new(DeregisterServiceResponse {}))
    }

    async fn list_services(
        &self,
        request: Request<ListServicesRequest>,
    ) -> Result<Response<ListServicesResponse>, Status> {
        let r = request.into_inner();
        let faults = self.faults();
        let state = self.0.lock();
        let mut services: Vec<RegisteredService> = state
            .registrations
            .iter()
            .filter(|g| live(g, faults) && (r.name.is_empty() || g.info.name == r.name))
            .map(|g| RegisteredService {
                service: Some(g.info.clone()),
                endpoint: g.endpoint.clone(),
                protocol_versions: vec![],
                register_time: ts(g.register_time),
                last_renew_time: ts(g.renew_time),
                expire_time: ts(g.expire),
            })
            .collect();
        services.sort_by(|a, b| {
            let key = |s: &RegisteredService| {
                let i = s.service.as_ref().unwrap();
                (i.name.clone(), i.instance_id.clone())
            };
            key(a).cmp(&key(b))
        });
        Ok(Response::new(ListServicesResponse {
            services,
            next_page_token: String::new(),
        }))
    }
}

#[tonic::async_trait]
impl DurableService for Svc {
    async fn register_instance(
        &self,
        request: Request<RegisterInstanceRequest>,
    ) -> Result<Response<RegisterInstanceResponse>, Status> {
        let r = request.into_inner();
        if !self.faults().accept_invalid_instances {
            if r.instance_id.is_empty() {
                return Err(invalid("instance_id"));
            }
            if r.handler.is_empty() {
                return Err(invalid("handler"));
            }
        }
        let mut state = self.0.lock();
        let resumed = state.instances.contains_key(&r.instance_id);
        let instance = state
            .instances
            .entry(r.instance_id.clone())
            .or_insert_with(|| Instance {
                handler: r.handler.clone(),
                key: r.idempotency_key.clone(),
                input: r.input.clone(),
                incarnation: 0,
                checkpoint: None,
                cursor: 0,
                signals: vec![],
                outcome: None,
            });
        if resumed && !r.idempotency_key.is_empty() && r.idempotency_key != instance.key {
            return Err(Status::already_exists("another idempotency key"));
        }
        if instance.handler != r.handler {
            return Err(Status::failed_precondition("another handler"));
        }
        instance.incarnation += 1;
        Ok(Response::new(RegisterInstanceResponse {
            resumed,
            last_checkpoint: instance.checkpoint.clone(),
            signal_cursor: instance.cursor,
            input: instance.input.clone(),
            outcome: instance.outcome.clone(),
            incarnation: instance.incarnation,
            create_time: None,
        }))
    }

    async fn save_checkpoint(
        &self,
        request: Request<SaveCheckpointRequest>,
    ) -> Result<Response<SaveCheckpointResponse>, Status> {
        let r = request.into_inner();
        let stale_ok = self.faults().stale_checkpoints_accepted;
        let mut state = self.0.lock();
        let Some(instance) = state.instances.get_mut(&r.instance_id) else {
            return Err(Status::not_found("no such instance"));
        };
        let latest = instance.checkpoint.as_ref().map_or(0, |c| c.seq);
        if instance.outcome.is_some() || (r.expected_seq != latest && !stale_ok) {
            return Ok(Response::new(SaveCheckpointResponse {
                seq: latest,
                conflict: true,
            }));
        }
        let seq = latest + 1;
        instance.checkpoint = Some(InstanceCheckpoint {
            seq,
            state: r.state,
            save_time: ts(SystemTime::now()),
        });
        instance.cursor = r.signal_cursor;
        Ok(Response::new(SaveCheckpointResponse {
            seq,
            conflict: false,
        }))
    }

    async fn poll_signals(
        &self,
        request: Request<PollSignalsRequest>,
    ) -> Result<Response<PollSignalsResponse>, Status> {
        let r = request.into_inner();
        let faults = self.faults();
        let wait = r
            .wait
            .map(|d| Duration::new(d.seconds.max(0) as u64, d.nanos.max(0) as u32))
            .unwrap_or_default();
        let wait = if faults.poll_ignores_wait {
            Duration::ZERO
        } else {
            wait.min(Duration::from_secs(60))
        };
        let until = Instant::now() + wait;
        if faults.poll_not_woken {
            tokio::time::sleep_until(until).await;
        }
        loop {
            {
                let state = self.0.lock();
                let Some(instance) = state.instances.get(&r.instance_id) else {
                    return Err(Status::not_found("no such instance"));
                };
                let signals: Vec<Signal> = instance
                    .signals
                    .iter()
                    .filter(|s| s.seq > r.after)
                    .cloned()
                    .collect();
                let complete = instance.outcome.is_some();
                if !signals.is_empty() || complete || Instant::now() >= until {
                    let next_cursor = signals.last().map_or(r.after, |s| s.seq);
                    return Ok(Response::new(PollSignalsResponse {
                        signals,
                        next_cursor,
                        instance_complete: complete,
                    }));
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn signal_instance(
        &self,
        request: Request<SignalInstanceRequest>,
    ) -> Result<Response<SignalInstanceResponse>, Status> {
        let r = request.into_inner();
        if r.name.is_empty() {
            return Err(invalid("name"));
        }
        let dup_ok = self.faults().duplicate_signals_stored;
        let mut state = self.0.lock();
        let Some(instance) = state.instances.get_mut(&r.instance_id) else {
            return Err(Status::not_found("no such instance"));
        };
        if !r.idempotency_key.is_empty()
            && !dup_ok
            && let Some(s) = instance
                .signals
                .iter()
                .find(|s| s.idempotency_key == r.idempotency_key)
        {
            return Ok(Response::new(SignalInstanceResponse {
                seq: s.seq,
                duplicate: true,
            }));
        }
        if instance.outcome.is_some() {
            return Err(Status::failed_precondition("the instance is complete"));
        }
        let seq = instance.signals.len() as u64 + 1;
        instance.signals.push(Signal {
            seq,
            name: r.name,
            payload: r.payload,
            send_time: ts(SystemTime::now()),
            sender: r.sender,
            trace: r.trace,
            idempotency_key: r.idempotency_key,
        });
        Ok(Response::new(SignalInstanceResponse {
            seq,
            duplicate: false,
        }))
    }

    async fn complete_instance(
        &self,
        request: Request<CompleteInstanceRequest>,
    ) -> Result<Response<CompleteInstanceResponse>, Status> {
        let r = request.into_inner();
        let twice = self.faults().second_completion_accepted;
        let Some(outcome) = r.outcome else {
            return Err(invalid("outcome"));
        };
        let mut state = self.0.lock();
        let Some(instance) = state.instances.get_mut(&r.instance_id) else {
            return Err(Status::not_found("no such instance"));
        };
        if let Some(recorded) = &instance.outcome
            && !twice
        {
            return Ok(Response::new(CompleteInstanceResponse {
                accepted: false,
                reason: "ALREADY_COMPLETED".into(),
                recorded_outcome: Some(recorded.clone()),
            }));
        }
        let latest = instance.checkpoint.as_ref().map_or(0, |c| c.seq);
        if r.expected_seq != latest {
            return Ok(Response::new(CompleteInstanceResponse {
                accepted: false,
                reason: "SEQ_CONFLICT".into(),
                recorded_outcome: None,
            }));
        }
        instance.outcome = Some(outcome.clone());
        Ok(Response::new(CompleteInstanceResponse {
            accepted: true,
            reason: String::new(),
            recorded_outcome: Some(outcome),
        }))
    }
}

/// Every 20 ms: re-offers tasks whose heartbeat timed out, hands pending work to streams, and
/// forwards cancellations.
async fn dispatch_forever(shared: Arc<Shared>) {
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        dispatch(&shared);
    }
}

fn dispatch(shared: &Shared) {
    let faults = shared.faults;
    let mut guard = shared.lock();
    let state = &mut *guard;
    state.streams.retain(|s| !s.tx.is_closed());
    // Heartbeat timeouts.
    let now = Instant::now();
    let mut timed_out = Vec::new();
    for (task_id, task) in &mut state.tasks {
        if task.ended.is_some() {
            continue;
        }
        let execution = &state.executions[&task.execution_id];
        if execution.done {
            task.ended = Some("TERMINATED");
            continue;
        }
        if !faults.never_reoffer && now.duration_since(task.last_beat) > execution.heartbeat_timeout
        {
            task.ended = Some("TIMED_OUT");
            timed_out.push((task_id.clone(), task.execution_id.clone()));
        }
    }
    for (_, execution_id) in timed_out {
        state.pending.push_back(execution_id);
    }
    // Cancellations.
    for (task_id, task) in &state.tasks {
        let execution = state.executions.get_mut(&task.execution_id).unwrap();
        if task.ended.is_none() && execution.cancel == Some(false) {
            execution.cancel = Some(true);
            if faults.cancel_never_forwarded {
                continue;
            }
            if let Some(stream) = state.streams.iter().find(|s| s.id == task.stream) {
                let _ = stream.tx.try_send(Ok(StreamTasksResponse {
                    event: Some(Event::CancelTask(CancelTask {
                        task_id: task_id.clone(),
                        execution_id: task.execution_id.clone(),
                        mode: 1,
                        reason: "cancelled".into(),
                        force_deadline: None,
                    })),
                }));
            }
        }
    }
    // Dispatch: each stream takes at most one task at a time.
    let mut still_pending = VecDeque::new();
    while let Some(execution_id) = state.pending.pop_front() {
        let execution = state.executions.get_mut(&execution_id).unwrap();
        if execution.done {
            continue;
        }
        let busy = |id: u64| {
            state
                .tasks
                .values()
                .any(|t| t.stream == id && t.ended.is_none())
        };
        let stream = state.streams.iter().find(|s| {
            (faults.ignore_handlers || s.handlers.contains(&execution.handler)) && !busy(s.id)
        });
        let Some(stream) = stream else {
            still_pending.push_back(execution_id);
            continue;
        };
        execution.attempts += 1;
        state.next_id += 1;
        let task_id = format!("task-{}", state.next_id);
        let task = Task {
            task_id: task_id.clone(),
            execution_id: execution_id.clone(),
            handler: execution.handler.clone(),
            attempt: execution.attempts,
            heartbeat_timeout: Some(execution.heartbeat_timeout.into()),
            task_token: task_id.clone().into_bytes().into(),
            ..Default::default()
        };
        if stream
            .tx
            .try_send(Ok(StreamTasksResponse {
                event: Some(Event::Task(task)),
            }))
            .is_err()
        {
            execution.attempts -= 1;
            still_pending.push_back(execution_id);
            continue;
        }
        let stream_id = stream.id;
        state.tasks.insert(
            task_id,
            TaskState {
                execution_id,
                stream: stream_id,
                last_beat: Instant::now(),
                ended: None,
            },
        );
    }
    state.pending = still_pending;
}

fn token_task(token: &[u8]) -> Result<String, Status> {
    String::from_utf8(token.to_vec())
        .map_err(|_| Status::invalid_argument("task_token is malformed"))
}

#[tonic::async_trait]
impl ExecutionService for Svc {
    type StreamTasksStream = ReceiverStream<Result<StreamTasksResponse, Status>>;

    async fn stream_tasks(
        &self,
        request: Request<StreamTasksRequest>,
    ) -> Result<Response<Self::StreamTasksStream>, Status> {
        let r = request.into_inner();
        if r.worker_id.is_empty() {
            return Err(invalid("worker_id"));
        }
        let (tx, rx) = mpsc::channel(16);
        let mut state = self.0.lock();
        state.next_id += 1;
        let id = state.next_id;
        state.streams.push(StreamState {
            id,
            handlers: r.handlers,
            tx,
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn record_heartbeat(
        &self,
        request: Request<RecordHeartbeatRequest>,
    ) -> Result<Response<RecordHeartbeatResponse>, Status> {
        let task_id = token_task(&request.into_inner().task_token)?;
        let faults = self.faults();
        let mut state = self.0.lock();
        let state = &mut *state;
        let Some(task) = state.tasks.get_mut(&task_id) else {
            return Err(Status::invalid_argument("task_token is unknown"));
        };
        if task.ended.is_some() {
            return Err(Status::failed_precondition("the attempt has ended"));
        }
        task.last_beat = Instant::now();
        let cancel = state.executions[&task.execution_id].cancel.is_some();
        let cancel_requested = cancel && !faults.cancel_never_forwarded;
        Ok(Response::new(RecordHeartbeatResponse {
            cancel_requested,
            cancel_mode: if cancel_requested { 1 } else { 0 },
            cancel_reason: String::new(),
            force_deadline: None,
        }))
    }

    async fn complete_task(
        &self,
        request: Request<CompleteTaskRequest>,
    ) -> Result<Response<CompleteTaskResponse>, Status> {
        let r = request.into_inner();
        let task_id = token_task(&r.task_token)?;
        if r.outcome.is_none() {
            return Err(invalid("outcome"));
        }
        let twice = self.faults().task_completion_twice;
        let mut state = self.0.lock();
        let state = &mut *state;
        let Some(task) = state.tasks.get_mut(&task_id) else {
            return Err(Status::invalid_argument("task_token is unknown"));
        };
        match task.ended {
            Some("COMPLETED") if twice => {}
            Some("COMPLETED") => {
                return Ok(Response::new(CompleteTaskResponse {
                    accepted: false,
                    reason: "ALREADY_COMPLETED".into(),
                }));
            }
            Some(reason) => {
                return Ok(Response::new(CompleteTaskResponse {
                    accepted: false,
                    reason: reason.into(),
                }));
            }
            None => {}
        }
        task.ended = Some("COMPLETED");
        state.executions.get_mut(&task.execution_id).unwrap().done = true;
        Ok(Response::new(CompleteTaskResponse {
            accepted: true,
            reason: String::new(),
        }))
    }

    async fn cancel_execution(
        &self,
        request: Request<CancelExecutionRequest>,
    ) -> Result<Response<CancelExecutionResponse>, Status> {
        let r = request.into_inner();
        if r.execution_id.is_empty() {
            return Err(invalid("execution_id"));
        }
        let mut state = self.0.lock();
        let Some(execution) = state.executions.get_mut(&r.execution_id) else {
            return Err(Status::not_found("no such execution"));
        };
        if execution.done {
            return Ok(Response::new(CancelExecutionResponse {
                already_terminal: true,
                force_deadline: None,
            }));
        }
        if r.mode == flow_proto::common::v1::CancellationMode::Force as i32 {
            // Terminated at once (no grace period in the fake).
            execution.done = true;
        } else if execution.cancel.is_none() {
            execution.cancel = Some(false);
        }
        Ok(Response::new(CancelExecutionResponse {
            already_terminal: false,
            force_deadline: None,
        }))
    }
}
