//! The compatibility fixture corpus: binary and JSON examples of every Flow message that Rust, Go
//! and TypeScript must all read and write identically.
//!
//! Layout (the other languages' tests rely on it):
//! `<root>/<fully.qualified.MessageName>/<case>.binpb` with `<case>.json` beside it, the canonical
//! JSON of the same message. Cases are append-only: once released, a case never changes.
//!
//! ```
//! let corpus = flow_proto::fixtures::FixtureCorpus::bundled();
//! let cases = corpus.cases()?;
//! assert!(cases.iter().any(|c| c.message == "flow.common.v1.Payload"));
//! # Ok::<(), flow_proto::fixtures::FixtureError>(())
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// An error reading or writing the corpus.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FixtureError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The case exists already; released cases never change.
    #[error("fixture {message}/{case} exists already; fixtures are append-only")]
    Exists {
        /// The message's full name.
        message: String,
        /// The case name.
        case: String,
    },
    /// A case name that would not make a portable file name.
    #[error("invalid case name `{0}`: use lower-case letters, digits and `_`")]
    InvalidName(String),
    /// A `.binpb` without its `.json`, or the other way round.
    #[error("fixture {0} is missing its .binpb or its .json")]
    Incomplete(PathBuf),
}

/// One case of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureCase {
    /// The message's fully qualified name (the directory name).
    pub message: String,
    /// The case name (the file stem).
    pub name: String,
    /// The protobuf binary file.
    pub binpb: PathBuf,
    /// The canonical JSON file.
    pub json: PathBuf,
}

impl FixtureCase {
    /// Reads the binary form.
    pub fn read_binpb(&self) -> Result<Vec<u8>, FixtureError> {
        read(&self.binpb)
    }

    /// Reads the JSON form.
    pub fn read_json(&self) -> Result<Vec<u8>, FixtureError> {
        read(&self.json)
    }
}

/// A fixture corpus on disk.
#[derive(Clone, Debug)]
pub struct FixtureCorpus {
    root: PathBuf,
}

impl FixtureCorpus {
    /// The corpus at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FixtureCorpus { root: root.into() }
    }

    /// The corpus shipped in this crate's source tree (`crates/flow-proto/fixtures`).
    pub fn bundled() -> Self {
        FixtureCorpus::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
    }

    /// The forward-compatibility corpus (`crates/flow-proto/fixtures-forward`): messages written
    /// by a newer schema (extra fields, new enum values, new oneof cases), as `<case>.binpb`
    /// and/or `<case>.newer.json`. `<case>.json` is what today's reader makes of them, written
    /// canonically. Its layout differs from [`FixtureCorpus::cases`]'s, so list it by hand.
    pub fn bundled_forward() -> Self {
        FixtureCorpus::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures-forward"))
    }

    /// The corpus root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every case, sorted by message then case name.
    pub fn cases(&self) -> Result<Vec<FixtureCase>, FixtureError> {
        let mut cases = Vec::new();
        for message_dir in sorted_entries(&self.root)? {
            if !message_dir.is_dir() {
                continue;
            }
            let message = file_name(&message_dir);
            for file in sorted_entries(&message_dir)? {
                let name = file_name(&file);
                let Some(stem) = name.strip_suffix(".binpb") else {
                    let is_json = name.ends_with(".json") && !name.ends_with(".newer.json");
                    let stem = name.trim_end_matches(".json");
                    if is_json && !message_dir.join(format!("{stem}.binpb")).exists() {
                        return Err(FixtureError::Incomplete(file));
                    }
                    continue;
                };
                let json = message_dir.join(format!("{stem}.json"));
                if !json.exists() {
                    return Err(FixtureError::Incomplete(file));
                }
                cases.push(FixtureCase {
                    message: message.clone(),
                    name: stem.to_owned(),
                    binpb: file.clone(),
                    json,
                });
            }
        }
        Ok(cases)
    }

    /// Adds a case. Refuses to replace an existing one: released cases never change.
    pub fn add(
        &self,
        message: &str,
        case: &str,
        binpb: &[u8],
        json: &[u8],
    ) -> Result<FixtureCase, FixtureError> {
        let valid = !case.is_empty()
            && case
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            return Err(FixtureError::InvalidName(case.to_owned()));
        }
        let dir = self.root.join(message);
        let fixture = FixtureCase {
            message: message.to_owned(),
            name: case.to_owned(),
            binpb: dir.join(format!("{case}.binpb")),
            json: dir.join(format!("{case}.json")),
        };
        if fixture.binpb.exists() || fixture.json.exists() {
            return Err(FixtureError::Exists {
                message: message.to_owned(),
                case: case.to_owned(),
            });
        }
        fs::create_dir_all(&dir).map_err(|source| FixtureError::Io {
            path: dir.clone(),
            source,
        })?;
        write(&fixture.binpb, binpb)?;
        write(&fixture.json, json)?;
        Ok(fixture)
    }
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, FixtureError> {
    let io_err = |source| FixtureError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut entries = fs::read_dir(dir)
        .map_err(io_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io_err)?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<Vec<u8>, FixtureError> {
    fs::read(path).map_err(|source| FixtureError::Io {
        path: path.to_owned(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), FixtureError> {
    fs::write(path, bytes).map_err(|source| FixtureError::Io {
        path: path.to_owned(),
        source,
    })
}
