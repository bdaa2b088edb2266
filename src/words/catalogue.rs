//! The catalogues of the tool's words: one Fluent file a language
//! (`catalogues/en.ftl`, `catalogues/zh.ftl`), compiled in. Every phrase the tool
//! writes in a report, a chart or a verdict is a message of each catalogue, with
//! its variables and plural forms; code names the message and passes the facts.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// The catalogues compiled in: a language's code and its Fluent source.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("en", include_str!("../../catalogues/en.ftl")),
    ("zh", include_str!("../../catalogues/zh.ftl")),
];

/// One language's messages.
pub struct Catalogue {
    code: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalogue({})", self.code)
    }
}

impl Catalogue {
    /// The catalogue of language `code` from its Fluent source; an error names the
    /// first syntax error or message defined twice.
    pub fn parse(code: &str, source: &str) -> Result<Catalogue, String> {
        let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
            format!(
                "catalogue '{code}': {} syntax errors, the first: {:?}",
                errors.len(),
                errors.first()
            )
        })?;
        let id: LanguageIdentifier = code
            .parse()
            .map_err(|_| format!("'{code}' is not a language code (en, zh, ...)"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Words are written as they are: no bidirectional isolation marks around
        // the figures put into them.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).map_err(|errors| {
            format!(
                "catalogue '{code}': {} messages defined twice",
                errors.len()
            )
        })?;
        Ok(Catalogue {
            code: code.to_string(),
            bundle,
        })
    }

    /// The language's code (`en`, `zh`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Message `id` with `args`, or `None` when the catalogue has no such message.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            self.bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// Whether the catalogue has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// The ids of the messages a Fluent source defines, in order.
pub fn message_ids(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim()))
        .collect()
}

/// The largest catalogue read from a file: English's is about 30 KB.
const FILE_LIMIT: u64 = 1 << 20;

/// The catalogue `CODE.ftl` in the folder `CLEANWEB_CATALOGUES` names, read once
/// for the process; an error names the languages there are.
pub fn from_folder(code: &str) -> Result<&'static Catalogue, String> {
    let known: Vec<&str> = BUILT_IN.iter().map(|(c, _)| *c).collect();
    let unknown = || {
        format!(
            "no language '{code}': the catalogues are {} (and CODE.ftl in the folder CLEANWEB_CATALOGUES names)",
            known.join(", ")
        )
    };
    let plain = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let dir = std::env::var_os("CLEANWEB_CATALOGUES")
        .filter(|_| plain)
        .ok_or_else(unknown)?;
    let path = std::path::Path::new(&dir).join(format!("{code}.ftl"));
    if !path.is_file() {
        return Err(unknown());
    }
    let mut text = String::new();
    use std::io::Read;
    std::fs::File::open(&path)
        .and_then(|f| f.take(FILE_LIMIT).read_to_string(&mut text))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let parsed = Catalogue::parse(code, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    // One catalogue a run: kept for the life of the process, as the built-in ones.
    Ok(Box::leak(Box::new(parsed)))
}

/// The compiled-in catalogue of `code`, parsed once.
pub fn built_in(code: &str) -> Option<&'static Catalogue> {
    static PARSED: OnceLock<Vec<Catalogue>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|(code, source)| {
                    Catalogue::parse(code, source).unwrap_or_else(|e| panic!("{e}"))
                })
                .collect()
        })
        .iter()
        .find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_has_the_messages_of_english() {
        let english = message_ids(BUILT_IN[0].1);
        assert!(english.len() > 10);
        for (code, source) in BUILT_IN {
            let c = built_in(code).unwrap();
            let missing: Vec<&&str> = english.iter().filter(|id| !c.has(id)).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
            let extra: Vec<&str> = message_ids(source)
                .into_iter()
                .filter(|id| !english.contains(id))
                .collect();
            assert!(
                extra.is_empty(),
                "{code} has messages English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_message_the_code_names_is_in_english() {
        // `t("id")`, `say!(lang, "id", ...)` and `Msg("id")` in src/.
        let english = built_in("en").unwrap();
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("words/catalogue.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for opener in [".t(\"", "say!(", "Msg(\""] {
                    for (at, _) in text.match_indices(opener) {
                        let rest = &text[at + opener.len()..];
                        // say!(lang, "id", ...): the id is the first string.
                        let rest = match opener {
                            "say!(" => rest.split_once('"').map_or("", |(_, r)| r),
                            _ => rest,
                        };
                        let id = &rest[..rest.find('"').unwrap_or(0)];
                        let is_id = !id.is_empty()
                            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                        if is_id && !english.has(id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "messages not in en.ftl: {missing:?}");
    }
}
