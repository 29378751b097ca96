//! A process instance id (`ServiceInfo.instance_id`): a random UUID v4 in text form.
//!
//! The standard library has no random generator; `RandomState` is seeded from the operating
//! system's randomness per process, which is what an id that must change on every restart needs.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// A new UUID v4 string, e.g. `3f2b8c1e-9a4d-4e7f-8b21-0c5d6e7f8091`.
pub(crate) fn new_id() -> String {
    let half = |salt: u64| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.write_u128(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u32(std::process::id());
        hasher.finish()
    };
    let mut bits = (u128::from(half(1)) << 64) | u128::from(half(2));
    // Version 4 and the RFC 4122 variant.
    bits = (bits & !(0xf << 76)) | (0x4 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_v4_uuids_and_differ() {
        let (a, b) = (super::new_id(), super::new_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
