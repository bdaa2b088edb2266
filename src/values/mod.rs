//! Values every room may use: exact decimals as written ([`decimal`]), intervals of
//! them ([`interval`]), the calendar ([`calendar`]), the numbers a text states
//! ([`prose`]), and how a published number relates to the truth ([`Qualifier`]).
//! Nothing here knows a package, a table or a language.

pub mod calendar;
pub mod decimal;
pub mod interval;
pub mod prose;

/// How a published number relates to the truth it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualifier {
    Exact,
    /// "more than": `[value, unbounded)`.
    AtLeast,
    /// "up to": `[0, value]`.
    AtMost,
    /// "about": kept as `[value, value]` and marked approximate everywhere.
    Approx,
    /// "from X to Y": `[value, value_max]`.
    Range,
    /// A figure that exists but whose value is not published (a `?` in a row that
    /// exists): `[value, unbounded)`, where `value` is the floor its marker gives
    /// (0 unless the mapping says more). Counted and summed, never dropped.
    Unknown,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Qualifier::Exact,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::Approx,
        Qualifier::Range,
        Qualifier::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Approx => "approx",
            Qualifier::Range => "range",
            Qualifier::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == text)
    }
}

/// Cuts user text for an error message so that a megabyte of junk stays readable.
pub fn short(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}...")
    }
}
