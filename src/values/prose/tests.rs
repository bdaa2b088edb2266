//! The quote reader: every form of number it reads, and the wording it sees.

use super::{amounts_in, statements, Stated};
use crate::values::decimal::ONE;
use crate::values::Qualifier::{self, *};

/// The numbers of a quote, in whole units (the reader's fixed scale divided out);
/// a number with decimals as its amount in thousandths, negated, so that the
/// cases below stay readable and a decimal cannot pass for a whole number.
fn whole(amount: i128) -> i128 {
    if amount % ONE == 0 {
        amount / ONE
    } else {
        -(amount / (ONE / 1000))
    }
}

fn numbers_in(quote: &str) -> Vec<i128> {
    amounts_in(quote).into_iter().map(whole).collect()
}

fn worded(quote: &str) -> Vec<(i128, Qualifier)> {
    statements(quote)
        .into_iter()
        .map(
            |Stated {
                 amount, wording, ..
             }| (whole(amount), wording),
        )
        .collect()
}

/// Each quote states the one number with the wording given.
fn each_worded(cases: &[(&str, i128, Qualifier)]) {
    for &(quote, value, wording) in cases {
        assert_eq!(worded(quote), [(value, wording)], "{quote}");
    }
}

/// Each quote states the one number given, or none.
fn each_number(cases: &[(&str, Option<i128>)]) {
    for &(quote, value) in cases {
        assert_eq!(numbers_in(quote), Vec::from_iter(value), "{quote}");
    }
}

#[test]
fn digits_with_separators() {
    assert_eq!(numbers_in("shut down 1,222 pornographic websites"), [1222]);
    assert_eq!(numbers_in("received 40,217 valid reports"), [40217]);
}

#[test]
fn decimals_with_millions() {
    assert_eq!(numbers_in("seizure of 15.79 million illegal"), [15_790_000]);
    assert_eq!(numbers_in("more than 1.2 million copies"), [1_200_000]);
    assert_eq!(numbers_in("more than 20 million accounts"), [20_000_000]);
}

#[test]
fn words_and_percent() {
    assert_eq!(numbers_in("removed four shows"), [4]);
    assert_eq!(numbers_in("Ten of them"), [10]);
    assert_eq!(numbers_in("more than 85% of"), [85]);
    assert_eq!(numbers_in("twenty-five people"), [25]);
    assert_eq!(numbers_in("from three to ten years"), [3, 10]);
}

#[test]
fn years_and_months_also_give_months() {
    assert_eq!(numbers_in("2 years and 6 months in prison"), [2, 30, 6]);
}

#[test]
fn nothing_stated() {
    assert!(numbers_in("arrested the main suspect, Yin Xuejun").is_empty());
    assert!(numbers_in("").is_empty());
}

#[test]
fn a_changed_digit_changes_the_number() {
    assert_ne!(numbers_in("1,223 websites"), [1222]);
}

#[test]
fn huge_numerals_do_not_panic() {
    let text = "9".repeat(200);
    assert!(numbers_in(&text).is_empty());
    let _ = numbers_in("99999999999999999999999999999999999999 billion");
    let _ = numbers_in("1.99999999999999999999999999999999999999999 million");
    let _ = numbers_in(&"九".repeat(60));
    let _ = numbers_in(&"九亿".repeat(30));
    let _ = numbers_in(&format!("{}万亿亿亿", "9".repeat(30)));
}

#[test]
fn english_wording() {
    each_worded(&[
        ("arrested more than 10 people", 10, AtLeast),
        ("over 3,000 reports", 3000, AtLeast),
        ("at least 5 sites", 5, AtLeast),
        ("in excess of 200 accounts", 200, AtLeast),
        ("about 40 apps", 40, Approx),
        ("Nearly 1.2 million copies", 1_200_000, Approx),
        ("some 20 groups", 20, Approx),
        ("around 7 cases", 7, Approx),
        ("approximately 90 people", 90, Approx),
        ("up to 5 years", 5, AtMost),
        ("at most 3 sites", 3, AtMost),
        ("fewer than 10 complaints", 10, AtMost),
        ("less than 1% of", 1, AtMost),
        ("closed 256 websites", 256, Exact),
    ]);
}

#[test]
fn english_ranges() {
    assert_eq!(
        worded("fines ranging from 20,000 to 50,000 yuan"),
        [(20_000, Range), (50_000, Range)]
    );
    assert_eq!(
        worded("a fine of 5 to 10 times the amount"),
        [(5, Range), (10, Range)]
    );
    assert_eq!(worded("between 3 and 7 years"), [(3, Range), (7, Range)]);
    // "and" alone joins no range, and "up to" is an upper bound.
    assert_eq!(worded("4 gangs and 6 dens"), [(4, Exact), (6, Exact)]);
    assert_eq!(worded("from 3 up to 9"), [(3, Exact), (9, AtMost)]);
    assert_eq!(
        worded("2 years and 6 months"),
        [(2, Exact), (30, Exact), (6, Exact)]
    );
}

#[test]
fn chinese_digits_and_numerals() {
    each_number(&[
        ("关闭网站１２２２家", Some(1222)),
        ("关闭网站三十七家", Some(37)),
        ("十二人", Some(12)),
        ("两万个", Some(20_000)),
        ("一千二百二十二家", Some(1222)),
        ("三千零五件", Some(3005)),
        ("〇起", Some(0)),
        ("十万条", Some(100_000)),
        ("一亿二千万元", Some(120_000_000)),
        ("二〇一四年", Some(2014)),
        ("统计", None),
    ]);
}

#[test]
fn chinese_scales_with_decimals() {
    each_number(&[
        ("查缴非法出版物1579万件", Some(15_790_000)),
        ("1.579万件", Some(15_790)),
        ("2.04亿条", Some(204_000_000)),
        ("罚款5万元", Some(50_000)),
        ("1.2万亿", Some(1_200_000_000_000)),
        // Decimals are kept: 1.00005万 is 10,000.5 (in thousandths, negated).
        ("1.00005万", Some(-10_000_500)),
        ("1.5", Some(-1_500)),
    ]);
}

#[test]
fn chinese_wording() {
    each_worded(&[
        ("注销账号逾3.2万个", 32_000, AtLeast),
        ("超过300家", 300, AtLeast),
        ("三千余起", 3000, AtLeast),
        ("300多家", 300, AtLeast),
        ("100家以上", 100, AtLeast),
        ("约40个", 40, Approx),
        ("近2000人", 2000, Approx),
        ("50人左右", 50, Approx),
        ("不到10家", 10, AtMost),
        ("不足5起", 5, AtMost),
        ("10人以下", 10, AtMost),
        ("关闭网站三十七家", 37, Exact),
    ]);
}

#[test]
fn chinese_ranges() {
    assert_eq!(
        worded("处以罚款2万元至10万元"),
        [(20_000, Range), (100_000, Range)]
    );
    assert_eq!(worded("判处三到十年"), [(3, Range), (10, Range)]);
    assert_eq!(worded("5至10倍"), [(5, Range), (10, Range)]);
}

#[test]
fn a_number_written_short_says_what_it_is_rounded_to() {
    let steps = |q: &str| -> Vec<(i128, i128)> {
        statements(q)
            .into_iter()
            .map(|s| (s.amount / (ONE / 10), s.step / (ONE / 10)))
            .collect()
    };
    // In tenths.
    assert_eq!(
        steps("the seizure of 12.34 million copies"),
        [(123_400_000, 100_000)]
    );
    assert_eq!(steps("3.4 million copies"), [(34_000_000, 1_000_000)]);
    assert_eq!(
        steps("more than 3 million accounts"),
        [(30_000_000, 10_000_000)]
    );
    assert_eq!(steps("1,357 websites"), [(13_570, 10)]);
    assert_eq!(steps("查处3.2万个"), [(320_000, 10_000)]);
    assert_eq!(steps("占70.4%"), [(704, 1)]);
}
