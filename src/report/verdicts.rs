//! A verdict that does not hold, in plain words first, for a reader: what was said,
//! what the other figures give, and why that is a tension or a contradiction
//! ("The claim of 3 Jun 2014, “more than 85% of ...”, is not borne out by the
//! breakdown of Sep 2014: 70.0%. Different periods: a tension, not a
//! contradiction."). The comparison's details follow it in the report.

use crate::dataset::{Dataset, Observation};
use crate::reconcile::{span, DerivedCheck, Differs, Fact, Verdict};
use crate::say;
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
    let how = if contradicted {
        "contradicts"
    } else {
        "tension"
    };
    let said = |o: &Observation| {
        say!(
            lang,
            "check-said",
            quote = o.quote.as_str(),
            when = when(o, lang)
        )
    };
    let lead = match c.check {
        "share_claim" | "rate_claim" => {
            // What the other figures give, without its working ("70.0%", not
            // "70.0% = 28,159 / 40,217").
            let result = c
                .computed
                .first()
                .and_then(|s| s.fact("result"))
                .map_or_else(|| c.computed_in(lang), |f| f.word(lang));
            say!(
                lang,
                "check-lead-claim",
                day = lang.date(first.date),
                quote = first.quote.as_str(),
                how = how,
                what = if c.check == "share_claim" {
                    "share"
                } else {
                    "rate"
                },
                when = when(last, lang),
                result = result
            )
        }
        "declared_rule" => {
            let Some(Fact::Text(name)) = c.subject.said().and_then(|s| s.fact("name")) else {
                return None;
            };
            let rule = ds.rules.iter().find(|r| &r.name == name)?;
            say!(
                lang,
                "check-lead-rule",
                name = name.as_str(),
                why = crate::reconcile::why(&rule.why).word(lang),
                a = said(first),
                b = said(last),
                computed = c.computed_in(lang)
            )
        }
        _ => sentence(&c.explanation_in(lang), lang),
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
        say!(lang, "check-lead-tail", lead = lead, tail = tail)
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
        return lang.t("check-why-contradiction");
    }
    let words: Vec<String> = [
        (d.period, "check-differ-periods"),
        (d.region, "check-differ-regions"),
        (d.body, "check-differ-bodies"),
    ]
    .into_iter()
    .filter(|(differs, _)| *differs)
    .map(|(_, id)| lang.t(id))
    .collect();
    let list = match words.as_slice() {
        [] => return String::new(),
        [a] => a.clone(),
        [a @ .., b] => say!(
            lang,
            "check-and",
            a = a.join(&lang.t("list-comma")),
            b = b.as_str()
        ),
    };
    say!(lang, "check-why-tension", list = list)
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
    say!(
        lang,
        "check-from-to",
        from = lang.date(start),
        to = lang.date(end)
    )
}

/// A check's explanation as a sentence of its own.
fn sentence(text: &str, lang: Lang) -> String {
    let mut chars = text.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    say!(
        lang,
        "check-lead-plain",
        explanation = format!("{first}{}", chars.as_str())
    )
}
