//! Counts stated by naming, not by a number: "arrested Zhang Wei, Li Na, and
//! Chen Jie" is three arrests, "arrested the suspect Zhao Lei" one, "Acme,
//! Globex, and Initech were punished" three. English only; the names become the
//! row's entity, so that `validate` can check the count against the names.

use super::numbers::Figure;
use super::rows::Proposal;
use super::text::Span;

/// A count the text states by its names.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub names: Vec<String>,
    /// The verb and the names, in bytes of the whole text.
    pub span: Span,
}

impl Named {
    /// The count as a figure: as many as the names, exact.
    pub fn figure(&self) -> Figure {
        Figure {
            value: self.names.len().to_string(),
            value_max: None,
            qualifier: crate::dataset::Qualifier::Exact,
            span: self.span,
            in_months: false,
        }
    }

    /// `row`, proposed for [`Named::figure`], with the verb and names as its quote,
    /// the names as its entity, and a note that the count was read off the names.
    pub fn row(&self, mut row: Proposal, text: &str) -> Proposal {
        row.quote = text[self.span.0..self.span.1].to_string();
        row.entity = self.names.join("; ");
        let note = "a count of the names stated, with no number written";
        row.note = match row.note.is_empty() {
            true => format!("extract guessed: {note}"),
            false => format!("{}; {note}", row.note),
        };
        row
    }
}

/// Verbs after which a list of names is what was done to them.
const AFTER: [&str; 2] = ["arrested ", "detained "];
/// The words between such a verb and the names.
const BEFORE_NAMES: [&str; 6] = ["the ", "main ", "suspects", "suspect", ",", " "];
/// What a list of names was, when it comes first.
const PASSIVE: [&str; 4] = [
    " were punished",
    " were arrested",
    " were detained",
    " were fined",
];

/// Whether `word` is a word of a name: a capital, then letters.
fn name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// The names of a list written ("A, B, and C", "A and B", "A"), each one to three
/// words of a name; `None` when an item is not a name.
fn names_of(list: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for item in list.split(", ").flat_map(|i| i.split(" and ")) {
        let item = item.trim().trim_start_matches("and ").trim();
        let words: Vec<&str> = item.split_whitespace().collect();
        if words.is_empty() || words.len() > 3 || !words.iter().all(|w| name_word(w)) {
            return None;
        }
        names.push(words.join(" "));
    }
    (!names.is_empty()).then_some(names)
}

/// The longest list of names at the start of `s`: the byte length it covers and
/// the names.
fn leading_names(s: &str) -> Option<(usize, Vec<String>)> {
    // The list ends where a word is not a name word or a joining word.
    let mut end = 0;
    let mut at = 0;
    for word in s.split_inclusive(' ') {
        let w = word.trim_end().trim_end_matches(',');
        let joins = w == "and";
        if !(joins || name_word(w)) {
            break;
        }
        at += word.len();
        if !joins {
            end = at - (word.len() - word.trim_end().trim_end_matches(',').len());
        }
    }
    let names = names_of(&s[..end])?;
    Some((end, names))
}

/// The counts stated by naming in the clause `span` of `text`.
pub fn counts(text: &str, span: Span) -> Vec<Named> {
    let clause = &text[span.0..span.1];
    let mut out = Vec::new();
    for verb in AFTER {
        for (i, _) in clause.match_indices(verb) {
            let mut rest = i + verb.len();
            while let Some(w) = BEFORE_NAMES
                .iter()
                .find(|w| clause[rest..].starts_with(**w))
            {
                rest += w.len();
            }
            if let Some((len, names)) = leading_names(&clause[rest..]) {
                out.push(Named {
                    names,
                    span: (span.0 + i, span.0 + rest + len),
                });
            }
        }
    }
    for was in PASSIVE {
        for (i, _) in clause.match_indices(was) {
            let before = &clause[..i];
            // The list starts at the clause or after the last word that is no name.
            let start = (0..=before.len())
                .filter(|&k| before.is_char_boundary(k) && (k == 0 || before[..k].ends_with(' ')))
                .find(|&k| names_of(&before[k..]).is_some_and(|n| n.len() >= 2));
            if let Some(k) = start {
                if let Some(names) = names_of(&before[k..]) {
                    out.push(Named {
                        names,
                        span: (span.0 + k, span.0 + i + was.len()),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<Vec<String>> {
        counts(s, (0, s.len()))
            .into_iter()
            .map(|n| n.names)
            .collect()
    }

    #[test]
    fn names_after_a_verb_and_before_were() {
        assert_eq!(
            names("the police arrested Zhang Wei, Li Na, and Chen Jie"),
            [["Zhang Wei", "Li Na", "Chen Jie"]]
        );
        assert_eq!(names("and arrested the suspect Zhao Lei"), [["Zhao Lei"]]);
        assert_eq!(names("arrested the main suspect, Sun Mei"), [["Sun Mei"]]);
        assert_eq!(
            names("Acme, Globex, and Initech were punished"),
            [["Acme", "Globex", "Initech"]]
        );
        // A number is a count of its own; a lower-case word is no name.
        assert!(names("arrested 5 suspects").is_empty());
        assert!(names("arrested suspects in three provinces").is_empty());
        assert!(names("the sites were punished").is_empty());
    }
}
