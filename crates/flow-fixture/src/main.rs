//! `flow-fixture`: adds cases to the compatibility fixture corpus of `flow-proto`.
//!
//! ```text
//! # one case from JSON (strictly parsed: a typo in a field name is an error, not a lost field)
//! echo '{"records": 16}' | cargo run -p flow-fixture -- add flow.common.v1.Credit sixteen
//! # seed every message and oneof variant, the edge cases and the forward cases; skips existing
//! cargo run -p flow-fixture -- seed
//! ```
//!
//! The binary file is written by the generated Rust type (so re-encoding it gives the same
//! bytes), and the JSON file is the canonical JSON of that same message. Existing cases are never
//! rewritten: fixtures are append-only.

mod edge_cases;
mod seed;

use std::io::Read;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use flow_proto::JsonError;
use flow_proto::catalog::{self, MessageType};
use flow_proto::fixtures::{FixtureCorpus, FixtureError};
use flow_proto::json::JsonCodec;
use prost_reflect::DescriptorPool;
use serde_json::Value;

#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The corpus directory (default: crates/flow-proto/fixtures).
    #[arg(long, global = true)]
    corpus: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Adds one case from proto3 JSON (a file, or standard input).
    Add {
        /// Fully qualified message name, e.g. flow.common.v1.Payload.
        message: String,
        /// Case name: lower-case letters, digits and `_`.
        case: String,
        /// Read the JSON from this file instead of standard input.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Adds every seeded, edge and forward case that does not exist yet.
    Seed {
        /// The forward-compatibility corpus (default: crates/flow-proto/fixtures-forward).
        #[arg(long)]
        forward_corpus: Option<PathBuf>,
    },
}

type Error = Box<dyn std::error::Error>;

fn main() -> std::process::ExitCode {
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flow-fixture: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Error> {
    let corpus = args
        .corpus
        .map(FixtureCorpus::new)
        .unwrap_or_else(FixtureCorpus::bundled);
    let writer = CaseWriter::new();
    match args.command {
        Command::Add {
            message,
            case,
            json,
        } => {
            let text = match json {
                Some(path) => std::fs::read(path)?,
                None => {
                    let mut buf = Vec::new();
                    std::io::stdin().read_to_end(&mut buf)?;
                    buf
                }
            };
            let value: Value = serde_json::from_slice(&text)?;
            let written = writer.write(&corpus, &message, &case, &value)?;
            println!("added {}", written.display());
            println!("next: `make test` (review new snapshots with `cargo insta review`)");
        }
        Command::Seed { forward_corpus } => {
            let forward = forward_corpus
                .map(FixtureCorpus::new)
                .unwrap_or_else(FixtureCorpus::bundled_forward);
            let (added, skipped) = seed_all(&writer, &corpus, &forward)?;
            println!("seed: added {added} cases, {skipped} existed already");
        }
    }
    Ok(())
}

/// Turns JSON into a case: binary through the generated type, JSON re-written canonically.
struct CaseWriter {
    strict: JsonCodec,
    lenient: JsonCodec,
}

impl CaseWriter {
    fn new() -> Self {
        CaseWriter {
            strict: JsonCodec::default().strict(),
            lenient: JsonCodec::default(),
        }
    }

    fn message_type(name: &str) -> Result<&'static MessageType, Error> {
        catalog::message_type(name)
            .ok_or_else(|| format!("`{name}` is not a top-level Flow message").into())
    }

    /// Writes a case; fails if it exists.
    fn write(
        &self,
        corpus: &FixtureCorpus,
        message: &str,
        case: &str,
        json: &Value,
    ) -> Result<PathBuf, Error> {
        let mtype = Self::message_type(message)?;
        let binary = (mtype.json_to_binary)(&self.strict, json.to_string().as_bytes())?;
        let canonical = self.canonical(mtype, &binary)?;
        Ok(corpus.add(message, case, &binary, &canonical)?.binpb)
    }

    fn canonical(&self, mtype: &MessageType, binary: &[u8]) -> Result<Vec<u8>, JsonError> {
        let mut json = (mtype.binary_to_json)(&self.lenient, binary)?;
        json.push(b'\n');
        Ok(json)
    }
}

fn seed_all(
    writer: &CaseWriter,
    corpus: &FixtureCorpus,
    forward: &FixtureCorpus,
) -> Result<(usize, usize), Error> {
    let (mut added, mut skipped) = (0, 0);
    let mut count = |result: Result<PathBuf, Error>| -> Result<(), Error> {
        match result {
            Ok(_) => added += 1,
            Err(e) if matches!(e.downcast_ref(), Some(FixtureError::Exists { .. })) => skipped += 1,
            Err(e) => return Err(e),
        }
        Ok(())
    };
    // Seeds are derived from the descriptors (every field, every oneof variant).
    let registry = DescriptorPool::decode(flow_proto::FILE_DESCRIPTOR_SET)?;
    for mtype in catalog::message_types() {
        let desc = registry
            .get_message_by_name(mtype.full_name)
            .ok_or_else(|| format!("{} has no descriptor", mtype.full_name))?;
        for case in seed::seed_cases(&desc) {
            count(writer.write(corpus, mtype.full_name, &case.name, &case.json))?;
        }
    }
    for case in edge_cases::edge_cases() {
        count(writer.write(corpus, case.message, case.name, &case.json))?;
    }
    for case in edge_cases::forward_cases() {
        count(write_forward(writer, forward, &case))?;
    }
    Ok((added, skipped))
}

/// Writes a forward case: the newer binary and/or JSON, and what today's reader makes of them.
fn write_forward(
    writer: &CaseWriter,
    forward: &FixtureCorpus,
    case: &edge_cases::ForwardCase,
) -> Result<PathBuf, Error> {
    let mtype = CaseWriter::message_type(case.message)?;
    let dir = forward.root().join(case.message);
    let expected_path = dir.join(format!("{}.json", case.name));
    if expected_path.exists() {
        return Err(Box::new(FixtureError::Exists {
            message: case.message.into(),
            case: case.name.into(),
        }));
    }
    let mut expected = None;
    let mut files = Vec::new();
    if let Some((known, extra)) = &case.binary {
        let mut binary = (mtype.json_to_binary)(&writer.strict, known.to_string().as_bytes())?;
        binary.extend_from_slice(extra);
        expected = Some(writer.canonical(mtype, &binary)?);
        files.push((dir.join(format!("{}.binpb", case.name)), binary));
    }
    if let Some(newer) = &case.json {
        let text = newer.to_string();
        if (mtype.json_to_binary)(&writer.strict, text.as_bytes()).is_ok() {
            return Err(format!(
                "{}/{}: the newer JSON is not newer",
                case.message, case.name
            )
            .into());
        }
        let read = (mtype.json_to_binary)(&writer.lenient, text.as_bytes())?;
        let from_json = writer.canonical(mtype, &read)?;
        if expected.as_ref().is_some_and(|e| *e != from_json) {
            return Err(format!("{}/{}: binary and JSON disagree", case.message, case.name).into());
        }
        expected = Some(from_json);
        files.push((
            dir.join(format!("{}.newer.json", case.name)),
            format!("{text}\n").into_bytes(),
        ));
    }
    let expected = expected.ok_or("a forward case needs a binary or a JSON form")?;
    files.push((expected_path.clone(), expected));
    std::fs::create_dir_all(&dir)?;
    for (path, bytes) in files {
        std::fs::write(path, bytes)?;
    }
    Ok(expected_path)
}
