//! The tool's own words in each language it writes, and the names a package gives
//! its dataset, metrics, categories and regions (`cleanweb:titles`). English is the
//! default; `--lang zh` writes Chinese: 未公布 for "not reported", months as 4月 and
//! dates as 2014年4月25日.

use std::collections::BTreeMap;

use crate::dataset::{Date, Dimension, Month};

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

    pub fn not_reported(self) -> &'static str {
        self.pick("not reported", "未公布")
    }

    /// A month under a column: `Apr`, `4月`.
    pub fn month_name(self, m: Month) -> String {
        match self {
            Lang::En => m.name().to_string(),
            Lang::Zh => format!("{}月", m.month),
        }
    }

    /// A year under the first month: `2014`, `2014年`.
    pub fn year(self, year: i32) -> String {
        match self {
            Lang::En => year.to_string(),
            Lang::Zh => format!("{year}年"),
        }
    }

    /// `Apr 2014`, `2014年4月`.
    pub fn month_year(self, m: Month) -> String {
        match self {
            Lang::En => m.label(),
            Lang::Zh => format!("{}年{}月", m.year, m.month),
        }
    }

    /// `25 Apr`, `4月25日`.
    pub fn day_month(self, d: Date) -> String {
        match self {
            Lang::En => format!("{} {}", d.day, d.month().name()),
            Lang::Zh => format!("{}月{}日", d.month, d.day),
        }
    }

    /// `25 Apr 2014`, `2014年4月25日`.
    pub fn date(self, d: Date) -> String {
        match self {
            Lang::En => format!("{} {} {}", d.day, d.month().name(), d.year),
            Lang::Zh => format!("{}年{}月{}日", d.year, d.month, d.day),
        }
    }

    /// The sentence every chart's footer carries.
    pub fn honesty(self) -> &'static str {
        self.pick(
            crate::chart::HONESTY_NOTE,
            "数据按公布原文；“以上”“逾”等数字按下限绘制。",
        )
    }

    /// `Source: X.`, `来源：X。`.
    pub fn source(self, what: &str) -> String {
        match self {
            Lang::En => format!("Source: {what}."),
            Lang::Zh => format!("来源：{what}。"),
        }
    }

    /// An interval in words: `1,222`, `about 1,222`, `4,800 or more`, `at most 9`,
    /// `20,000 to 50,000`; `4,800以上`, `约1,222`, `至多9`, `20,000至50,000`.
    pub fn amount(self, v: &crate::interval::Interval, approx: bool) -> String {
        use crate::interval::amount as thousands;
        let about = if approx {
            self.pick("about ", "约")
        } else {
            ""
        };
        match (v.low, v.high, self) {
            (Some(l), Some(h), _) if l == h => format!("{about}{}", thousands(l)),
            (Some(l), None, Lang::En) => format!("{about}{} or more", thousands(l)),
            (Some(l), None, Lang::Zh) => format!("{about}{}以上", thousands(l)),
            (None, Some(h), Lang::En) => format!("at most {}", thousands(h)),
            (None, Some(h), Lang::Zh) => format!("至多{}", thousands(h)),
            (Some(l), Some(h), Lang::En) => {
                format!("{about}{} to {}", thousands(l), thousands(h))
            }
            (Some(l), Some(h), Lang::Zh) => format!("{about}{}至{}", thousands(l), thousands(h)),
            (None, None, _) => self.pick("unknown", "未知").into(),
        }
    }

    /// Items joined: `a; b`, `a；b`.
    pub fn join(self, parts: &[String]) -> String {
        parts.join(self.pick("; ", "；"))
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
