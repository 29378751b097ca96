//! Checks the consumer's output file itself, by the records' sequence numbers, rather than
//! trusting the pipeline's own count: the file is what a user of the pipeline would read.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use base64::Engine;
use serde::Deserialize;

/// What the output file holds, against the expected sequence `0..expected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputCheck {
    /// Lines in the file.
    pub lines: u64,
    /// Lines whose sequence number an earlier line already had.
    pub duplicates: u64,
    /// Sequence numbers in `0..expected` no line has.
    pub losses: u64,
    /// Lines whose sequence number is outside `0..expected`.
    pub unexpected: u64,
    /// Lines not in increasing sequence order (the pipeline keeps order, so this should be 0).
    pub out_of_order: u64,
}

impl OutputCheck {
    pub fn is_exact(&self) -> bool {
        self.duplicates == 0 && self.losses == 0 && self.unexpected == 0
    }
}

/// One line of the TS consumer's JSON-lines output; only the key matters here.
#[derive(Deserialize)]
struct Line {
    key: String,
}

/// Reads `path` and counts duplicates and losses of the sequence numbers `0..expected`, each
/// record's key being its number in decimal text (the counting source's keys).
pub fn check_output(path: &Path, expected: u64) -> Result<OutputCheck, String> {
    let file = File::open(path).map_err(|e| format!("open {}: {e}", path.display()))?;
    let len = usize::try_from(expected)
        .map_err(|_| format!("{expected} records do not fit in memory"))?;
    let mut seen = vec![false; len];
    let mut check = OutputCheck::default();
    let mut previous: Option<u64> = None;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("read {}: {e}", path.display()))?;
        let seq =
            sequence_of_line(&line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        check.lines += 1;
        if previous.is_some_and(|p| seq <= p) {
            check.out_of_order += 1;
        }
        previous = Some(seq);
        match usize::try_from(seq).ok().and_then(|i| seen.get_mut(i)) {
            Some(slot) if *slot => check.duplicates += 1,
            Some(slot) => *slot = true,
            None => check.unexpected += 1,
        }
    }
    check.losses = seen.iter().filter(|s| !**s).count() as u64;
    Ok(check)
}

fn sequence_of_line(line: &str) -> Result<u64, String> {
    let parsed: Line = serde_json::from_str(line).map_err(|e| format!("not a record line: {e}"))?;
    let key = base64::engine::general_purpose::STANDARD
        .decode(&parsed.key)
        .map_err(|e| format!("key is not base64: {e}"))?;
    std::str::from_utf8(&key)
        .ok()
        .and_then(|k| k.parse().ok())
        .ok_or_else(|| format!("key {key:?} is not a sequence number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(seq: u64) -> String {
        let key = base64::engine::general_purpose::STANDARD.encode(seq.to_string());
        format!(r#"{{"stream":"numbers","batch_id":"1","key":"{key}","data":""}}"#)
    }

    fn check(seqs: &[u64], expected: u64) -> OutputCheck {
        let dir = std::env::temp_dir().join(flow_core::new_instruction_id("flow-demo-output"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let text: String = seqs.iter().map(|&s| line(s) + "\n").collect();
        std::fs::write(&path, text).unwrap();
        let result = check_output(&path, expected).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    #[test]
    fn counts_duplicates_losses_and_strays() {
        let c = check(&[0, 1, 1, 3, 7], 5);
        assert_eq!(
            c,
            OutputCheck {
                lines: 5,
                duplicates: 1,
                losses: 2,
                unexpected: 1,
                out_of_order: 1
            }
        );
        assert!(!c.is_exact());
        assert!(check(&[0, 1, 2], 3).is_exact());
    }
}
