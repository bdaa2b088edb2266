//! From a page to the pieces a figure is read in: the visible text of an HTML page
//! (tags dropped, scripts and styles with their content, entities decoded, blocks
//! on lines of their own), then paragraphs, sentences and clauses, each kept as a
//! byte span of the text so that every quote is a verbatim slice of it.

/// Whether `text` is an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<p>")
}

/// Elements whose content is never shown.
const HIDDEN: [&str; 6] = ["script", "style", "noscript", "template", "head", "svg"];
/// Elements that start a line of their own.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "dd",
];

/// The visible text of an HTML page, in order: what a reader of the page sees, one
/// block a line.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching end tag (these elements do not nest).
            let lower = rest.to_ascii_lowercase();
            let end = format!("</{name}");
            rest = match lower.find(&end) {
                Some(e) => rest[e..].find('>').map_or("", |g| &rest[e + g + 1..]),
                None => "",
            };
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    // Lines trimmed, runs of blank lines made one paragraph break.
    let mut clean = String::new();
    let mut blank = false;
    for line in out.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !clean.is_empty();
            continue;
        }
        if blank {
            clean.push('\n');
            blank = false;
        }
        clean.push_str(&line);
        clean.push('\n');
    }
    clean
}

/// Appends text between tags, with its character references decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest[e..].starts_with(';') => entity(&rest[1..e]).map(|c| (c, e + 1)),
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "yen" => '¥',
        _ => return None,
    })
}

pub use crate::dataset::sign::whole_word;

/// A byte span of the text.
pub type Span = (usize, usize);

/// A sentence and the clauses it is made of.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub clauses: Vec<Span>,
    /// Whether a new paragraph starts with this sentence.
    pub opens_paragraph: bool,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 10] = [
    "co", "ltd", "inc", "mr", "mrs", "ms", "dr", "no", "st", "corp",
];

/// The sentences of `text`, each cut into clauses at commas, semicolons, colons and
/// the Chinese enumeration comma; a comma between digits (1,222) cuts nothing.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = true;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let ends = match c {
            '。' | '！' | '？' | '\n' => true,
            '.' | '!' | '?' => {
                next.is_none_or(char::is_whitespace) && !after_abbreviation(&text[start..at])
            }
            _ => false,
        };
        if ends {
            let end = at + c.len_utf8();
            push_sentence(text, (start, end), &mut paragraph, &mut out);
            if c == '\n' && next == Some('\n') {
                paragraph = true;
            }
            start = end;
        }
    }
    push_sentence(text, (start, text.len()), &mut paragraph, &mut out);
    out
}

fn after_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let word: String = word.chars().rev().collect();
    ABBREVIATIONS.contains(&word.as_str())
}

fn push_sentence(text: &str, span: Span, paragraph: &mut bool, out: &mut Vec<Sentence>) {
    let Some(span) = trimmed(text, span) else {
        return;
    };
    out.push(Sentence {
        span,
        clauses: clauses(text, span),
        opens_paragraph: std::mem::take(paragraph),
    });
}

/// The span without the whitespace and closing punctuation at its ends; `None` when
/// nothing is left.
pub fn trimmed(text: &str, (start, end): Span) -> Option<Span> {
    let s = &text[start..end];
    let drop = |c: char| c.is_whitespace() || "。，,；;：:、.!?！？".contains(c);
    let head = s.len() - s.trim_start_matches(drop).len();
    let tail = s.trim_end_matches(drop).len();
    (tail > head).then_some((start + head, start + tail))
}

fn clauses(text: &str, (start, end): Span) -> Vec<Span> {
    let s = &text[start..end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut from = 0;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let cuts = match c {
            '，' | '、' | '；' | '：' | '（' | '）' | '(' | ')' => true,
            ',' | ':' => !(digit(prev) && digit(next)),
            ';' => true,
            _ => false,
        };
        if cuts {
            if let Some(span) = trimmed(text, (start + from, start + at)) {
                out.push(span);
            }
            from = at + c.len_utf8();
        }
    }
    if let Some(span) = trimmed(text, (start + from, end)) {
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\
            <p>关闭网站&nbsp;20650个</p><script>var x = 5;</script><!-- 99 --><div>A &amp; B</div></body></html>";
        assert_eq!(visible_text(html), "关闭网站 20650个\nA & B\n");
    }

    #[test]
    fn clauses_cut_at_commas_but_not_inside_numbers() {
        let text = "It closed 1,222 sites, and 3,300 accounts. 2021年1月,受理举报1120.5万件,环比下降15.2%、同比下降3.3%。";
        let got: Vec<Vec<&str>> = sentences(text)
            .iter()
            .map(|s| s.clauses.iter().map(|&(a, b)| &text[a..b]).collect())
            .collect();
        assert_eq!(
            got,
            vec![
                vec!["It closed 1,222 sites", "and 3,300 accounts"],
                vec![
                    "2021年1月",
                    "受理举报1120.5万件",
                    "环比下降15.2%",
                    "同比下降3.3%"
                ],
            ]
        );
    }

    #[test]
    fn a_company_abbreviation_does_not_end_a_sentence() {
        let text = "Kuaibo Co. Ltd. was fined 50,000 yuan. Then 3 more.";
        assert_eq!(sentences(text).len(), 2);
    }
}
