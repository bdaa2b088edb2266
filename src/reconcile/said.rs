//! What a check found, kept as facts and worded only where it is shown: a message
//! of the catalogue (`check-...`) with its values, the dates, amounts and nested
//! words among them worded in the reader's language.

use crate::dataset::Date;
use crate::values::interval::Interval;
use crate::words::{FluentArgs, FluentValue, Lang};

/// One value a message words: data as it stands (ids, names, numbers as written),
/// a count a message may choose a plural form by, a day, a span of days, an amount,
/// a list, or words of their own.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Text(String),
    Count(i64),
    Day(Date),
    /// The first and last day; one day when they are the same.
    Span(Date, Date),
    Amount(Interval),
    List(Vec<Fact>),
    /// Facts one after the other with a message's words between each two: running
    /// totals in the order announced, joined by `check-then`.
    Joined(Vec<Fact>, Msg),
    Said(Box<Said>),
}

impl Fact {
    /// The fact in `lang`'s words.
    pub fn word(&self, lang: Lang) -> String {
        match self {
            Fact::Text(s) => s.clone(),
            Fact::Count(n) => n.to_string(),
            Fact::Day(d) => crate::say!(
                lang,
                "check-day",
                iso = d.to_string(),
                year = d.year.to_string(),
                month = d.month,
                day = d.day
            ),
            Fact::Span(a, b) if a == b => Fact::Day(*a).word(lang),
            Fact::Span(a, b) => crate::say!(
                lang,
                "check-span",
                from = Fact::Day(*a).word(lang),
                to = Fact::Day(*b).word(lang)
            ),
            Fact::Amount(i) => lang.amount(i, false),
            Fact::List(items) => joined(items, Msg("list-comma"), lang),
            Fact::Joined(items, between) => joined(items, *between, lang),
            Fact::Said(s) => s.word(lang),
        }
    }

    /// The message, when the fact is one.
    pub fn said(&self) -> Option<&Said> {
        match self {
            Fact::Said(s) => Some(s),
            _ => None,
        }
    }
}

/// `items` in `lang`'s words with the words of `between` between each two.
fn joined(items: &[Fact], between: Msg, lang: Lang) -> String {
    let words: Vec<String> = items.iter().map(|f| f.word(lang)).collect();
    words.join(&lang.t(between.0))
}

impl From<&str> for Fact {
    fn from(s: &str) -> Fact {
        Fact::Text(s.to_string())
    }
}
impl From<String> for Fact {
    fn from(s: String) -> Fact {
        Fact::Text(s)
    }
}
impl From<&String> for Fact {
    fn from(s: &String) -> Fact {
        Fact::Text(s.clone())
    }
}
impl From<Date> for Fact {
    fn from(d: Date) -> Fact {
        Fact::Day(d)
    }
}
impl From<Interval> for Fact {
    fn from(i: Interval) -> Fact {
        Fact::Amount(i)
    }
}
impl From<Said> for Fact {
    fn from(s: Said) -> Fact {
        Fact::Said(Box::new(s))
    }
}

/// A message of the catalogue, named: `Msg("check-...").with("n", 3)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg(pub &'static str);

impl Msg {
    /// The message with no values.
    pub fn said(self) -> Said {
        Said {
            id: self.0,
            facts: Vec::new(),
        }
    }

    /// The message with its first value.
    pub fn with(self, name: &'static str, fact: impl Into<Fact>) -> Said {
        self.said().with(name, fact)
    }
}

/// A message and its values, worded when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub id: &'static str,
    pub facts: Vec<(&'static str, Fact)>,
}

impl Said {
    /// The message with one more value.
    pub fn with(mut self, name: &'static str, fact: impl Into<Fact>) -> Said {
        self.facts.push((name, fact.into()));
        self
    }

    /// The value called `name`, if the message has one.
    pub fn fact(&self, name: &str) -> Option<&Fact> {
        self.facts.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }

    /// The message in `lang`'s words.
    pub fn word(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (name, fact) in &self.facts {
            let value = match fact {
                Fact::Count(n) => FluentValue::from(*n),
                f => FluentValue::from(f.word(lang)),
            };
            args.set(*name, value);
        }
        lang.say(self.id, &args)
    }
}

/// Messages in `lang`'s words, one after the other: `a; b`, `a；b`.
pub fn word_all(parts: &[Said], lang: Lang) -> String {
    let words: Vec<String> = parts.iter().map(|p| p.word(lang)).collect();
    lang.join(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_worded_in_each_language_and_data_is_left_alone() {
        let d = Date::parse("2031-06-03").unwrap();
        let e = Date::parse("2031-09-30").unwrap();
        let compared = [
            Msg("check-period-differs")
                .with("span", Fact::Span(d, d))
                .with("of", Fact::Span(d, e)),
            Msg("check-region").with("region", "national"),
            Msg("check-body-differs")
                .with("a", "Office against Fraud")
                .with("b", "Bureau"),
        ];
        assert_eq!(
            word_all(&compared, Lang::default()),
            "period differs: 2031-06-03 against 2031-06-03..2031-09-30; region: national; body differs: Office against Fraud against Bureau"
        );
        let zh: Lang = Lang::parse("zh").unwrap();
        assert_eq!(
            word_all(&compared, zh),
            "期间不同：2031年6月3日与2031年6月3日至2031年9月30日；地区：全国；机构不同：Office against Fraud与Bureau"
        );
        let open = Interval::new(Some(5_000 * crate::values::decimal::ONE), None);
        assert_eq!(Fact::Amount(open).word(zh), "5,000以上");
        assert_eq!(Fact::Amount(open).word(Lang::default()), "5,000 or more");
    }

    #[test]
    fn running_totals_are_joined_in_each_language() {
        let d = Date::parse("2031-06-03").unwrap();
        let on = |n: i128| -> Fact {
            Msg("check-claimed-on")
                .with(
                    "amount",
                    Interval::new(Some(n * crate::values::decimal::ONE), None),
                )
                .with("day", d)
                .into()
        };
        let trail = Fact::Joined(vec![on(3), on(5)], Msg("check-then"));
        assert_eq!(
            trail.word(Lang::default()),
            "3 or more (2031-06-03) -> 5 or more (2031-06-03)"
        );
        assert_eq!(
            trail.word(Lang::parse("zh").unwrap()),
            "3以上（2031年6月3日） → 5以上（2031年6月3日）"
        );
    }
}
