//! The tool's own words in each language it writes, and the names a package gives
//! its dataset, metrics, categories and regions (`cleanweb:titles`). English is the
//! default; `--lang zh` writes Chinese: 未公布 for "not reported", months as 4月 and
//! dates as 2014年4月25日.

pub mod catalogue;

pub use fluent_bundle::{FluentArgs, FluentValue};

use crate::values::calendar::{Date, Month};
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

/// A yes-or-no fact as the catalogues select on it (`{ $approx -> [yes] ... }`).
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A language the charts and the report are written in: its catalogue. English
/// is the default; `zh` is compiled in beside it, and `--lang CODE` also finds
/// `CODE.ftl` in the folder the environment variable `CLEANWEB_CATALOGUES` names,
/// so that a language is one file.
#[derive(Clone, Copy)]
pub struct Lang(&'static Catalogue);

impl Default for Lang {
    fn default() -> Self {
        Lang(catalogue::built_in("en").expect("English is compiled in"))
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Lang {}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(code: &str) -> Result<Lang, String> {
        Lang::parse(code)
    }
}

impl Lang {
    /// The language of `code`: a catalogue compiled in, else `CODE.ftl` in the
    /// folder `CLEANWEB_CATALOGUES` names.
    pub fn parse(code: &str) -> Result<Lang, String> {
        if let Some(c) = catalogue::built_in(code) {
            return Ok(Lang(c));
        }
        catalogue::from_folder(code).map(Lang)
    }

    /// The language's code, as `cleanweb:titles` and HTML's `lang` write it.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    fn catalogue(self) -> &'static Catalogue {
        self.0
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
    pub fn amount(self, v: &crate::values::interval::Interval, approx: bool) -> String {
        use crate::values::interval::amount as thousands;
        let approx = yes_no(approx);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates_and_months() {
        let d = Date::parse("2014-04-25").unwrap();
        let zh = Lang::parse("zh").unwrap();
        assert_eq!(zh.date(d), "2014年4月25日");
        assert_eq!(Lang::default().date(d), "25 Apr 2014");
        assert_eq!(zh.month_name(d.month()), "4月");
        assert_eq!(zh.month_year(d.month()), "2014年4月");
        assert_eq!(zh.not_reported(), "未公布");
        let err = Lang::parse("xx").unwrap_err();
        assert!(err.contains("'xx'") && err.contains("en, zh"), "{err}");
    }
}
