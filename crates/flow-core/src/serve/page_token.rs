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
