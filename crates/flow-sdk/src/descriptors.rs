//! Merging encoded `FileDescriptorSet`s without decoding the files.
//!
//! `GetSchema` returns the Flow contract's descriptors plus the service's own, so that a
//! service type that embeds Flow types (or `Any`s of them) comes with all its dependencies.
//! Files are copied as raw bytes: decoding them with `prost-types` would drop custom options
//! such as `(flow.common.v1.sensitive)`, which core needs to redact secrets. A file present in
//! both sets (a well-known type) is kept once, first occurrence wins.

use std::collections::HashSet;

use prost::Message;
use prost::bytes::{Buf, BufMut};
use prost::encoding::{WireType, decode_key, decode_varint, encode_key, encode_varint};

use crate::BuildError;

/// `FileDescriptorSet.file` and `FileDescriptorProto.name` are both field 1.
const FILE: u32 = 1;

/// Only the name of a `FileDescriptorProto`; prost skips the other fields.
#[derive(Clone, PartialEq, Message)]
struct FileName {
    #[prost(string, optional, tag = "1")]
    name: Option<String>,
}

/// The files of an encoded set, as raw `FileDescriptorProto` bytes with their names.
fn files(mut set: &[u8]) -> Result<Vec<(String, &[u8])>, String> {
    let mut files = Vec::new();
    while set.has_remaining() {
        let (tag, wire_type) = decode_key(&mut set).map_err(|e| e.to_string())?;
        if tag != FILE || wire_type != WireType::LengthDelimited {
            return Err(format!("unexpected field {tag} ({wire_type:?})"));
        }
        let len = decode_varint(&mut set).map_err(|e| e.to_string())?;
        let len = usize::try_from(len)
            .ok()
            .filter(|len| *len <= set.len())
            .ok_or("truncated file entry")?;
        let (file, rest) = set.split_at(len);
        set = rest;
        let name = FileName::decode(file)
            .map_err(|e| e.to_string())?
            .name
            .filter(|n| !n.is_empty())
            .ok_or("a file has no name")?;
        files.push((name, file));
    }
    Ok(files)
}

/// Checks that `set` is an encoded `FileDescriptorSet` whose files all have names.
pub(crate) fn check(set: &[u8]) -> Result<(), BuildError> {
    files(set)
        .map(drop)
        .map_err(BuildError::InvalidDescriptorSet)
}

/// The files of every set, in order, each file name once. The sets must have passed [`check`].
pub(crate) fn merge(sets: &[&[u8]]) -> Vec<u8> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(sets.iter().map(|s| s.len()).sum());
    for set in sets {
        for (name, file) in files(set).unwrap_or_default() {
            if seen.insert(name) {
                encode_key(FILE, WireType::LengthDelimited, &mut out);
                encode_varint(file.len() as u64, &mut out);
                out.put_slice(file);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_each_file_once_and_bytes_intact() {
        let flow = flow_proto::FILE_DESCRIPTOR_SET;
        let merged = merge(&[flow, flow]);
        assert_eq!(merged, flow, "merging a set with itself changes nothing");
        let decoded = prost_types::FileDescriptorSet::decode(merged.as_slice()).unwrap();
        assert!(
            decoded
                .file
                .iter()
                .any(|f| f.name() == "flow/runtime/v1/runtime.proto")
        );
    }

    #[test]
    fn check_rejects_garbage() {
        assert!(check(&[0xff, 0xff]).is_err());
        assert!(check(&[0x0a, 0x05, 0x0a]).is_err(), "truncated");
        assert!(check(&[0x0a, 0x00]).is_err(), "a file without a name");
        assert!(check(&[]).is_ok());
    }
}
