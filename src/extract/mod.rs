//! `cleanweb extract`: from a bulletin's prose (text or HTML, English or Chinese) to
//! proposed observation rows, one per published figure, each with its verbatim
//! quote, and proposed relations between a total and its parts. Rules and word
//! tables only, so the same text gives the same rows. Numbers and their qualifiers
//! are read by the reader `validate --source-text` checks quotes with
//! ([`crate::values::prose`]), so a proposal states its value as `validate` reads it.

pub mod kind;
pub mod metrics;
pub mod named;
pub mod numbers;
pub mod period;
pub mod place;
pub mod relations;
pub mod rows;
pub mod text;

use crate::dataset::{Basis, Date, RelationKind};

use kind::Kind;
use metrics::Metrics;
pub use rows::Proposal;

/// The script of a text, which says which word tables read it (`--lang`): its
/// words, not the language the tool writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Script {
    // English words, written in ASCII.
    #[default]
    En,
    // Chinese words, written in Han characters.
    Zh,
}

/// What the command line tells the extractor.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language whose words are read (`--lang`, else [`guess_language`]).
    pub lang: Script,
    /// The day the text was published (`--date`); else a dateline of the text.
    pub date: Option<Date>,
    pub metrics: Metrics,
    /// The name of the source in the package the rows cite.
    pub source: String,
}

/// The proposals of one text.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub rows: Vec<Proposal>,
    /// `(total row, part row, kind)`, indexes into `rows`.
    pub relations: Vec<(usize, usize, RelationKind)>,
}

/// Why a text gave no draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// A figure at this line and column has no date: the text states none and no
    /// `--date` was given.
    NoDate { line: usize, column: usize },
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::NoDate { line, column } => write!(
                f,
                "{line}:{column}: field 'date': the text states no date for this figure; give the day it was published with --date YYYY-MM-DD"
            ),
        }
    }
}

impl std::error::Error for ExtractError {}

/// The language of a text, for the word tables read in it: Chinese when it writes
/// at least one Han character for every three Latin letters, else English.
pub fn guess_language(text: &str) -> Script {
    let han = text
        .chars()
        .filter(|c| crate::values::prose::is_han(*c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if han * 3 >= latin && han > 0 {
        Script::Zh
    } else {
        Script::En
    }
}

/// Whether a word of the tables belongs to language `lang`: English words are
/// written in ASCII, Chinese ones are not.
pub fn in_language(word: &str, lang: Script) -> bool {
    word.is_ascii() == (lang == Script::En)
}

/// The line and column (1-based, in characters) of byte `at` of `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// What the sentences read so far say about when.
#[derive(Debug, Default)]
struct When {
    year: Option<i32>,
    day: Option<Date>,
    period: Option<period::Stated>,
}

/// The proposals for the text `text`.
pub fn extract(text: &str, options: &Options) -> Result<Draft, ExtractError> {
    let mut draft = Draft::default();
    let mut when = When {
        year: options
            .date
            .map(|d| d.year)
            .or_else(|| period::years(text).first().copied()),
        ..When::default()
    };
    // The row that a breakdown starting a sentence ("其中", "Among these") belongs to.
    let mut last_total: Option<usize> = None;
    for sentence in text::sentences(text) {
        let s = &text[sentence.span.0..sentence.span.1];
        if sentence.opens_paragraph {
            when.period = None;
        }
        if let Some(y) = period::years(s).first() {
            when.year = Some(*y);
        }
        let opening: String = s.chars().take(40).collect();
        if let Some(d) = period::day(&opening, when.year) {
            when.day = Some(d);
        }
        // "在X受理的举报中,...": the figures are counted among X's figure, and
        // take its period when the sentence states none.
        let among = relations::among_phrase(s).and_then(|phrase| {
            relations::named_in(phrase, &draft.rows, |r| &r.authority, |r| r.kind.additive())
        });
        let carried = match (period::stated(s, when.year), among) {
            (Some(p), _) => {
                when.period = Some(p);
                false
            }
            (None, Some(k)) => match draft.rows[k].period {
                Some((start, end)) => {
                    when.period = Some(period::Stated {
                        start: Some(start),
                        end: Some(end),
                        cumulative: false,
                    });
                    true
                }
                None => false,
            },
            (None, None) => false,
        };
        let first_row = draft.rows.len();
        let row_of = |clause: text::Span, figure: &numbers::Figure| {
            rows::propose(
                text,
                sentence.span,
                clause,
                figure,
                &when_of(&when, options),
                options,
            )
            .map_err(|at| {
                let (line, column) = line_column(text, at);
                ExtractError::NoDate { line, column }
            })
        };
        for &clause in &sentence.clauses {
            for figure in numbers::figures(text, clause, sentence.span.0) {
                let row = row_of(clause, &figure)?;
                draft.rows.push(changes_what_it_follows(&draft.rows, row));
            }
        }
        // Counts stated by naming, read over the whole sentence (a list of names
        // runs over its commas), from the clause where the count begins.
        if options.lang == Script::En {
            for named in named::counts(text, sentence.span) {
                let Some(&(start, end)) = sentence
                    .clauses
                    .iter()
                    .find(|c| c.0 <= named.span.0 && named.span.0 < c.1)
                else {
                    continue;
                };
                let row = row_of((start, end.max(named.span.1)), &named.figure())?;
                draft.rows.push(named.row(row, text));
            }
        }
        relate(&mut draft, s, sentence.span.0, first_row, &mut last_total);
        if let Some(k) = among {
            counted_among(&mut draft, k, first_row, carried);
        }
    }
    Ok(draft)
}

/// The figures of a sentence that opens by naming row `k`'s figure ("在X受理的举报
/// 中"): each count of its unit no larger than it, not yet a part of anything, is
/// proposed as a `partial` part of it; `carried` says the period is row `k`'s.
fn counted_among(draft: &mut Draft, k: usize, first_row: usize, carried: bool) {
    let total = relations::millionths(&draft.rows[k].value);
    let named = draft.rows[k].authority.clone();
    for row in first_row..draft.rows.len() {
        if carried {
            add_guess(
                &mut draft.rows[row],
                &format!("period: that of the figure of {named} the sentence opens with"),
            );
        }
        let r = &draft.rows[row];
        let fits = r.kind.additive()
            && r.unit == draft.rows[k].unit
            && relations::millionths(&r.value)
                .zip(total)
                .is_some_and(|(v, t)| v <= t);
        if fits && !draft.relations.iter().any(|&(_, p, _)| p == row) {
            draft.relations.push((k, row, RelationKind::Partial));
            add_guess(
                &mut draft.rows[row],
                &format!("a part of the figure of {named} the sentence opens with"),
            );
        }
    }
}

/// Adds `what` to the note of what extract guessed about `row`.
fn add_guess(row: &mut Proposal, what: &str) {
    row.note = if row.note.is_empty() {
        format!("extract guessed: {what}")
    } else {
        format!("{}; {what}", row.note)
    };
}

/// A change whose metric was only guessed takes the metric of the figure before it
/// (环比下降15.2% after 受理举报1120.5万件 is a change of the reports).
fn changes_what_it_follows(rows: &[Proposal], mut row: Proposal) -> Proposal {
    let guessed = format!("metric '{}'", row.metric);
    if !matches!(row.kind, Kind::Change { .. }) || !row.note.contains(&guessed) {
        return row;
    }
    if let Some(before) = rows.iter().rev().find(|r| r.kind.additive()) {
        row.note = row.note.replace(
            &guessed,
            &format!("metric '{}', of the figure it changes", before.metric),
        );
        row.metric = before.metric.clone();
    }
    row
}

/// The dates a row can take: the day the sentences are about, the publication day,
/// the stated period.
pub struct RowWhen {
    pub day: Option<Date>,
    pub published: Option<Date>,
    pub period: Option<period::Stated>,
}

fn when_of(when: &When, options: &Options) -> RowWhen {
    RowWhen {
        day: when.day,
        published: options.date,
        period: when.period,
    }
}

/// Proposes the relations of the sentence whose rows start at `first_row`.
fn relate(
    draft: &mut Draft,
    s: &str,
    offset: usize,
    first_row: usize,
    last_total: &mut Option<usize>,
) {
    let candidate = |k: usize| {
        let r = &draft.rows[k];
        relations::Candidate {
            row: k,
            value: &r.value,
            exact: r.qualifier == crate::dataset::Qualifier::Exact,
            unit: r.unit,
            metric: &r.metric,
            additive: r.kind.additive(),
            step: relations::written_step(&r.quote, &r.value),
        }
    };
    let here: Vec<usize> = (first_row..draft.rows.len()).collect();
    let found = match relations::marker_in(s) {
        Some(end) => {
            let at = offset + end;
            let before: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&k| draft.rows[k].at < at)
                .collect();
            let after: Vec<relations::Candidate<'_>> = here
                .iter()
                .copied()
                .filter(|&k| draft.rows[k].at >= at)
                .map(candidate)
                .collect();
            let total = before
                .iter()
                .rev()
                .copied()
                .find(|&k| candidate(k).additive)
                .or(if before.is_empty() { *last_total } else { None });
            total
                .map(|t| relations::propose(&candidate(t), &after))
                .unwrap_or_default()
        }
        None => Vec::new(),
    };
    if let Some(&k) = here.iter().find(|&&k| draft.rows[k].kind.additive()) {
        *last_total = Some(k);
    }
    for (t, p, kind) in found {
        if draft.rows[t].basis != Basis::Share {
            draft.relations.push((t, p, kind));
        }
    }
}
