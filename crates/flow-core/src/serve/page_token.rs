//! Page tokens, the same way for every `List...` RPC: what the token holds (the filters it was
//! made for and where the page ended) as JSON in URL-safe base64, opaque to callers and
//! readable when debugging.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::status::InvalidField;

/// `token` as a `page_token`.
pub fn encode<T: Serialize>(token: &T) -> String {
    // Serializing plain strings and integers cannot fail.
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(token).unwrap_or_default())
}

/// The token in `page_token`, refused (naming the field) when `rpc` did not make it.
pub fn decode<T: DeserializeOwned>(page_token: &str, rpc: &str) -> Result<T, InvalidField> {
    let refused = || InvalidField::new("page_token", format!("is not a token {rpc} made"));
    let bytes = URL_SAFE_NO_PAD.decode(page_token).map_err(|_| refused())?;
    serde_json::from_slice(&bytes).map_err(|_| refused())
}

/// The refusal of a token made for other filters than the call passes.
pub fn other_filters(filters: &str) -> InvalidField {
    InvalidField::new(
        "page_token",
        format!("was made for other filters: pass the same {filters} as the first call"),
    )
}

/// How many items one page of a `List...` RPC holds.
#[derive(Debug, Clone, Copy)]
pub struct PageSize {
    /// The size of a page when the request's `page_size` is 0.
    pub default: usize,
    /// The largest page; a larger `page_size` gets this many.
    pub max: usize,
}

impl PageSize {
    /// The size the request's `page_size` asks for; negative is refused.
    pub fn of(&self, page_size: i32) -> Result<usize, InvalidField> {
        match page_size {
            0 => Ok(self.default),
            n if n < 0 => Err(InvalidField::new("page_size", "must not be negative")),
            n => Ok((n as usize).min(self.max)),
        }
    }
}

/// The token of a follow-up call, or `None` on a first call (an empty `page_token`). A token
/// `made_for` other filters than the call passes is refused, naming the `filters` to keep.
pub fn resume<T: DeserializeOwned>(
    page_token: &str,
    rpc: &str,
    made_for: impl FnOnce(&T) -> bool,
    filters: &str,
) -> Result<Option<T>, InvalidField> {
    if page_token.is_empty() {
        return Ok(None);
    }
    let token = decode(page_token, rpc)?;
    if made_for(&token) {
        Ok(Some(token))
    } else {
        Err(other_filters(filters))
    }
}

/// Cuts `items`, fetched with one more than `limit` to learn whether another page follows, to
/// the page, and returns the next page's token (`next` of the page's last item), or "" at the
/// end.
pub fn cut_page<I>(items: &mut Vec<I>, limit: usize, next: impl FnOnce(&I) -> String) -> String {
    if items.len() <= limit {
        return String::new();
    }
    items.truncate(limit);
    items.last().map(next).unwrap_or_default()
}

/// A repeated filter as a set: sorted, each value once, so that a token compares equal
/// whatever order the caller listed the values in.
pub fn filter_set<T: Ord>(mut values: Vec<T>) -> Vec<T> {
    values.sort_unstable();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
    struct Token {
        name: String,
        after: (String, String),
    }

    #[test]
    fn tokens_round_trip_and_garbage_is_refused() {
        let token = Token {
            name: "svc".into(),
            after: ("svc".into(), "i-1".into()),
        };
        let resumed = resume(&encode(&token), "List", |t: &Token| t.name == "svc", "name");
        assert_eq!(resumed.unwrap(), Some(token));
        assert_eq!(
            resume::<Token>("", "List", |_| false, "name").unwrap(),
            None
        );
        for garbage in ["!!", &URL_SAFE_NO_PAD.encode(b"{}")] {
            let refused = decode::<Token>(garbage, "List").unwrap_err();
            assert_eq!(refused.field, "page_token");
        }
    }

    #[test]
    fn a_token_for_other_filters_is_refused() {
        let token = encode(&Token {
            name: "svc".into(),
            after: Default::default(),
        });
        let refused = resume(&token, "List", |t: &Token| t.name == "sink", "name").unwrap_err();
        assert_eq!(refused.field, "page_token");
        assert!(refused.problem.contains("same name"), "{refused:?}");
    }

    #[test]
    fn page_sizes_default_cap_and_refuse_negatives() {
        let pages = PageSize {
            default: 10,
            max: 20,
        };
        assert_eq!(pages.of(0).unwrap(), 10);
        assert_eq!(pages.of(5).unwrap(), 5);
        assert_eq!(pages.of(1000).unwrap(), 20);
        assert_eq!(pages.of(-1).unwrap_err().field, "page_size");
    }

    #[test]
    fn a_page_is_cut_with_the_next_token_only_when_more_follow() {
        let mut items = vec![1, 2, 3];
        assert_eq!(cut_page(&mut items, 3, |last| last.to_string()), "");
        assert_eq!(cut_page(&mut items, 2, |last| last.to_string()), "2");
        assert_eq!(items, [1, 2]);
        assert_eq!(filter_set(vec![3, 1, 3]), [1, 3]);
    }
}
