//! Who acted or announced, and where: the body a sentence names ("the Chengdu
//! Public Security Bureau", "全国各级网络举报部门", "中央网信办违法和不良信息举报中心")
//! and the province or city in it, else `national`.

/// The last words of a body's name, in the two languages.
const BODY_EN: [&str; 16] = [
    "Office",
    "Ministry",
    "Bureau",
    "Administration",
    "Court",
    "Center",
    "Centre",
    "Commission",
    "Department",
    "Government",
    "Committee",
    "Association",
    "Team",
    "Procuratorate",
    "Police",
    "Agency",
];
const BODY_ZH: [&str; 15] = [
    "举报中心",
    "网站平台",
    "举报部门",
    "网信办",
    "办公室",
    "公安厅",
    "公安局",
    "公安部",
    "文化部",
    "法院",
    "检察院",
    "管理局",
    "委员会",
    "中心",
    "部门",
];

/// Provinces and large cities, as Chinese and English write them: the gazetteer
/// in `data/places.tsv`, a place a line.
const PLACES: &str = include_str!("../../data/places.tsv");

/// The places of [`PLACES`], (Chinese, English).
fn places() -> impl Iterator<Item = (&'static str, &'static str)> {
    PLACES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

/// The body named in `text` nearest before byte `before` (else the first one named).
pub fn authority(text: &str, before: usize) -> Option<String> {
    let head = &text[..before.min(text.len())];
    english_body(head).or_else(|| chinese_body(head))
}

fn english_body(head: &str) -> Option<String> {
    let words: Vec<&str> = head.split_whitespace().collect();
    let end = words.iter().rposition(|w| {
        let w = w.trim_end_matches([',', '.', ';', ':']);
        BODY_EN.contains(&w)
    })?;
    // Back over the capitalised words (and "of", "and", "for") of the name.
    let mut start = end;
    while start > 0 {
        let w = words[start - 1].trim_end_matches(',');
        let joins = ["of", "and", "for", "the", "on", "Against"].contains(&w);
        if w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with(',') && w != "On"
            || (joins && w != "the")
        {
            start -= 1;
        } else {
            break;
        }
    }
    while start < end && ["of", "and", "for", "on", "The"].contains(&words[start]) {
        start += 1;
    }
    let name = words[start..=end].join(" ");
    Some(name.trim_end_matches([',', '.', ';', ':']).to_string())
}

fn chinese_body(head: &str) -> Option<String> {
    let (at, suffix) = BODY_ZH
        .iter()
        .filter_map(|s| head.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, s)| (i + s.len(), s.len()))?;
    let end = at + suffix.len();
    // Back to the start of the clause or of a verb the name cannot hold.
    let start = head[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !crate::values::prose::is_han(*c) || "，。、；：的在和与对".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // A body that directs others names them after its verb: "举报中心指导各级部门、
    // 主要网站平台受理" is received by the bodies directed.
    let start = head[start..end]
        .rfind("指导")
        .map_or(start, |i| start + i + "指导".len());
    // Bodies listed with 、 receive together: the name is the list.
    let mut start = start;
    while let Some(before) = head[..start].strip_suffix('、') {
        let Some(listed) = chinese_body(before) else {
            break;
        };
        if !before.ends_with(listed.as_str()) {
            break;
        }
        start = before.len() - listed.len();
    }
    let name = &head[start..end];
    (!name.is_empty()).then(|| name.to_string())
}

/// The region `text` names: a province or city (as the text writes it), else
/// `national`.
pub fn region(text: &str) -> String {
    let mut best: Option<(usize, &str)> = None;
    for (zh, en) in places() {
        for name in [zh, en] {
            if let Some(i) = text.find(name) {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, name));
                }
            }
        }
    }
    best.map_or_else(|| "national".to_string(), |(_, n)| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_and_places() {
        let s = "The Chengdu Public Security Bureau arrested more than 10 people";
        assert_eq!(
            authority(s, s.len()).as_deref(),
            Some("The Chengdu Public Security Bureau").map(|x| &x[4..])
        );
        assert_eq!(region(s), "Chengdu");
        let s = "全国各级网络举报部门受理举报1120.5万件";
        assert_eq!(
            authority(s, s.find("受理").unwrap()).as_deref(),
            Some("全国各级网络举报部门")
        );
        assert_eq!(region(s), "national");
        let s =
            "中央网信办举报中心指导全国各级网信举报工作部门、主要网站平台受理网民举报1321.8万件";
        assert_eq!(
            authority(s, s.find("受理").unwrap()).as_deref(),
            Some("全国各级网信举报工作部门、主要网站平台")
        );
        let s = "全国主要网站平台受理举报1197.4万件";
        assert_eq!(
            authority(s, s.find("受理").unwrap()).as_deref(),
            Some("全国主要网站平台")
        );
    }
}
