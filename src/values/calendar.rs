//! Calendar dates as the data package writes them (`YYYY-MM-DD`), checked against the
//! real calendar, with the little arithmetic the tool needs (months, day counts).

use std::fmt;

/// A real calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A calendar month, `YYYY-MM`. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year; `month` must be 1..=12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// 1970-01-01, the day the day numbers count from.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Parses exactly `YYYY-MM-DD` and checks that the day exists. The error says why
    /// in words a user can act on.
    #[inline]
    pub fn parse(text: &str) -> Result<Date, String> {
        match Date::of_bytes(text.as_bytes()) {
            Ok(date) => Ok(date),
            Err(()) => Err(Date::why_not(text)),
        }
    }

    /// The date `b` writes, with no word of why not: the check every row's date
    /// takes, small enough to be compiled into the loop that reads rows. The eight
    /// digits are checked at once in one word: the two of the day moved into the
    /// places of the dashes, once the dashes are checked.
    #[inline(always)]
    fn of_bytes(b: &[u8]) -> Result<Date, ()> {
        const DASHES: u64 = 0xFF << 32 | 0xFF << 56;
        const ONES: u64 = 0x0101_0101_0101_0101;
        let &[y0, y1, y2, y3, dash1, m0, m1, dash2, d0, d1] = b else {
            return Err(());
        };
        let word = u64::from_le_bytes([y0, y1, y2, y3, d0, m0, m1, d1]);
        let dashes = u64::from_le_bytes([0, 0, 0, 0, dash1, 0, 0, dash2]);
        // A byte is a digit when its high half is 3 and adding 6 keeps it so (no
        // carry leaves a byte whose high half is 3).
        let high = 0xF0 * ONES;
        let digits =
            word & high == 0x30 * ONES && word.wrapping_add(0x06 * ONES) & high == 0x30 * ONES;
        if !digits || dashes != (u64::from(b'-') * ONES) & DASHES {
            return Err(());
        }
        let [y0, y1, y2, y3, d0, m0, m1, d1] = (word - 0x30 * ONES).to_le_bytes().map(u32::from);
        let year = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) as i32;
        let (month, day) = (m0 * 10 + m1, d0 * 10 + d1);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(());
        }
        Ok(Date { year, month, day })
    }

    /// Why `text` is not a date.
    #[cold]
    #[inline(never)]
    fn why_not(text: &str) -> String {
        let b = text.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return format!("'{}' is not a date in the form YYYY-MM-DD", short(text));
        }
        let num = |i: usize, n: usize| {
            b[i..i + n]
                .iter()
                .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'))
        };
        let (year, month, day) = (num(0, 4) as i32, num(5, 2), num(8, 2));
        if !(1..=12).contains(&month) {
            return format!("'{text}' has no month {month}");
        }
        debug_assert!(day == 0 || day > days_in_month(year, month));
        format!(
            "'{text}' does not exist: {year}-{month:02} has {} days",
            days_in_month(year, month)
        )
    }

    pub fn month(&self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    pub fn days_since_epoch(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (Howard Hinnant's days-to-civil).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month,
            day,
        }
    }

    /// Writes `YYYY-MM-DD` into `buf` and returns it, or `None` for a year outside
    /// 0..=9999.
    pub fn write_iso<'b>(&self, buf: &'b mut [u8; 10]) -> Option<&'b str> {
        let ym = year_month(self.year, self.month)?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        buf[..7].copy_from_slice(&ym);
        buf[7..].copy_from_slice(&[b'-', digit(self.day / 10), digit(self.day)]);
        std::str::from_utf8(buf).ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Month {
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// `Apr`.
    pub fn name(&self) -> &'static str {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        NAMES[(self.month as usize + 11) % 12]
    }

    /// `Apr 2014`, the form charts put on an axis.
    pub fn label(&self) -> String {
        format!("{} {}", self.name(), self.year)
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let d = Date::parse(&format!("{text}-01")).ok()?;
        Some(d.month())
    }

    /// Appends `YYYY-MM` (as `Display` writes it) without formatting machinery.
    pub fn write_key(&self, out: &mut Vec<u8>) {
        match year_month(self.year, self.month) {
            Some(ym) => out.extend_from_slice(&ym),
            None => out.extend_from_slice(self.to_string().as_bytes()),
        }
    }

    /// Every month from `self` to `last`, both included.
    pub fn through(self, last: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= last {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Month {
    pub fn first_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    pub fn last_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }

    /// The month `n` months before this one.
    pub fn back(self, n: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(n);
        Month {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }
}

/// A span in the words of a calendar where it is one: `2014-09`, `2014-Q3`,
/// `2014-H1`, `2014`; a single day is that day; else `start..end`.
pub fn period_label(start: Date, end: Date) -> String {
    if start == end {
        return start.to_string();
    }
    let (first, last) = (start.month(), end.month());
    let whole = start.day == 1 && end == last.last_day() && first.year == last.year;
    let months = i64::from(last.month) - i64::from(first.month) + 1;
    match (whole, months, first.month) {
        (true, 1, _) => first.to_string(),
        (true, 3, m) if m % 3 == 1 => format!("{}-Q{}", first.year, m / 3 + 1),
        (true, 6, m) if m % 6 == 1 => format!("{}-H{}", first.year, m / 6 + 1),
        (true, 12, 1) => first.year.to_string(),
        _ => format!("{start}..{end}"),
    }
}

/// A label of [`period_label`] that names a calendar period (`2014-09`, `2014-Q3`,
/// `2014-H1`, `2014`): how many such periods a year has, and its index in the
/// calendar's order (year x periods a year + its number - 1).
pub fn calendar_period(label: &str) -> Option<(u32, i64)> {
    let year = |y: &str| {
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .then(|| y.parse::<i64>().ok())
            .flatten()
    };
    if let Some(y) = year(label) {
        return Some((1, y));
    }
    let (y, rest) = label.split_once('-')?;
    let y = year(y)?;
    let (per_year, n) = match rest.as_bytes() {
        [b'Q', n @ b'1'..=b'4'] => (4, n - b'0'),
        [b'H', n @ b'1'..=b'2'] => (2, n - b'0'),
        [a @ b'0'..=b'1', b @ b'0'..=b'9'] => (12, (a - b'0') * 10 + (b - b'0')),
        _ => return None,
    };
    (1..=per_year).contains(&n).then(|| {
        (
            u32::from(per_year),
            y * i64::from(per_year) + i64::from(n) - 1,
        )
    })
}

/// The label of the calendar period of index `i` of a calendar of `per_year`
/// periods a year: the inverse of [`calendar_period`].
pub fn calendar_period_label(per_year: u32, i: i64) -> String {
    let n = i64::from(per_year.max(1));
    let (year, k) = (i.div_euclid(n), i.rem_euclid(n) + 1);
    match per_year {
        1 => format!("{year:04}"),
        2 => format!("{year:04}-H{k}"),
        4 => format!("{year:04}-Q{k}"),
        _ => format!("{year:04}-{k:02}"),
    }
}

/// A date written in `format`: `YYYY`, `MM` (or `M`), `DD` (or `D`) and the
/// characters between them, as in `MM/DD/YYYY`; a month or day may have one digit
/// or two either way.
pub fn parse_with(text: &str, format: &str) -> Result<Date, String> {
    let wrong = || format!("'{}' is not a date in the form {format}", short(text));
    let (mut year, mut month, mut day) = (None, None, None);
    let mut rest = text.trim();
    let mut f = format;
    while !f.is_empty() {
        let (slot, width, token) = if f.starts_with("YYYY") {
            (&mut year, 4..=4, 4)
        } else if f.starts_with("MM") {
            (&mut month, 1..=2, 2)
        } else if f.starts_with("DD") {
            (&mut day, 1..=2, 2)
        } else if f.starts_with('M') {
            (&mut month, 1..=2, 1)
        } else if f.starts_with('D') {
            (&mut day, 1..=2, 1)
        } else {
            let c = f.chars().next().unwrap_or(' ');
            rest = rest.strip_prefix(c).ok_or_else(wrong)?;
            f = &f[c.len_utf8()..];
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !width.contains(&digits) {
            return Err(wrong());
        }
        *slot = rest[..digits].parse::<u32>().ok();
        rest = &rest[digits..];
        f = &f[token..];
    }
    match (year, month, day, rest.is_empty()) {
        (Some(y), Some(m), Some(d), true) => {
            // A day that does not exist is named as the cell writes it.
            let iso = format!("{y:04}-{m:02}-{d:02}");
            Date::parse(&iso).map_err(|e| {
                e.replacen(&format!("'{iso}'"), &format!("'{}'", short(text.trim())), 1)
            })
        }
        _ => Err(wrong()),
    }
}

/// Date formats a mapping may declare, for messages.
pub const DATE_FORMATS: [&str; 6] = [
    "YYYY-MM-DD",
    "MM/DD/YYYY",
    "DD/MM/YYYY",
    "DD.MM.YYYY",
    "YYYY/MM/DD",
    "M/D/YYYY",
];

/// `YYYY-MM` as bytes, for a year in 0..=9999 and a month in 1..=12.
fn year_month(year: i32, month: u32) -> Option<[u8; 7]> {
    if !(0..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = year as u32;
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(month / 10),
        digit(month),
    ])
}

pub(crate) use super::short;

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_is_read_exactly_when_the_day_exists() {
        // Day counts written out, not computed by the code under test.
        let days = |y: i32, m: u32| match m {
            2 if y % 400 == 0 => 29,
            2 if y % 100 == 0 => 28,
            2 if y % 4 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        for y in [0, 4, 1900, 1999, 2000, 2014, 2016, 2100, 2400, 9999] {
            for m in 0..=13u32 {
                for d in 0..=32u32 {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    let got = super::Date::parse(&text);
                    if d >= 1 && d <= days(y, m) {
                        assert_eq!(
                            got,
                            Ok(super::Date {
                                year: y,
                                month: m,
                                day: d
                            })
                        );
                    } else if (1..=12).contains(&m) {
                        let want = format!(
                            "'{text}' does not exist: {y}-{m:02} has {} days",
                            days(y, m)
                        );
                        assert_eq!(got, Err(want));
                    } else {
                        assert_eq!(got, Err(format!("'{text}' has no month {m}")));
                    }
                }
            }
        }
        for bad in [
            "",
            "2014-1-01",
            "2014-01-1",
            "2014/01/01",
            "2014-01-0a",
            "2014-01-0:",
            "201?-01-01",
            "2014-0;-01",
            "+014-01-01",
            "2014-01-01 ",
            "２０１４-01-01",
            "2014-01-01\0",
        ] {
            let want = format!("'{bad}' is not a date in the form YYYY-MM-DD");
            assert_eq!(super::Date::parse(bad), Err(want), "{bad:?}");
        }
    }

    #[test]
    fn calendar_spans_have_names() {
        let d = |t: &str| super::Date::parse(t).unwrap();
        let l = |a, b| super::period_label(d(a), d(b));
        assert_eq!(l("2014-09-01", "2014-09-30"), "2014-09");
        assert_eq!(l("2014-07-01", "2014-09-30"), "2014-Q3");
        assert_eq!(l("2014-07-01", "2014-12-31"), "2014-H2");
        assert_eq!(l("2014-01-01", "2014-12-31"), "2014");
        assert_eq!(l("2014-02-01", "2014-07-31"), "2014-02-01..2014-07-31");
        assert_eq!(l("2014-04-25", "2014-04-25"), "2014-04-25");
        let m = d("2014-03-31").month();
        assert_eq!(m.back(5).to_string(), "2013-10");
        assert_eq!(
            super::parse_with("12/31/2019", "MM/DD/YYYY"),
            Ok(d("2019-12-31"))
        );
        assert_eq!(
            super::parse_with("1/5/2019", "M/D/YYYY"),
            Ok(d("2019-01-05"))
        );
        assert!(super::parse_with("2019-12-31", "MM/DD/YYYY").is_err());
        assert!(super::parse_with("02/30/2019", "MM/DD/YYYY")
            .unwrap_err()
            .contains("does not exist"));
    }

    use super::*;

    #[test]
    fn days_round_trip() {
        for days in [-719_468, -1, 0, 1, 16_177, 16_435, 2_932_896] {
            let d = Date::from_days(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        let mut buf = [0u8; 10];
        assert_eq!(
            Date::from_days(16_177).write_iso(&mut buf),
            Some("2014-04-17")
        );
    }

    #[test]
    fn real_dates_parse() {
        assert_eq!(Date::parse("2014-04-17").unwrap().to_string(), "2014-04-17");
        assert!(Date::parse("2016-02-29").is_ok());
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2014-02-30",
            "2014-13-01",
            "2023-02-29",
            "01/02/2014",
            "2014-4-1",
            "",
            "2014-00-10",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn day_counts() {
        let a = Date::parse("2014-09-01").unwrap();
        let b = Date::parse("2014-09-30").unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 29);
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn months_run_across_years() {
        let m = Month::parse("2014-11").unwrap();
        let months = m.through(Month::parse("2015-02").unwrap());
        let text: Vec<String> = months.iter().map(|m| m.to_string()).collect();
        assert_eq!(text, ["2014-11", "2014-12", "2015-01", "2015-02"]);
        assert_eq!(m.label(), "Nov 2014");
    }
    #[test]
    fn calendar_periods_go_both_ways() {
        for label in ["2014", "2014-H2", "2019-Q1", "2022-12", "2023-01"] {
            let (per_year, i) = calendar_period(label).unwrap();
            assert_eq!(calendar_period_label(per_year, i), label);
        }
        assert_eq!(
            calendar_period("2019-H2").unwrap().1 + 1,
            calendar_period("2020-H1").unwrap().1
        );
        for not in [
            "2014-H3",
            "2014-Q0",
            "2014-13",
            "2014-00",
            "14-H1",
            "2014-09-01..2014-10-15",
        ] {
            assert_eq!(calendar_period(not), None, "{not}");
        }
    }
}
