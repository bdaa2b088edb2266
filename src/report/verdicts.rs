//! A verdict that does not hold, in plain words first, for a reader: what was said,
//! what the other figures give, and why that is a tension or a contradiction
//! ("The claim of 3 Jun 2014, “more than 85% of ...”, is not borne out by the
//! breakdown of Sep 2014: 70.0%. Different periods: a tension, not a
//! contradiction."). The comparison's details follow it in the report.

use crate::dataset::{Dataset, Observation};
use crate::reconcile::{span, DerivedCheck, Differs, Verdict};
use crate::words::Lang;

/// The plain sentences of a check that does not hold: its lead, then what the
/// verdict rests on. `None` for a check that holds.
pub(super) fn lead(ds: &Dataset, c: &DerivedCheck, lang: Lang) -> Option<String> {
    if c.verdict == Verdict::Holds {
        return None;
    }
    let first = c.ids.first().and_then(|id| ds.find(id))?;
    let last = c.ids.last().and_then(|id| ds.find(id))?;
    let contradicted = c.verdict == Verdict::Contradicts;
    let verb = match (contradicted, lang) {
        (true, Lang::En) => "is contradicted by",
        (false, Lang::En) => "is not borne out by",
        (true, Lang::Zh) => "与",
        (false, Lang::Zh) => "得不到",
    };
    let said = |o: &Observation| match lang {
        Lang::En => format!("“{}” ({})", o.quote, when(o, lang)),
        Lang::Zh => format!("{}的“{}”", when(o, lang), o.quote),
    };
    // What the other figures give, before its working ("70.0% = 28,159 / 40,217").
    let computed = match lang {
        Lang::Zh if !c.zh[0].is_empty() => c.zh[0].as_str(),
        _ => c.computed.as_str(),
    };
    let result = computed.split(" = ").next().unwrap_or(computed);
    let lead = match (c.check, lang) {
        ("share_claim" | "rate_claim", Lang::En) => format!(
            "The claim of {}, “{}”, {verb} the {} of {}: {result}.",
            lang.date(first.date),
            first.quote,
            if c.check == "share_claim" {
                "breakdown"
            } else {
                "total"
            },
            when(last, lang),
        ),
        ("share_claim" | "rate_claim", Lang::Zh) => format!(
            "{}的说法“{}”{verb}{}的{}{}：{result}。",
            lang.date(first.date),
            first.quote,
            when(last, lang),
            if c.check == "share_claim" {
                "分项"
            } else {
                "总数"
            },
            if contradicted {
                "相矛盾"
            } else {
                "的支持"
            },
        ),
        ("declared_rule", _) => {
            let name = c.subject.split_once(": ").map_or("", |(n, _)| n);
            let rule = ds.rules.iter().find(|r| r.name == name)?;
            let why = if rule.why.is_empty() {
                String::new()
            } else {
                lang.pick(
                    format!(" ({})", rule.why).as_str(),
                    format!("（{}）", rule.why).as_str(),
                )
                .to_string()
            };
            match lang {
                Lang::En => format!(
                    "The package's rule '{name}'{why} does not hold between {} and {}: {}.",
                    said(first),
                    said(last),
                    computed
                ),
                Lang::Zh => format!(
                    "数据包的规则“{name}”{why}在{}与{}之间不成立：{}。",
                    said(first),
                    said(last),
                    computed
                ),
            }
        }
        (_, Lang::En) => sentence(&c.explanation, lang),
        // The other checks' own words in Chinese are the findings' as they stand.
        (_, Lang::Zh) => return None,
    };
    let tail = if restates(c) {
        String::new()
    } else {
        let exact = c.check == "declared_rule";
        why_verdict(Differs::of(first, last, exact), contradicted, lang)
    };
    Some(if tail.is_empty() {
        lead
    } else {
        format!("{lead}{}{tail}", lang.pick(" ", ""))
    })
}

/// Whether the lead of `c` is its explanation as it stands (the checks whose
/// explanation is already a plain sentence).
pub(super) fn restates(c: &DerivedCheck) -> bool {
    !matches!(c.check, "share_claim" | "rate_claim" | "declared_rule")
}

/// Why the verdict is a tension and not a contradiction, or is a contradiction.
fn why_verdict(d: Differs, contradicted: bool, lang: Lang) -> String {
    if contradicted {
        return lang
            .pick(
                "The same period, region and body: a contradiction.",
                "期间、地区和机构均相同：这是矛盾。",
            )
            .to_string();
    }
    let words: Vec<&str> = [
        (d.period, lang.pick("periods", "期间")),
        (d.region, lang.pick("regions", "地区")),
        (d.body, lang.pick("bodies", "机构")),
    ]
    .into_iter()
    .filter_map(|(differs, w)| differs.then_some(w))
    .collect();
    match lang {
        Lang::En => {
            let list = match words.as_slice() {
                [] => return String::new(),
                [a] => a.to_string(),
                [a, b] => format!("{a} and {b}"),
                [a @ .., b] => format!("{} and {b}", a.join(", ")),
            };
            format!("Different {list}: a tension, not a contradiction.")
        }
        Lang::Zh if words.is_empty() => String::new(),
        Lang::Zh => format!("{}不同：是张力，不是矛盾。", words.join("、")),
    }
}

/// The day or span a figure covers, in words: `3 Jun 2014`, `Sep 2014` for a whole
/// month, `1 Apr 2014 to 30 Apr 2014`.
fn when(o: &Observation, lang: Lang) -> String {
    let (start, end) = span(o);
    if start == end {
        return lang.date(start);
    }
    if start == start.month().first_day() && end == start.month().last_day() {
        return lang.month_year(start.month());
    }
    match lang {
        Lang::En => format!("{} to {}", lang.date(start), lang.date(end)),
        Lang::Zh => format!("{}至{}", lang.date(start), lang.date(end)),
    }
}

/// A check's explanation as a sentence of its own.
fn sentence(text: &str, lang: Lang) -> String {
    let mut chars = text.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}{}", chars.as_str(), lang.pick(".", "。"))
}
