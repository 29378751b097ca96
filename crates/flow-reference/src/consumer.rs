//! A consumer that appends records to a JSON-lines file and commits with fsync.
//!
//! Invariant (as in the TypeScript consumer): the output's bytes up to the offset of the newest
//! entry of the checkpoint file (`<path>.checkpoint.json`) are durable; anything after it is the
//! uncommitted tail of a run that did not reach its next barrier, cut off when the next stream
//! starts. A resumed stream cuts the file back to where its checkpoint committed, because core
//! sends every record after that checkpoint again: each record ends up in the file once.
//!
//! File I/O is blocking `std::fs`: one stream writes one file at a time and each call is short.
//!
//! The configuration ([`FileConfig`]) may name the output `path`; the SDK derives its schema and
//! checks it for `ValidateConfig` and `Configure`, and every `WriteStart` applies the
//! configuration it carries.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use flow_proto::common::v1::{AttributePath, Diagnostic, Failure, RecordBatch, RecordError, Role};
use flow_proto::consumer::v1::WriteStart;
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::failure::FailureExt;
use flow_proto::wkt::Struct;
use flow_sdk::Component;
use flow_sdk::stream::{Consumer, ConsumerWriter, WriteError};
use serde::{Deserialize, Serialize};

/// The component's name.
pub const COMPONENT: &str = "file";

/// Writes to `path` (a `path` string in the configuration overrides it).
#[derive(Clone, Debug)]
pub struct FileConsumer {
    /// The output file.
    pub path: PathBuf,
}

/// The file consumer's configuration: an optional `path`, nothing else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "JSON-lines file consumer")]
pub struct FileConfig {
    /// The output file; the checkpoint file is <path>.checkpoint.json next to it. Defaults to
    /// the service's command line.
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub path: Option<String>,
}

impl flow_sdk::Config for FileConfig {
    fn validate(&self) -> Vec<Diagnostic> {
        match &self.path {
            Some(p) if p.is_empty() || p.contains('\0') => vec![
                Diagnostic::error("path must be a non-empty file path")
                    .with_detail(format!("got {p:?}"))
                    .with_reason("INVALID_VALUE")
                    .at(AttributePath::root().attr("path")),
            ],
            _ => vec![],
        }
    }
}

impl FileConsumer {
    /// The component description for the runtime service.
    pub fn component() -> Component {
        Component::new(COMPONENT, Role::Consumer)
            .description("Appends records to a JSON-lines file; commits with fsync.")
            .config::<FileConfig>()
    }

    /// The output path a configuration names (this consumer's own when none), or every
    /// problem found.
    pub fn configured(&self, config: &Struct) -> Result<PathBuf, Vec<Diagnostic>> {
        let config = flow_sdk::config::parse::<FileConfig>(config)?;
        Ok(config.path.map_or_else(|| self.path.clone(), PathBuf::from))
    }
}

/// One line of the output file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// `RecordBatch.stream`.
    pub stream: String,
    /// The record's key, as UTF-8.
    pub key: String,
    /// The record's value, as UTF-8.
    pub value: String,
}

/// One committed checkpoint and the output's size when it committed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    checkpoint_id: String,
    seq: u64,
    offset: u64,
}

/// The checkpoint file: the first entry is the base (seq 0), where the current run's data
/// starts.
#[derive(Debug, Serialize, Deserialize)]
struct History {
    version: u32,
    history: Vec<Entry>,
}

const FORMAT_VERSION: u32 = 1;
/// Committed checkpoints kept to resume from (core may resume from an older one than ours).
const HISTORY_LIMIT: usize = 1000;

/// One writer per output file.
static OPEN: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// The checkpoint file's path for an output path.
pub fn checkpoint_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".checkpoint.json");
    PathBuf::from(name)
}

fn failure(r#type: &str, message: String, retryable: bool) -> Failure {
    Failure::new(message)
        .with_type(r#type)
        .with_non_retryable(!retryable)
}

fn io(path: &Path, e: std::io::Error) -> Failure {
    failure("destination.io", format!("{}: {e}", path.display()), true)
}

/// The output file of one `Write` stream.
#[derive(Debug)]
pub struct FileWriter {
    path: PathBuf,
    file: File,
    size: u64,
    history: Vec<Entry>,
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = open.as_mut() {
            open.remove(&self.path);
        }
    }
}

impl FileWriter {
    /// Opens `path`, cuts the uncommitted tail, and prepares a fresh run or a resumed one.
    pub fn open(path: &Path, resume_id: &str, resume_seq: u64) -> Result<Self, Failure> {
        {
            let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
            if !open.get_or_insert_default().insert(path.to_owned()) {
                return Err(failure(
                    "consumer.busy",
                    format!("{} is being written by another stream", path.display()),
                    true,
                ));
            }
        }
        // From here the Drop of `writer` (or this guard's failure path) releases the path.
        let release = || {
            let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(open) = open.as_mut() {
                open.remove(path);
            }
        };
        let history = match read_history(path) {
            Ok(history) => history,
            Err(f) => {
                release();
                return Err(f);
            }
        };
        let file = match OpenOptions::new().create(true).append(true).open(path) {
            Ok(file) => file,
            Err(e) => {
                release();
                return Err(io(path, e));
            }
        };
        let size = match file.metadata() {
            Ok(m) => m.len(),
            Err(e) => {
                release();
                return Err(io(path, e));
            }
        };
        let mut writer = FileWriter {
            path: path.to_owned(),
            file,
            size,
            history,
        };
        let committed = writer.history.last().map_or(0, |e| e.offset);
        if size < committed {
            return Err(failure(
                "checkpoint.data_lost",
                format!(
                    "{} has {size} bytes but {committed} were committed: the output was truncated or replaced",
                    path.display()
                ),
                false,
            ));
        }
        writer.cut_to(committed)?;
        writer.resume(resume_id, resume_seq)?;
        Ok(writer)
    }

    fn resume(&mut self, id: &str, seq: u64) -> Result<(), Failure> {
        if id.is_empty() && seq == 0 {
            let offset = self.history.last().map_or(0, |e| e.offset);
            return self.write_history(vec![Entry {
                checkpoint_id: String::new(),
                seq: 0,
                offset,
            }]);
        }
        let Some(i) = self
            .history
            .iter()
            .position(|e| e.seq == seq && e.checkpoint_id == id)
        else {
            return Err(failure(
                "checkpoint.unknown",
                format!(
                    "cannot resume from checkpoint {id:?} seq {seq}: {} does not have it",
                    self.path.display()
                ),
                false,
            ));
        };
        // History first, then the cut: a crash between leaves a longer file, cut on next open.
        let kept = self.history[..=i].to_vec();
        let offset = kept[i].offset;
        self.write_history(kept)?;
        self.cut_to(offset)
    }

    fn cut_to(&mut self, offset: u64) -> Result<(), Failure> {
        if self.size != offset {
            self.file.set_len(offset).map_err(|e| io(&self.path, e))?;
            self.file.sync_all().map_err(|e| io(&self.path, e))?;
            self.size = offset;
        }
        Ok(())
    }

    /// Atomic replace: temporary file, fsync, rename, fsync the directory.
    fn write_history(&mut self, history: Vec<Entry>) -> Result<(), Failure> {
        let target = checkpoint_path(&self.path);
        let mut tmp = target.clone().into_os_string();
        tmp.push(format!(".tmp-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let json = serde_json::to_vec_pretty(&History {
            version: FORMAT_VERSION,
            history: history.clone(),
        })
        .map_err(|e| failure("destination.io", e.to_string(), false))?;
        let write = || -> std::io::Result<()> {
            let mut file = File::create(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &target)?;
            sync_dir(&target)
        };
        write().map_err(|e| io(&target, e))?;
        self.history = history;
        Ok(())
    }
}

fn sync_dir(file: &Path) -> std::io::Result<()> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

fn read_history(path: &Path) -> Result<Vec<Entry>, Failure> {
    let file = checkpoint_path(path);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(vec![Entry {
                checkpoint_id: String::new(),
                seq: 0,
                offset: 0,
            }]);
        }
        Err(e) => return Err(io(&file, e)),
    };
    let corrupt = |why: String| {
        failure(
            "checkpoint.corrupt",
            format!("{}: {why}", file.display()),
            false,
        )
    };
    let parsed: History = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    if parsed.version != FORMAT_VERSION || parsed.history.is_empty() {
        return Err(corrupt(format!(
            "unknown format (version {})",
            parsed.version
        )));
    }
    Ok(parsed.history)
}

#[tonic::async_trait]
impl Consumer for FileConsumer {
    type Writer = FileWriter;

    async fn start(&self, start: &WriteStart) -> Result<FileWriter, Failure> {
        if start.component != COMPONENT {
            return Err(failure(
                "component.unknown",
                format!("unknown component {:?}", start.component),
                false,
            ));
        }
        let config = start.config.clone().unwrap_or_default();
        let path = self.configured(&config).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(DiagnosticExt::to_line).collect();
            failure(
                "config.invalid",
                format!(
                    "invalid configuration (generation {}): {}",
                    start.generation,
                    lines.join("; ")
                ),
                false,
            )
        })?;
        FileWriter::open(&path, &start.resume_checkpoint_id, start.resume_seq)
    }
}

#[tonic::async_trait]
impl ConsumerWriter for FileWriter {
    async fn write(&mut self, batch: &RecordBatch) -> Result<Vec<RecordError>, WriteError> {
        let mut text = Vec::new();
        let mut errors = Vec::new();
        for (index, record) in batch.records.iter().enumerate() {
            let value = record.value.as_ref().map(|v| &v.data[..]).unwrap_or(b"");
            let (Ok(key), Ok(value)) =
                (std::str::from_utf8(&record.key), std::str::from_utf8(value))
            else {
                errors.push(RecordError {
                    record_index: index as u32,
                    failure: Some(failure(
                        "record.not_utf8",
                        "key and value must be UTF-8 for a JSON-lines file".into(),
                        false,
                    )),
                });
                continue;
            };
            let line = Line {
                stream: batch.stream.clone(),
                key: key.into(),
                value: value.into(),
            };
            serde_json::to_writer(&mut text, &line)
                .map_err(|e| WriteError::Fatal(failure("destination.io", e.to_string(), false)))?;
            text.push(b'\n');
        }
        // Part of the batch may reach the disk on an error: only a new run, cut back to its
        // checkpoint, is safe, hence fatal.
        self.file
            .write_all(&text)
            .map_err(|e| WriteError::Fatal(io(&self.path, e)))?;
        self.size += text.len() as u64;
        Ok(errors)
    }

    async fn commit(&mut self, checkpoint_id: &str, seq: u64) -> Result<(), Failure> {
        self.file.sync_all().map_err(|e| io(&self.path, e))?;
        let mut history = self.history.clone();
        history.push(Entry {
            checkpoint_id: checkpoint_id.into(),
            seq,
            offset: self.size,
        });
        if history.len() > HISTORY_LIMIT {
            // Keep the base entry: a fresh start must know where the run began.
            history.drain(1..history.len() - HISTORY_LIMIT + 1);
        }
        self.write_history(history)
    }
}

/// Reads the output file's lines (for tests and tools).
pub fn read_lines(path: &Path) -> std::io::Result<Vec<Line>> {
    let text = std::fs::read_to_string(path)?;
    text.lines()
        .map(|l| serde_json::from_str(l).map_err(std::io::Error::other))
        .collect()
}
