//! The quote reader: every form of number it reads, and the wording it sees.

use super::{numbers_in, statements, Stated};
use crate::dataset::Qualifier::{self, *};

fn worded(quote: &str) -> Vec<(i128, Qualifier)> {
    statements(quote)
        .into_iter()
        .map(|Stated { value, wording }| (value, wording))
        .collect()
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
    assert_eq!(worded("arrested more than 10 people"), [(10, AtLeast)]);
    assert_eq!(worded("over 3,000 reports"), [(3000, AtLeast)]);
    assert_eq!(worded("at least 5 sites"), [(5, AtLeast)]);
    assert_eq!(worded("in excess of 200 accounts"), [(200, AtLeast)]);
    assert_eq!(worded("about 40 apps"), [(40, Approx)]);
    assert_eq!(worded("Nearly 1.2 million copies"), [(1_200_000, Approx)]);
    assert_eq!(worded("some 20 groups"), [(20, Approx)]);
    assert_eq!(worded("around 7 cases"), [(7, Approx)]);
    assert_eq!(worded("approximately 90 people"), [(90, Approx)]);
    assert_eq!(worded("up to 5 years"), [(5, AtMost)]);
    assert_eq!(worded("at most 3 sites"), [(3, AtMost)]);
    assert_eq!(worded("fewer than 10 complaints"), [(10, AtMost)]);
    assert_eq!(worded("less than 1% of"), [(1, AtMost)]);
    assert_eq!(worded("closed 256 websites"), [(256, Exact)]);
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
    assert_eq!(numbers_in("关闭网站１２２２家"), [1222]);
    assert_eq!(numbers_in("关闭网站三十七家"), [37]);
    assert_eq!(numbers_in("十二人"), [12]);
    assert_eq!(numbers_in("两万个"), [20_000]);
    assert_eq!(numbers_in("一千二百二十二家"), [1222]);
    assert_eq!(numbers_in("三千零五件"), [3005]);
    assert_eq!(numbers_in("〇起"), [0]);
    assert_eq!(numbers_in("十万条"), [100_000]);
    assert_eq!(numbers_in("一亿二千万元"), [120_000_000]);
    assert_eq!(numbers_in("二〇一四年"), [2014]);
    assert!(numbers_in("统计").is_empty());
}

#[test]
fn chinese_scales_with_decimals() {
    assert_eq!(numbers_in("查缴非法出版物1579万件"), [15_790_000]);
    assert_eq!(numbers_in("1.579万件"), [15_790]);
    assert_eq!(numbers_in("2.04亿条"), [204_000_000]);
    assert_eq!(numbers_in("罚款5万元"), [50_000]);
    assert_eq!(numbers_in("1.2万亿"), [1_200_000_000_000]);
    // 1.5 on its own, or 1.00005万, is no whole count.
    assert!(numbers_in("1.00005万").is_empty());
}

#[test]
fn chinese_wording() {
    assert_eq!(worded("注销账号逾3.2万个"), [(32_000, AtLeast)]);
    assert_eq!(worded("超过300家"), [(300, AtLeast)]);
    assert_eq!(worded("三千余起"), [(3000, AtLeast)]);
    assert_eq!(worded("300多家"), [(300, AtLeast)]);
    assert_eq!(worded("100家以上"), [(100, AtLeast)]);
    assert_eq!(worded("约40个"), [(40, Approx)]);
    assert_eq!(worded("近2000人"), [(2000, Approx)]);
    assert_eq!(worded("50人左右"), [(50, Approx)]);
    assert_eq!(worded("不到10家"), [(10, AtMost)]);
    assert_eq!(worded("不足5起"), [(5, AtMost)]);
    assert_eq!(worded("10人以下"), [(10, AtMost)]);
    assert_eq!(worded("关闭网站三十七家"), [(37, Exact)]);
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
