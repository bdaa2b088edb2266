//! The tool's own words in each language it writes, and the names a package gives
//! its dataset, metrics, categories and regions (`cleanweb:titles`). English is the
//! default; `--lang zh` writes Chinese: 未公布 for "not reported", months as 4月 and
//! dates as 2014年4月25日.

pub mod catalogue;

use std::collections::BTreeMap;

pub use fluent_bundle::{FluentArgs, FluentValue};

use crate::dataset::{Date, Dimension, Month};
use catalogue::Catalogue;

/// Message `$id` of `$lang`'s catalogue with the variables given as `name = value`
/// (text, or a number where the message chooses a plural form by it):
/// `say!(lang, "source", what = "the ministry")`.
#[macro_export]
macro_rules! say {
    ($lang:expr, $id:expr $(, $k:ident = $v:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = $crate::words::FluentArgs::new();
        $( args.set(stringify!($k), $crate::words::FluentValue::from($v)); )*
        $lang.say($id, &args)
    }};
}

/// A language the charts and the report are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language's code, as `cleanweb:titles` and HTML's `lang` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// One phrase in this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    fn catalogue(self) -> &'static Catalogue {
        catalogue::built_in(self.code()).expect("every language has a catalogue compiled in")
    }

    /// Message `id` of this language's catalogue, with no variables.
    pub fn t(self, id: &str) -> String {
        self.say(id, &FluentArgs::new())
    }

    /// Message `id` with `args` ([`say!`] builds them): from this language's
    /// catalogue, else from English, else the id itself.
    pub fn say(self, id: &str, args: &FluentArgs) -> String {
        self.catalogue()
            .format(id, Some(args))
            .or_else(|| catalogue::built_in("en")?.format(id, Some(args)))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn not_reported(self) -> String {
        self.t("not-reported")
    }

    /// A month under a column: `Apr`, `4月`.
    pub fn month_name(self, m: Month) -> String {
        say!(self, "month-short", month = m.month)
    }

    /// A year under the first month: `2014`, `2014年`.
    pub fn year(self, year: i32) -> String {
        say!(self, "year", year = year.to_string())
    }

    /// `Apr 2014`, `2014年4月`.
    pub fn month_year(self, m: Month) -> String {
        say!(
            self,
            "month-year",
            month = m.month,
            year = m.year.to_string()
        )
    }

    /// `25 Apr`, `4月25日`.
    pub fn day_month(self, d: Date) -> String {
        say!(self, "day-month", month = d.month, day = d.day)
    }

    /// `25 Apr 2014`, `2014年4月25日`.
    pub fn date(self, d: Date) -> String {
        say!(
            self,
            "date",
            month = d.month,
            day = d.day,
            year = d.year.to_string()
        )
    }

    /// The sentence every chart's footer carries.
    pub fn honesty(self) -> String {
        self.t("honesty")
    }

    /// `Source: X.`, `来源：X。`.
    pub fn source(self, what: &str) -> String {
        say!(self, "source", what = what)
    }

    /// An interval in words: `1,222`, `about 1,222`, `4,800 or more`, `at most 9`,
    /// `20,000 to 50,000`; `4,800以上`, `约1,222`, `至多9`, `20,000至50,000`.
    pub fn amount(self, v: &crate::interval::Interval, approx: bool) -> String {
        use crate::interval::amount as thousands;
        let approx = if approx { "yes" } else { "no" };
        match (v.low, v.high) {
            (Some(l), Some(h)) if l == h => {
                say!(self, "amount-exact", approx = approx, low = thousands(l))
            }
            (Some(l), None) => say!(self, "amount-at-least", approx = approx, low = thousands(l)),
            (None, Some(h)) => say!(self, "amount-at-most", high = thousands(h)),
            (Some(l), Some(h)) => say!(
                self,
                "amount-range",
                approx = approx,
                low = thousands(l),
                high = thousands(h)
            ),
            (None, None) => self.t("amount-unknown"),
        }
    }

    /// Items joined: `a; b`, `a；b`.
    pub fn join(self, parts: &[String]) -> String {
        parts.join(&self.t("list-separator"))
    }
}

/// The names a package gives, by kind (`dataset`, `dimension`, `metric`, `category`,
/// `region`, `authority`, `entity`), key and language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Titles {
    /// (kind, key) -> language -> name; the dataset's key is "".
    names: BTreeMap<(String, String), BTreeMap<String, String>>,
}

impl Titles {
    /// The names of `key` of `kind` by language (`cleanweb:titles`); the dataset's
    /// key is "".
    pub fn insert(&mut self, kind: &str, key: &str, names: BTreeMap<String, String>) {
        self.names
            .insert((kind.to_string(), key.to_string()), names);
    }

    /// The name of `key` of `kind` in `lang`, when the package gives one.
    pub fn get(&self, kind: &str, key: &str, lang: Lang) -> Option<&str> {
        self.names
            .get(&(kind.to_string(), key.to_string()))
            .and_then(|n| n.get(lang.code()))
            .map(String::as_str)
    }

    /// The name of a key of a dimension, when the package gives one.
    pub fn of_key(&self, dim: Dimension, key: &str, lang: Lang) -> Option<&str> {
        let kind = match dim {
            Dimension::Category => "category",
            Dimension::Region => "region",
            Dimension::Authority => "authority",
            Dimension::Entity => "entity",
            Dimension::Metric => "metric",
            _ => return None,
        };
        self.get(kind, key, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates_and_months() {
        let d = Date::parse("2014-04-25").unwrap();
        assert_eq!(Lang::Zh.date(d), "2014年4月25日");
        assert_eq!(Lang::En.date(d), "25 Apr 2014");
        assert_eq!(Lang::Zh.month_name(d.month()), "4月");
        assert_eq!(Lang::Zh.month_year(d.month()), "2014年4月");
        assert_eq!(Lang::Zh.not_reported(), "未公布");
    }
}
