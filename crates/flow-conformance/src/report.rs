//! Check results and how they are printed: one human line per check plus a summary, or a JSON
//! array for machines. Check ids are stable so that CI jobs and tests can match on them.

use std::fmt;

/// What a check concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The service did what the contract asks.
    Pass,
    /// The service broke a rule of the contract (or did not answer in time).
    Fail,
    /// The check could not run (role not played, config not known, not implemented by the kit).
    Skip,
}

impl Outcome {
    /// `PASS`, `FAIL` or `SKIP`.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "PASS",
            Outcome::Fail => "FAIL",
            Outcome::Skip => "SKIP",
        }
    }
}

/// One check's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Stable dotted id (`runtime.handshake.unsupported_version`).
    pub id: String,
    /// The verdict.
    pub outcome: Outcome,
    /// Why: what was sent and what came back, enough to debug a FAIL without a packet capture.
    pub detail: String,
}

impl Check {
    /// A passed check.
    pub fn pass(id: &str, detail: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            outcome: Outcome::Pass,
            detail: detail.into(),
        }
    }
    /// A failed check.
    pub fn fail(id: &str, detail: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            outcome: Outcome::Fail,
            detail: detail.into(),
        }
    }
    /// A skipped check.
    pub fn skip(id: &str, detail: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            outcome: Outcome::Skip,
            detail: detail.into(),
        }
    }
    /// Pass when `problems` is empty, else fail listing them.
    pub fn from_problems(id: &str, ok_detail: impl Into<String>, problems: &[String]) -> Self {
        if problems.is_empty() {
            Self::pass(id, ok_detail)
        } else {
            Self::fail(id, problems.join("; "))
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}  {}", self.outcome.label(), self.id, self.detail)
    }
}

/// All results of one run, in the order the checks ran.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The checks, in run order.
    pub checks: Vec<Check>,
}

impl Report {
    /// How many checks have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.checks.iter().filter(|c| c.outcome == outcome).count()
    }

    /// True when no check failed: the exit status of the binary.
    pub fn ok(&self) -> bool {
        self.count(Outcome::Fail) == 0
    }

    /// The result of the check with this id, if it ran.
    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// The ids of the failed checks.
    pub fn failed_ids(&self) -> Vec<&str> {
        self.checks
            .iter()
            .filter(|c| c.outcome == Outcome::Fail)
            .map(|c| c.id.as_str())
            .collect()
    }

    /// `N passed, M failed, K skipped`.
    pub fn summary(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.count(Outcome::Pass),
            self.count(Outcome::Fail),
            self.count(Outcome::Skip)
        )
    }

    /// One line per check, then the summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            out.push_str(&c.to_string());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// A JSON array of `{"id", "outcome", "detail"}` objects (`outcome` is `pass`, `fail` or
    /// `skip`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.checks
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id,
                        "outcome": c.outcome.label().to_ascii_lowercase(),
                        "detail": c.detail,
                    })
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_agree() {
        let report = Report {
            checks: vec![
                Check::pass("a", "fine"),
                Check::fail("b", "broken"),
                Check::skip("c", "n/a"),
            ],
        };
        assert_eq!(
            report.to_text(),
            "PASS  a  fine\nFAIL  b  broken\nSKIP  c  n/a\n1 passed, 1 failed, 1 skipped\n"
        );
        assert!(!report.ok());
        assert_eq!(report.failed_ids(), vec!["b"]);
        assert_eq!(report.to_json()[1]["outcome"], "fail");
    }
}
