//! Character classes and text folding with Python's exact semantics.
//!
//! The block builder must produce the same text and offsets the pipeline's Python code would:
//! white space is what `str.isspace()` calls white space (Unicode White_Space plus the four
//! ASCII information separators), `" ".join(s.split())` folds it, and code-point offsets count
//! Unicode scalar values, as a Python `str` does.

/// `str.isspace()` of one character.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// East Asian text (ideographs, kana, bopomofo, their punctuation, full-width forms): where a
/// source line break is layout, not a space, and characters weigh double in a paragraph. Must
/// equal the pipeline's EAST_ASIAN character class (exported as `_native.EAST_ASIAN` so that a
/// test can compare them).
pub const EAST_ASIAN: [(char, char); 7] = [
    ('\u{2e80}', '\u{303f}'),
    ('\u{3040}', '\u{30ff}'),
    ('\u{3100}', '\u{312f}'),
    ('\u{3400}', '\u{4dbf}'),
    ('\u{4e00}', '\u{9fff}'),
    ('\u{f900}', '\u{faff}'),
    ('\u{ff00}', '\u{ffef}'),
];

#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{2e80}'..='\u{303f}'
            | '\u{3040}'..='\u{30ff}'
            | '\u{3100}'..='\u{312f}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}'
            | '\u{ff00}'..='\u{ffef}'
    )
}

/// Whether every character is white space (`str.isspace()`, so False for "").
pub fn all_space(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    match text.as_bytes().iter().position(|&b| !matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ')) {
        None => true,
        Some(at) if text.as_bytes()[at] < 0x80 => false,
        Some(at) => text[at..].chars().all(is_space),
    }
}

/// Bytes of leading white space.
pub fn leading_space(text: &str) -> usize {
    text.char_indices().find(|&(_, c)| !is_space(c)).map_or(text.len(), |(at, _)| at)
}

/// Bytes of trailing white space.
pub fn trailing_space(text: &str) -> usize {
    match text.char_indices().rev().find(|&(_, c)| !is_space(c)) {
        Some((at, c)) => text.len() - at - c.len_utf8(),
        None => text.len(),
    }
}

/// Code points in `text` (a Python `len`).
#[inline]
pub fn code_points(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// `len(text.strip())`.
pub fn stripped_code_points(text: &str) -> usize {
    let lead = leading_space(text);
    if lead == text.len() {
        return 0;
    }
    code_points(&text[lead..text.len() - trailing_space(text)])
}

/// `" ".join(text.split())` appended to `out`.
pub fn fold_space_into(text: &str, out: &mut String) {
    let start_len = out.len();
    if text.is_ascii() {
        // bytes: ASCII white space is \t-\r, \x1c-\x1f and ' '
        // (words are cut from `text` by position: every index of ASCII text is a character
        // boundary, so no slice needs checking again, which on one huge word was a whole pass)
        let bytes = text.as_bytes();
        let mut word_start = None;
        for (at, &b) in bytes.iter().enumerate() {
            let space = matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ');
            match (space, word_start) {
                (false, None) => word_start = Some(at),
                (true, Some(from)) => {
                    if out.len() > start_len {
                        out.push(' ');
                    }
                    out.push_str(&text[from..at]);
                    word_start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = word_start {
            if out.len() > start_len {
                out.push(' ');
            }
            out.push_str(&text[from..]);
        }
        return;
    }
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if out.len() > start_len {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Drop source line breaks between two CJK characters: the substitution
/// `(?<=[CJK])[ \t\r\f]*\n\s*(?=[CJK])` -> "" (old Chinese pages wrap lines in the source;
/// browsers join such lines without a space). Linear: every attempt that gets past the
/// look-behind starts right after a CJK character and either jumps past its match or fails
/// within the white space that follows, which the next attempts cannot re-enter (white space
/// is not CJK, except U+3000, which then ends the attempt as its look-ahead).
pub fn drop_cjk_line_breaks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < n {
        if i > 0 && is_cjk(chars[i - 1]) {
            let mut j = i;
            while j < n && matches!(chars[j], ' ' | '\t' | '\r' | '\x0c') {
                j += 1;
            }
            if j < n && chars[j] == '\n' {
                let k = j + 1;
                let mut m = k;
                while m < n && is_space(chars[m]) {
                    m += 1;
                }
                // \s* is greedy and gives back characters until the look-ahead sees a CJK one.
                let mut e = m;
                loop {
                    if e < n && is_cjk(chars[e]) {
                        i = e; // the match [i, e) is dropped
                        break;
                    }
                    if e == k {
                        e = usize::MAX;
                        break;
                    }
                    e -= 1;
                }
                if e != usize::MAX {
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_test_is_the_table() {
        for code in 0x2e00u32..0x10000 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_cjk(c), EAST_ASIAN.iter().any(|&(lo, hi)| lo <= c && c <= hi), "{code:x}");
            }
        }
    }

    #[test]
    fn folds_white_space_like_python() {
        let mut out = String::new();
        fold_space_into("  a \u{a0}b\n\u{3000}c\x1f ", &mut out);
        assert_eq!(out, "a b c");
    }

    #[test]
    fn strips_like_python() {
        assert_eq!(leading_space(" \u{a0}x "), 3);
        assert_eq!(trailing_space(" x \u{3000}"), 4);
        assert_eq!(stripped_code_points("  é x  "), 3);
        assert!(all_space(" \n") && !all_space("") && !all_space(" x"));
    }

    #[test]
    fn drops_line_breaks_between_cjk_only() {
        assert_eq!(drop_cjk_line_breaks("中文\n  字"), "中文字");
        assert_eq!(drop_cjk_line_breaks("中 \t\n\n字"), "中字");
        assert_eq!(drop_cjk_line_breaks("中\nx"), "中\nx");
        assert_eq!(drop_cjk_line_breaks("a\n中"), "a\n中");
        // U+3000 is both white space and CJK: \s* gives it back to the look-ahead.
        assert_eq!(drop_cjk_line_breaks("中\n\u{3000}x"), "中\u{3000}x");
    }
}
