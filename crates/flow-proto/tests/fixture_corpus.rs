//! The compatibility fixture corpus, checked from Rust. Go (tests/go/fixtures) and TypeScript
//! (tests/ts) check the same files with their own runtimes.
//!
//! For every case: the binary decodes with the generated type and re-encodes to the same bytes;
//! its canonical JSON is the case's `.json`, byte for byte; the `.json` parses (strictly) to the
//! same message; and per package, the JSON of every case matches an insta snapshot. The corpus
//! covers every message and every oneof variant, and cases released once never change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use flow_proto::catalog::{self, MessageType};
use flow_proto::fixtures::{FixtureCase, FixtureCorpus};
use flow_proto::json::JsonCodec;
use prost_reflect::{DescriptorPool, DynamicMessage, ReflectMessage, Value};
use sha2::{Digest, Sha256};

/// The descriptors, read by prost-reflect: an independent view of the schema to check coverage.
fn pool() -> &'static DescriptorPool {
    static POOL: std::sync::OnceLock<DescriptorPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| DescriptorPool::decode(flow_proto::FILE_DESCRIPTOR_SET).unwrap())
}

fn cases() -> Vec<FixtureCase> {
    FixtureCorpus::bundled()
        .cases()
        .expect("the corpus is readable")
}

fn message_type(case: &FixtureCase) -> &'static MessageType {
    catalog::message_type(&case.message)
        .unwrap_or_else(|| panic!("{}: not a top-level Flow message", case.message))
}

fn strip_newline(mut json: Vec<u8>) -> Vec<u8> {
    if json.last() == Some(&b'\n') {
        json.pop();
    }
    json
}

#[test]
fn binaries_reencode_to_the_same_bytes() {
    for case in cases() {
        let binary = case.read_binpb().unwrap();
        let reencoded = (message_type(&case).reencode)(&binary)
            .unwrap_or_else(|e| panic!("{}/{}: {e}", case.message, case.name));
        assert_eq!(
            reencoded, binary,
            "{}/{}: re-encoding changed the bytes",
            case.message, case.name
        );
    }
}

#[test]
fn binaries_write_exactly_their_json() {
    let codec = JsonCodec::default();
    for case in cases() {
        let binary = case.read_binpb().unwrap();
        let json = (message_type(&case).binary_to_json)(&codec, &binary)
            .unwrap_or_else(|e| panic!("{}/{}: {e}", case.message, case.name));
        let expected = strip_newline(case.read_json().unwrap());
        assert_eq!(
            String::from_utf8(json).unwrap(),
            String::from_utf8(expected).unwrap(),
            "{}/{}: canonical JSON differs from the fixture",
            case.message,
            case.name
        );
    }
}

#[test]
fn json_parses_strictly_to_the_binary_message() {
    let strict = JsonCodec::default().strict();
    for case in cases() {
        let mtype = message_type(&case);
        let from_json = (mtype.json_to_binary)(&strict, &case.read_json().unwrap())
            .unwrap_or_else(|e| panic!("{}/{}: {e}", case.message, case.name));
        // prost encodes deterministically (BTreeMap maps), so equal messages mean equal bytes.
        assert_eq!(
            from_json,
            case.read_binpb().unwrap(),
            "{}/{}",
            case.message,
            case.name
        );
    }
}

/// One snapshot per package: reviewing a new case shows exactly what it adds. Large cases are
/// summarised so snapshots stay readable.
#[test]
fn json_snapshots_per_package() {
    let mut packages: BTreeMap<String, BTreeMap<String, serde_json::Value>> = BTreeMap::new();
    for case in cases() {
        let package = case.message.rsplit_once('.').unwrap().0.to_owned();
        let json = case.read_json().unwrap();
        let value = if json.len() > 4096 {
            serde_json::json!(format!("<{} bytes of JSON>", json.len()))
        } else {
            serde_json::from_slice(&json).unwrap()
        };
        packages
            .entry(package)
            .or_default()
            .insert(format!("{}/{}", case.message, case.name), value);
    }
    for (package, cases) in packages {
        insta::assert_json_snapshot!(package, cases);
    }
}

#[test]
fn every_message_and_oneof_variant_has_a_case() {
    let registry = pool();
    let corpus = cases();
    let with_cases: BTreeSet<&str> = corpus.iter().map(|c| c.message.as_str()).collect();
    let missing: Vec<_> = catalog::message_types()
        .iter()
        .map(|t| t.full_name)
        .filter(|name| !with_cases.contains(name))
        .collect();
    assert!(missing.is_empty(), "messages without fixtures: {missing:?}");

    // Every oneof field of every Flow message, against those set somewhere in the corpus.
    let mut all_variants = BTreeSet::new();
    for desc in registry
        .all_messages()
        .filter(|m| m.full_name().starts_with("flow."))
    {
        for oneof in desc.oneofs().filter(|o| !o.is_synthetic()) {
            all_variants.extend(oneof.fields().map(|f| f.full_name().to_owned()));
        }
    }
    let mut seen = BTreeSet::new();
    for case in &corpus {
        let desc = registry.get_message_by_name(&case.message).unwrap();
        let message = DynamicMessage::decode(desc, case.read_binpb().unwrap().as_slice()).unwrap();
        collect_set_oneof_fields(&message, &mut seen);
    }
    let uncovered: Vec<_> = all_variants.difference(&seen).collect();
    assert!(
        uncovered.is_empty(),
        "oneof variants without a fixture: {uncovered:?}"
    );
}

fn collect_set_oneof_fields(message: &DynamicMessage, seen: &mut BTreeSet<String>) {
    for (field, value) in message.fields() {
        if field.containing_oneof().is_some_and(|o| !o.is_synthetic()) {
            seen.insert(field.full_name().to_owned());
        }
        let mut visit = |v: &Value| {
            if let Value::Message(m) = v {
                collect_set_oneof_fields(m, seen);
            }
        };
        match value {
            Value::List(items) => items.iter().for_each(&mut visit),
            Value::Map(entries) => entries.values().for_each(&mut visit),
            other => visit(other),
        }
    }
    // `Any` hides its message in bytes: look inside too.
    if message.descriptor().full_name() == "google.protobuf.Any" {
        let url = message.get_field_by_number(1).unwrap();
        let name = url.as_str().unwrap().rsplit('/').next().unwrap().to_owned();
        if let Some(desc) = pool().get_message_by_name(&name) {
            let bytes = message.get_field_by_number(2).unwrap();
            let inner = DynamicMessage::decode(desc, bytes.as_bytes().unwrap().clone()).unwrap();
            collect_set_oneof_fields(&inner, seen);
        }
    }
}

/// Cases that existed at the last release never change: `release/fixtures.sha256` lists them.
#[test]
fn released_fixtures_never_change() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let release = crate_dir.join("../../release");
    let manifest = release.join("fixtures.sha256");
    if !release.join("VERSION").exists() {
        return; // Nothing released yet.
    }
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| {
        panic!(
            "a release exists but {} cannot be read: {e}",
            manifest.display()
        )
    });
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, path) = line.split_once("  ").expect("sha256sum format");
        let file = crate_dir.join(path);
        let bytes = std::fs::read(&file).unwrap_or_else(|_| {
            panic!("released fixture {path} was deleted; fixtures are append-only")
        });
        let actual = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(
            actual, hash,
            "released fixture {path} was modified; add a new case instead"
        );
        checked += 1;
    }
    assert!(checked > 0, "the release manifest lists no fixtures");
}

/// Messages written by a newer schema are read without error by today's code; the strict codec
/// refuses the newer JSON, naming what it does not know.
#[test]
fn newer_writers_are_read() {
    let lenient = JsonCodec::default();
    let strict = JsonCodec::default().strict();
    let root = FixtureCorpus::bundled_forward().root().to_owned();
    let mut checked = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let message = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mtype = catalog::message_type(&message).unwrap();
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(case) = name
                .strip_suffix(".json")
                .filter(|c| !c.ends_with(".newer"))
            else {
                continue;
            };
            let expected = strip_newline(std::fs::read(&path).unwrap());
            let binpb = dir.join(format!("{case}.binpb"));
            if binpb.exists() {
                let json = (mtype.binary_to_json)(&lenient, &std::fs::read(&binpb).unwrap())
                    .unwrap_or_else(|e| panic!("{message}/{case}: newer binary not read: {e}"));
                assert_eq!(json, expected, "{message}/{case}: binary");
                checked += 1;
            }
            let newer = dir.join(format!("{case}.newer.json"));
            if newer.exists() {
                let newer = std::fs::read(&newer).unwrap();
                let binary = (mtype.json_to_binary)(&lenient, &newer)
                    .unwrap_or_else(|e| panic!("{message}/{case}: newer JSON not read: {e}"));
                let json = (mtype.binary_to_json)(&lenient, &binary).unwrap();
                assert_eq!(json, expected, "{message}/{case}: JSON");
                let err = (mtype.json_to_binary)(&strict, &newer).unwrap_err();
                assert!(
                    matches!(err, flow_proto::JsonError::Invalid { .. }),
                    "{message}/{case}: strict mode must refuse newer JSON, got {err}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} forward checks ran");
}
