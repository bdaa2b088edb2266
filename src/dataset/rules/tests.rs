use super::*;

#[test]
fn blank_is_what_trim_leaves_empty() {
    for s in [
        "", " ", "\t\n", "\u{0B}", "\u{3000}", "\u{A0} ", " x", "x", "\"q\"", "中",
    ] {
        assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
    }
}

#[test]
fn same_is_equality_of_words() {
    let word = "websites_closed_in_2014";
    for n in 0..=word.len() {
        let a = &word[..n];
        assert!(same(a, a));
        for m in 0..=word.len() {
            assert_eq!(same(a, &word[..m]), n == m, "{n} {m}");
        }
        // One byte different, anywhere: in a whole 8-byte word or in the tail.
        for at in 0..n {
            let mut b = a.as_bytes().to_vec();
            b[at] ^= 1;
            let b = String::from_utf8(b).unwrap();
            assert!(!same(a, &b), "{a:?} {b:?}");
        }
    }
}

#[test]
fn values() {
    let whole = |n: i64| Ok(Some(Value::whole(n)));
    assert_eq!(parse_value("1222", true), whole(1222));
    assert_eq!(parse_value("000120", true), whole(120));
    assert_eq!(parse_value("0", true), whole(0));
    let most = i64::MAX.to_string();
    assert_eq!(parse_value(&most, true), whole(i64::MAX));
    assert_eq!(parse_value(&most[..18], true), whole(i64::MAX / 10));
    assert!(parse_value("9223372036854775808", true)
        .unwrap_err()
        .contains("too large"));
    for (text, n) in [
        ("999999999999999999", 999_999_999_999_999_999),
        ("0999999999999999999", 999_999_999_999_999_999),
    ] {
        assert_eq!(parse_value(text, true), whole(n));
    }
    // Decimals keep every digit written.
    let v = parse_value("0.8409", true).unwrap().unwrap();
    assert_eq!((v.plain(), v.decimals()), ("0.8409".to_string(), 4));
    assert_eq!(
        parse_value("70.40", true).unwrap().unwrap().plain(),
        "70.40"
    );
    for bad in ["12a", "a12", "1/2", "1:2", "٣", "１", "NaN"] {
        assert!(
            parse_value(bad, true).unwrap_err().contains("not a number"),
            "{bad}"
        );
    }
    assert_eq!(parse_value("", false), Ok(None));
    for bad in [
        "abc",
        ".5",
        "5.",
        " 1",
        "1,000",
        "1e3",
        "-",
        "-.5",
        "--5",
        "99999999999999999999",
        "0.1234567891",
        "",
    ] {
        assert!(parse_value(bad, true).is_err(), "{bad}");
    }
    // A sign is read; only a change keeps one ([`cross_rules`]).
    assert_eq!(
        parse_value("-15.2", true).map(|v| v.map(|v| v.scaled())),
        Ok(Some(-15_200_000_000))
    );
    assert!(parse_value("1,000", true)
        .unwrap_err()
        .contains("thousands separator"));
    assert!(parse_value("1e3", true)
        .unwrap_err()
        .contains("scientific notation"));
    assert!(parse_value("99999999999999999999", true)
        .unwrap_err()
        .contains("too large"));
    assert!(parse_value("0.1234567891", true)
        .unwrap_err()
        .contains("more than 9 decimals"));
}

#[test]
fn snake_case() {
    assert!(is_snake_case("cases_total_1225"));
    assert!(!is_snake_case("Cases"));
    assert!(!is_snake_case("1cases"));
    assert!(!is_snake_case(""));
    assert!(!is_snake_case("a-b"));
}

/// The test eight bytes at a time agrees with the rule byte by byte: every byte at
/// every place of names of 1 to 19 bytes, and next to every other byte.
#[test]
fn snake_case_by_words_is_by_bytes() {
    let by_bytes = |s: &[u8]| {
        s.first().is_some_and(u8::is_ascii_lowercase)
            && s.iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
    };
    let check = |s: &[u8]| {
        // A byte that is not UTF-8 alone stands in a string as one that is.
        let text = String::from_utf8_lossy(s);
        assert_eq!(is_snake_case(&text), by_bytes(text.as_bytes()), "{s:?}");
    };
    for len in 1..20 {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut s = vec![b'q'; len];
                s[at] = b;
                check(&s);
            }
        }
    }
    for a in 0..=255u8 {
        for b in 0..=255u8 {
            check(&[b'x', a, b]);
            check(&[b'x', b'1', b'_', b'z', b'0', b'9', a, b, b'a']);
        }
    }
}
