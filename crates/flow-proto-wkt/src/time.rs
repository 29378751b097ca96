//! `google.protobuf.Timestamp` and `Duration`, with their JSON strings:
//! `"2023-11-14T22:13:20.500Z"` (RFC 3339, UTC, 0, 3, 6 or 9 fraction digits) and `"-1.250s"`.

/// A point in time, independent of any time zone: seconds and nanoseconds since the Unix epoch.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z; from 0001-01-01 to 9999-12-31 for JSON.
    #[prost(int64, tag = "1")]
    pub seconds: i64,
    /// Non-negative fractions of a second, 0 to 999,999,999.
    #[prost(int32, tag = "2")]
    pub nanos: i32,
}

/// A signed span of time, up to 10,000 years either way.
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct Duration {
    /// Whole seconds, -315,576,000,000 to 315,576,000,000.
    #[prost(int64, tag = "1")]
    pub seconds: i64,
    /// Fractions of a second, with the sign of `seconds` (or any sign when `seconds` is 0).
    #[prost(int32, tag = "2")]
    pub nanos: i32,
}

crate::name!(Timestamp);
crate::name!(Duration);

impl From<std::time::SystemTime> for Timestamp {
    fn from(t: std::time::SystemTime) -> Self {
        let (seconds, nanos) = match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos() as i32),
            Err(e) => {
                let d = e.duration();
                let (s, n) = (-(d.as_secs() as i64), d.subsec_nanos() as i32);
                if n == 0 {
                    (s, 0)
                } else {
                    (s - 1, 1_000_000_000 - n)
                }
            }
        };
        Timestamp { seconds, nanos }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Self {
        Duration {
            seconds: d.as_secs() as i64,
            nanos: d.subsec_nanos() as i32,
        }
    }
}

/// A negative duration has no `std::time::Duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NegativeDuration;

impl std::fmt::Display for NegativeDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a negative duration has no std::time::Duration")
    }
}

impl std::error::Error for NegativeDuration {}

impl TryFrom<Duration> for std::time::Duration {
    type Error = NegativeDuration;
    fn try_from(d: Duration) -> Result<Self, NegativeDuration> {
        if d.seconds < 0 || d.nanos < 0 {
            return Err(NegativeDuration);
        }
        Ok(std::time::Duration::new(d.seconds as u64, 0)
            + std::time::Duration::from_nanos(d.nanos as u64))
    }
}

/// Smallest and largest seconds JSON allows: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const TIMESTAMP_MIN: i64 = -62_135_596_800;
const TIMESTAMP_MAX: i64 = 253_402_300_799;
/// The largest |seconds| a Duration may hold (10,000 years).
const DURATION_MAX: i64 = 315_576_000_000;

impl Timestamp {
    /// The RFC 3339 form JSON uses, or why there is none (out of range).
    pub fn to_rfc3339(&self) -> Result<String, String> {
        let (seconds, nanos) = (self.seconds, self.nanos);
        if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&seconds)
            || !(0..1_000_000_000).contains(&nanos)
        {
            return Err(format!("Timestamp {seconds}s {nanos}ns is out of range"));
        }
        let days = seconds.div_euclid(86_400);
        let secs_of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // Digit by digit: `format!` costs more than the rest of writing a record's JSON.
        let mut out = String::with_capacity(30);
        push_digits(&mut out, year as u32, 4);
        out.push('-');
        push_digits(&mut out, month, 2);
        out.push('-');
        push_digits(&mut out, day, 2);
        out.push('T');
        push_digits(&mut out, (secs_of_day / 3600) as u32, 2);
        out.push(':');
        push_digits(&mut out, (secs_of_day / 60 % 60) as u32, 2);
        out.push(':');
        push_digits(&mut out, (secs_of_day % 60) as u32, 2);
        push_fraction(&mut out, nanos as u32);
        out.push('Z');
        Ok(out)
    }

    /// Reads RFC 3339 as the JSON mapping allows it: upper-case `T` and `Z`, or an offset
    /// `+hh:mm`/`-hh:mm`; up to 9 fraction digits; years 0001 to 9999.
    pub fn parse_rfc3339(text: &str) -> Result<Timestamp, String> {
        let bad =
            || format!("`{text}` is not an RFC 3339 timestamp (like 1972-01-01T10:00:20.021Z)");
        let b = text.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let shape = b.len() >= 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':';
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
            num(0..4),
            num(5..7),
            num(8..10),
            num(11..13),
            num(14..16),
            num(17..19),
        ) else {
            return Err(bad());
        };
        if !shape
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return Err(bad());
        }
        let mut rest = &text[19..];
        let mut nanos = 0i64;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return Err(bad());
            }
            nanos =
                frac[..digits].parse::<i64>().map_err(|_| bad())? * 10i64.pow(9 - digits as u32);
            rest = &frac[digits..];
        }
        let offset = match rest.as_bytes() {
            [b'Z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digits = [h1, h2, m1, m2];
                if !digits.iter().all(|d| d.is_ascii_digit()) {
                    return Err(bad());
                }
                let [h1, h2, m1, m2] = digits.map(|d| i64::from(d - b'0'));
                let minutes = (h1 * 10 + h2) * 60 + m1 * 10 + m2;
                if *sign == b'+' {
                    minutes * 60
                } else {
                    -minutes * 60
                }
            }
            _ => return Err(bad()),
        };
        let seconds = days_from_civil(year, month as u32, day as u32) * 86_400
            + hour * 3600
            + minute * 60
            + second
            - offset;
        if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&seconds) {
            return Err(format!("`{text}` is outside 0001-01-01 to 9999-12-31"));
        }
        Ok(Timestamp {
            seconds,
            nanos: nanos as i32,
        })
    }
}

impl Duration {
    /// The JSON form (`"1.5s"`, `"-0.000001s"`), or why there is none (out of range).
    pub fn to_json_string(&self) -> Result<String, String> {
        let (seconds, nanos) = (self.seconds, self.nanos);
        let signs_disagree = (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0);
        if seconds.abs() > DURATION_MAX || nanos.abs() >= 1_000_000_000 || signs_disagree {
            return Err(format!("Duration {seconds}s {nanos}ns is out of range"));
        }
        let mut out = String::with_capacity(24);
        if seconds < 0 || nanos < 0 {
            out.push('-');
        }
        out.push_str(itoa_u64(seconds.unsigned_abs()).as_str());
        push_fraction(&mut out, nanos.unsigned_abs());
        out.push('s');
        Ok(out)
    }

    /// Reads the JSON form: an optional `-`, seconds, up to 9 fraction digits, `s`.
    pub fn parse_json_string(text: &str) -> Result<Duration, String> {
        let bad = || format!("`{text}` is not a duration (like \"1.5s\")");
        let body = text.strip_suffix('s').ok_or_else(bad)?;
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(frac)
            || frac.len() > 9
            || (body.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let seconds: i64 = whole.parse().map_err(|_| bad())?;
        let nanos: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse::<i64>().map_err(|_| bad())? * 10i64.pow(9 - frac.len() as u32)
        };
        if seconds > DURATION_MAX {
            return Err(format!("`{text}` is longer than 10,000 years"));
        }
        let sign = if negative { -1 } else { 1 };
        Ok(Duration {
            seconds: sign * seconds,
            nanos: (sign * nanos) as i32,
        })
    }
}

/// Appends `.123`, `.123456` or `.123456789` as needed; nothing for whole seconds.
fn push_fraction(out: &mut String, nanos: u32) {
    if nanos == 0 {
        return;
    }
    out.push('.');
    if nanos.is_multiple_of(1_000_000) {
        push_digits(out, nanos / 1_000_000, 3);
    } else if nanos.is_multiple_of(1_000) {
        push_digits(out, nanos / 1_000, 6);
    } else {
        push_digits(out, nanos, 9);
    }
}

/// Appends `value` zero-padded to `width` digits (`value` has at most `width` digits).
fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut divisor = 10u32.pow(width - 1);
    while divisor > 0 {
        out.push(char::from(b'0' + (value / divisor % 10) as u8));
        divisor /= 10;
    }
}

/// Decimal digits of `n`, without allocating.
fn itoa_u64(n: u64) -> DecimalU64 {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    DecimalU64 { digits, start }
}

struct DecimalU64 {
    digits: [u8; 20],
    start: usize,
}

impl DecimalU64 {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[self.start..]).expect("ASCII digits")
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's method).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) to days since 1970-01-01, the inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(feature = "serde")]
mod json {
    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serialize, Serializer};

    use super::{Duration, Timestamp};

    impl Serialize for Timestamp {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&self.to_rfc3339().map_err(serde::ser::Error::custom)?)
        }
    }

    impl Serialize for Duration {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&self.to_json_string().map_err(serde::ser::Error::custom)?)
        }
    }

    struct TextVisitor<T>(fn(&str) -> Result<T, String>, &'static str);

    impl<T> Visitor<'_> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.1)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.0)(v).map_err(E::custom)
        }
    }

    impl<'de> Deserialize<'de> for Timestamp {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor(
                Timestamp::parse_rfc3339,
                "an RFC 3339 timestamp string",
            ))
        }
    }

    impl<'de> Deserialize<'de> for Duration {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor(
                Duration::parse_json_string,
                "a duration string like \"1.5s\"",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_at_the_edges() {
        for (seconds, nanos, text) in [
            (0, 0, "1970-01-01T00:00:00Z"),
            (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
            (
                253_402_300_799,
                999_999_999,
                "9999-12-31T23:59:59.999999999Z",
            ),
            (951_782_400, 10_000_000, "2000-02-29T00:00:00.010Z"),
            (1, 1_000, "1970-01-01T00:00:01.000001Z"),
        ] {
            let t = Timestamp { seconds, nanos };
            assert_eq!(t.to_rfc3339().unwrap(), text);
            assert_eq!(Timestamp::parse_rfc3339(text).unwrap(), t);
        }
        assert_eq!(
            Timestamp::parse_rfc3339("1970-01-01T08:00:00+08:00").unwrap(),
            Timestamp::default()
        );
    }

    #[test]
    fn timestamps_refuse_what_the_mapping_refuses() {
        for text in [
            "1970-01-01t00:00:00Z",
            "1970-01-01T00:00:00z",
            "1970-01-01T00:00:00",
            "1970-02-30T00:00:00Z",
            "0000-12-31T23:59:59Z",
            "1970-01-01T00:00:00.Z",
            "1970-01-01T00:00:00.0000000001Z",
            " 1970-01-01T00:00:00Z",
        ] {
            assert!(Timestamp::parse_rfc3339(text).is_err(), "{text}");
        }
        assert!(
            Timestamp {
                seconds: TIMESTAMP_MAX + 1,
                nanos: 0
            }
            .to_rfc3339()
            .is_err()
        );
        assert!(
            Timestamp {
                seconds: 0,
                nanos: -1
            }
            .to_rfc3339()
            .is_err()
        );
    }

    #[test]
    fn durations_round_trip_and_refuse() {
        for (seconds, nanos, text) in [
            (1, 500_000_000, "1.500s"),
            (-1, -250_000_000, "-1.250s"),
            (0, -1_000, "-0.000001s"),
            (315_576_000_000, 0, "315576000000s"),
        ] {
            let d = Duration { seconds, nanos };
            assert_eq!(d.to_json_string().unwrap(), text);
            assert_eq!(Duration::parse_json_string(text).unwrap(), d);
        }
        for text in [
            "1",
            "1.s",
            ".5s",
            "+1s",
            "1.0000000001s",
            "315576000001s",
            "1 s",
            "--1s",
        ] {
            assert!(Duration::parse_json_string(text).is_err(), "{text}");
        }
        assert!(
            Duration {
                seconds: 1,
                nanos: -1
            }
            .to_json_string()
            .is_err()
        );
    }
}
