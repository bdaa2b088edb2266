//! One proposed observation row per figure: its value and qualifier, unit and basis
//! from its kind, the period the text states, the clause as its quote, metric,
//! authority and region, and a note that says what was guessed; then the rows as the
//! 17 columns of the observation table, with unique ids.

use crate::dataset::{Against, Basis, Date, Qualifier, OBSERVATION_COLUMNS};

use super::kind::{self, Compared, Kind};
use super::numbers::Figure;
use super::text::Span;
use super::{place, Options, RowWhen};

/// A proposed observation row.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub date: Date,
    pub period: Option<(Date, Date)>,
    pub authority: String,
    pub region: String,
    pub metric: String,
    /// The entities a count names ("Acme; Globex; Initech"), else empty.
    pub entity: String,
    pub value: String,
    pub value_max: Option<String>,
    pub qualifier: Qualifier,
    pub unit: &'static str,
    pub basis: Basis,
    pub kind: Kind,
    pub quote: String,
    pub source: String,
    pub note: String,
    /// Byte offset of the number in the text.
    pub at: usize,
}

/// The row of `figure` in clause `clause` of the sentence `sentence`; `Err(at)` when
/// nothing gives it a date.
pub fn propose(
    text: &str,
    sentence: Span,
    clause: Span,
    figure: &Figure,
    when: &RowWhen,
    options: &Options,
) -> Result<Proposal, usize> {
    let clause_text = &text[clause.0..clause.1];
    let reading = kind::read(clause_text, clause.0, figure, options.lang);
    let mut guessed: Vec<String> = Vec::new();
    let stated = when.period;
    let date = match (when.day, when.published, stated.and_then(|p| p.end)) {
        (Some(d), _, _) | (None, Some(d), _) => d,
        (None, None, Some(end)) => {
            guessed.push("date: the end of the stated period (no publication date)".into());
            end
        }
        _ => return Err(figure.span.0),
    };
    let sentence_text = &text[sentence.0..sentence.1];
    let local = (figure.span.0 - clause.0, figure.span.1 - clause.0);
    let (metric, metric_guessed) = options.metrics.metric_of(
        clause_text,
        local,
        reading.kind,
        sentence_text,
        options.lang,
    );
    if metric_guessed {
        guessed.push(format!("metric '{metric}'"));
    }
    let mut period = match stated {
        Some(p) => match (p.start, p.end) {
            (Some(s), Some(e)) => Some((s, e)),
            (Some(s), None) if s <= date => Some((s, date)),
            (None, Some(e)) => {
                guessed.push(format!(
                    "covers the time up to {e}; the text gives no start"
                ));
                None
            }
            _ => None,
        },
        None => None,
    };
    if let Some((_, e)) = period.filter(|(_, e)| *e > date) {
        guessed.push(format!(
            "the stated period ends on {e}, after the date; left out"
        ));
        period = None;
    }
    let cumulative = stated.is_some_and(|p| p.cumulative);
    let basis = match reading.kind {
        Kind::Share => Basis::Share,
        Kind::Change { compared, .. } => Basis::Change(match compared {
            Compared::SameMonthLastYear => Against::PreviousYear,
            _ => Against::PreviousPeriod,
        }),
        Kind::Rate => Basis::Rate,
        _ if cumulative => Basis::Cumulative,
        _ if period.is_some() => Basis::Period,
        _ => {
            guessed.push("basis 'event': the text states no period".into());
            Basis::Event
        }
    };
    if let Kind::Change { down, compared } = reading.kind {
        guessed.push(change_note(down, compared, period));
    }
    // A fall is a negative change: "下降3至5%" is -5 to -3.
    let (value, value_max) = match reading.kind {
        Kind::Change { down: true, .. } => match &figure.value_max {
            Some(max) => (format!("-{max}"), Some(format!("-{}", figure.value))),
            None => (format!("-{}", figure.value), None),
        },
        _ => (figure.value.clone(), figure.value_max.clone()),
    };
    let authority = place::authority(sentence_text, figure.span.0 - sentence.0).unwrap_or_default();
    let region = [clause_text, authority.as_str(), sentence_text]
        .iter()
        .map(|t| place::region(t))
        .find(|r| r != "national")
        .unwrap_or_else(|| "national".into());
    Ok(Proposal {
        date,
        period,
        authority,
        region,
        metric,
        entity: String::new(),
        value,
        value_max,
        qualifier: figure.qualifier,
        unit: reading.unit,
        basis,
        kind: reading.kind,
        quote: clause_text.to_string(),
        source: options.source.clone(),
        note: if guessed.is_empty() {
            String::new()
        } else {
            format!("extract guessed: {}", guessed.join("; "))
        },
        at: figure.span.0,
    })
}

/// The note of a stated change: its sign and the period it compares with, as the
/// basis and the period of the row say it; what the text leaves out, guessed.
fn change_note(down: bool, compared: Compared, period: Option<(Date, Date)>) -> String {
    let sign = if down { "down" } else { "up" };
    let (against, words) = match compared {
        Compared::PreviousMonth => (Against::PreviousPeriod, " on the period before"),
        Compared::SameMonthLastYear => (Against::PreviousYear, " on a year before"),
        Compared::Unstated => (
            Against::PreviousPeriod,
            " on the period before (the text names no comparison; basis change_previous_year if it is a year before)",
        ),
    };
    match period.and_then(|(s, e)| against.compared_span(s, e)) {
        Some((s, e)) => format!(
            "a change, {sign}{words}: against {}",
            crate::values::calendar::period_label(s, e)
        ),
        None => format!("a change, {sign}{words}; the text states no span for the figure that changed: set period_start and period_end"),
    }
}

/// The id of each row: `metric_YYYYMMDD`, with `_2`, `_3` ... for the next ones.
pub fn ids(rows: &[Proposal]) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    rows.iter()
        .map(|r| {
            let base = format!(
                "{}_{:04}{:02}{:02}",
                r.metric, r.date.year, r.date.month, r.date.day
            );
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}_{n}")
            }
        })
        .collect()
}

/// The rows as the 17 columns of the observation table (header first), and an
/// extra `kind` column when `with_kind`.
pub fn table(rows: &[Proposal], with_kind: bool) -> Vec<Vec<String>> {
    let mut header: Vec<String> = OBSERVATION_COLUMNS.iter().map(|c| c.to_string()).collect();
    if with_kind {
        header.push("kind".into());
    }
    let mut out = vec![header];
    for (r, id) in rows.iter().zip(ids(rows)) {
        let (ps, pe) = r.period.map_or((String::new(), String::new()), |(s, e)| {
            (s.to_string(), e.to_string())
        });
        let mut cells = vec![
            id,
            r.date.to_string(),
            ps,
            pe,
            r.authority.clone(),
            r.region.clone(),
            r.metric.clone(),
            String::new(),
            r.entity.clone(),
            r.value.clone(),
            r.value_max.clone().unwrap_or_default(),
            r.qualifier.as_str().to_string(),
            r.unit.to_string(),
            r.basis.as_str().to_string(),
            r.quote.clone(),
            r.source.clone(),
            r.note.clone(),
        ];
        if with_kind {
            cells.push(r.kind.as_str().to_string());
        }
        out.push(cells);
    }
    out
}
