//! The values the kit puts on the wire: task payloads, timestamps, random tokens and W3C
//! traceparents.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use flow_proto::common::v1::Payload;
use flow_proto::wkt::Timestamp;
use prost::bytes::Bytes;

/// `text` as a `json/plain` payload (the convention of `--task-input`).
pub(super) fn json_payload(text: &str) -> Payload {
    Payload {
        metadata: [("encoding".to_owned(), Bytes::from_static(b"json/plain"))]
            .into_iter()
            .collect(),
        data: Bytes::from(text.as_bytes().to_vec()),
    }
}

pub(super) fn timestamp(t: SystemTime) -> Timestamp {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    Timestamp {
        seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(d.subsec_nanos()).unwrap_or_default(),
    }
}

/// Random bytes from the standard library's randomly keyed hasher (tokens and trace ids need
/// to be unique, not secret).
pub(super) fn random_bytes<const N: usize>() -> [u8; N] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut out = [0u8; N];
    for chunk in out.chunks_mut(8) {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        h.write_u128(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        let bytes = h.finish().to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
    out
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A valid W3C `traceparent` (version 00, sampled) with fresh non-zero ids.
pub(super) fn traceparent() -> String {
    let mut trace = random_bytes::<16>();
    let mut span = random_bytes::<8>();
    trace[0] |= 1;
    span[0] |= 1;
    format!("00-{}-{}-01", hex(&trace), hex(&span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_is_w3c() {
        let tp = traceparent();
        let parts: Vec<&str> = tp.split('-').collect();
        assert_eq!(parts.len(), 4, "{tp}");
        assert_eq!(parts[0], "00");
        assert_eq!(parts[1].len(), 32);
        assert_eq!(parts[2].len(), 16);
        assert_ne!(parts[1], "0".repeat(32));
        assert_ne!(random_bytes::<16>(), random_bytes::<16>());
    }
}
