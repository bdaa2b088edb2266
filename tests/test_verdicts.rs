//! Verdicts in plain words first, for a reader; the comparison's details after.

use crate::util::Workdir;

/// A September breakdown of 200 reports, 180 of them pornography (90.0%), and a claim
/// of "more than 95%" made on `claimed`.
fn package(w: &Workdir, claimed: &str) {
    let claim = format!(
        "s,{claimed},,,Office,national,reports,porn,,95,,at_least,percent,share,more than 95%,s,"
    );
    w.package(
        "d",
        &[crate::util::september_breakdown(), vec![claim]].concat(),
        "t,p,complete\nt,o,complete\n",
    );
}

fn finding(w: &Workdir, lang: &str, head: &str) -> String {
    w.run(&["report", "--data", "d", "--out", lang, "--lang", lang])
        .ok();
    let md = std::fs::read_to_string(w.path(&format!("{lang}/report.md"))).unwrap();
    let line = md.lines().find(|l| l.starts_with(&format!("- {head}")));
    line.unwrap_or_else(|| panic!("{md}")).to_string()
}

#[test]
fn a_tension_says_first_what_was_claimed_what_the_figures_give_and_why_not_more() {
    let w = Workdir::new();
    // Said on 3 June of a share that September's breakdown gives as 180 / 200.
    package(&w, "2014-06-03");
    let share = format!("{:.1}%", 180.0 * 100.0 / 200.0);
    let line = finding(&w, "en", "Tension");
    let lead = format!(
        "- Tension: The claim of 3 Jun 2014, “more than 95%”, is not borne out by the breakdown of Sep 2014: {share}. Different periods: a tension, not a contradiction. Details: "
    );
    assert!(line.starts_with(&lead), "{line}");
    let line = finding(&w, "zh", "张力");
    assert!(
        line.starts_with(&format!(
            "- 张力：2014年6月3日的说法“more than 95%”得不到2014年9月的分项的支持：{share}。期间不同：是张力，不是矛盾。详情："
        )),
        "{line}"
    );
}

#[test]
fn a_contradiction_says_the_figures_describe_the_same_thing() {
    let w = Workdir::new();
    // Said within September, by the same body, of the same region.
    package(&w, "2014-09-15");
    let line = finding(&w, "en", "Contradiction");
    assert!(
        line.starts_with(
            "- Contradiction: The claim of 15 Sep 2014, “more than 95%”, is contradicted by the breakdown of Sep 2014: 90.0%. The same period, region and body: a contradiction. Details: "
        ),
        "{line}"
    );
}

#[test]
fn the_shipped_report_leads_with_the_claim_in_plain_words() {
    let w = Workdir::new();
    w.run(&["report", "--out", "r"]).ok();
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    // 28,159 of 40,217 September reports concerned pornography.
    let share = format!("{:.1}%", 28_159.0 * 100.0 / 40_217.0);
    assert!(
        md.contains(&format!("- Tension: The claim of 3 Jun 2014, “more than 85% of the more than 3,000 reports”, is not borne out by the breakdown of Sep 2014: {share}. Different periods: a tension, not a contradiction.")),
        "{md}"
    );
}
