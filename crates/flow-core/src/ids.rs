//! Ids: the ones core makes (UUID v7, so they sort by creation time) and the rule every id a
//! caller supplies must follow, checked in this one place by every server.

use std::fmt;

/// The longest id a caller may supply, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// A new id made by core (lease, task, attempt and instance ids): a UUID v7 in its hyphenated
/// lowercase form.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Why a caller's id was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong { len: usize },
    BadCharacter { at: usize, found: char },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("must not be empty"),
            IdError::TooLong { len } => {
                write!(f, "is {len} bytes long, more than the {MAX_ID_LEN} allowed")
            }
            IdError::BadCharacter { at, found } => write!(
                f,
                "has {found:?} at byte {at}; ids use ASCII letters, digits and . _ - : only, \
                 and start with a letter or digit"
            ),
        }
    }
}

impl std::error::Error for IdError {}

/// Checks an id a caller supplies (a service name, an instance id, an idempotency key): 1 to
/// [`MAX_ID_LEN`] bytes of ASCII letters, digits, `.`, `_`, `-` and `:`, starting with a letter
/// or digit. Narrow on purpose: such ids are safe in URLs, file names, logs and metric labels.
pub fn check_id(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.len() > MAX_ID_LEN {
        return Err(IdError::TooLong { len: id.len() });
    }
    for (at, found) in id.char_indices() {
        let allowed =
            found.is_ascii_alphanumeric() || (at > 0 && matches!(found, '.' | '_' | '-' | ':'));
        if !allowed {
            return Err(IdError::BadCharacter { at, found });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_ids_are_uuid_v7_and_sort_by_creation() {
        let first = new_id();
        let second = new_id();
        let parsed = uuid::Uuid::parse_str(&first).unwrap();
        assert_eq!(parsed.get_version_num(), 7);
        assert!(first < second, "{first} then {second}");
        assert_eq!(check_id(&first), Ok(()));
    }

    #[test]
    fn caller_ids_follow_one_rule() {
        for good in [
            "a",
            "postgres-connector",
            "worker_7.eu:1",
            &"x".repeat(MAX_ID_LEN),
        ] {
            assert_eq!(check_id(good), Ok(()), "{good}");
        }
        assert_eq!(check_id(""), Err(IdError::Empty));
        assert_eq!(
            check_id(&"x".repeat(MAX_ID_LEN + 1)),
            Err(IdError::TooLong {
                len: MAX_ID_LEN + 1
            })
        );
        assert_eq!(
            check_id("-leading"),
            Err(IdError::BadCharacter { at: 0, found: '-' })
        );
        assert_eq!(
            check_id("has space"),
            Err(IdError::BadCharacter { at: 3, found: ' ' })
        );
        assert_eq!(
            check_id("caf\u{e9}"),
            Err(IdError::BadCharacter {
                at: 3,
                found: '\u{e9}'
            })
        );
        assert!(
            check_id("a/b")
                .unwrap_err()
                .to_string()
                .contains("ASCII letters")
        );
    }
}
