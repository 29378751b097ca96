//! Every fixture of the corpus, read and written with nothing but `serde_json` on the types
//! `flow-proto` exports: the JSON of each binary is the fixture's JSON byte for byte, each JSON
//! reads back to the binary's message, and every newer writer's JSON (unknown fields and enum
//! names) reads as the older reader's view, with no option set.

use std::path::{Path, PathBuf};

use prost::Message;
use serde::{Serialize, de::DeserializeOwned};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/flow-proto")
}

fn read(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    bytes
}

/// The checks for one message type, on the files of one directory.
fn check<M: Message + Default + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(dir: &Path) -> usize {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(case) = name.strip_suffix(".json").filter(|c| !c.ends_with(".newer")) else {
            continue;
        };
        let expected = read(&path);
        let binpb = dir.join(format!("{case}.binpb"));
        if binpb.exists() {
            let message = M::decode(read_raw(&binpb).as_slice()).unwrap();
            let written = serde_json::to_vec(&message).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected.clone()).unwrap(), "{}", path.display());
            let value = serde_json::to_value(&message).unwrap();
            assert_eq!(value, serde_json::from_slice::<serde_json::Value>(&expected).unwrap(), "{}: to_value", path.display());
            let read_back: M = serde_json::from_slice(&expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Unknown binary fields of a newer writer are dropped by prost, so compare re-encoded.
            assert_eq!(read_back.encode_to_vec(), message.encode_to_vec(), "{}: read back", path.display());
            checked += 1;
        }
        let newer = dir.join(format!("{case}.newer.json"));
        if newer.exists() {
            let message: M = serde_json::from_slice(&read(&newer)).unwrap_or_else(|e| panic!("{}: {e}", newer.display()));
            assert_eq!(serde_json::to_vec(&message).unwrap(), expected, "{}", newer.display());
            checked += 1;
        }
    }
    checked
}

fn read_raw(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

macro_rules! dispatch {
    ($(($name:literal, $ty:path)),* $(,)?) => {
        fn check_dir(message: &str, dir: &Path) -> usize {
            match message {
                $($name => check::<$ty>(dir),)*
                other => panic!("{other}: not a Flow message"),
            }
        }
    };
}
flow_proto::for_each_message!(dispatch);

fn check_corpus(root: &Path) -> (usize, usize) {
    let (mut types, mut cases) = (0, 0);
    for entry in std::fs::read_dir(root).unwrap() {
        let dir = entry.unwrap().path();
        let message = dir.file_name().unwrap().to_string_lossy().into_owned();
        cases += check_dir(&message, &dir);
        types += 1;
    }
    (types, cases)
}

#[test]
fn every_fixture_through_serde_json_alone() {
    let (types, cases) = check_corpus(&fixtures().join("fixtures"));
    println!("corpus: {types} types, {cases} cases");
    assert!(types >= 122 && cases >= 316, "only {types} types, {cases} cases");
}

#[test]
fn every_newer_writer_through_serde_json_alone() {
    let (types, cases) = check_corpus(&fixtures().join("fixtures-forward"));
    println!("forward: {types} types, {cases} checks");
    assert!(cases >= 8, "only {cases} forward checks");
}
