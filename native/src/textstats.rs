//! Per-block text statistics for the block scorer's feature table (worker/pipeline/segment/features.py).
//!
//! Everything here walks a block's characters, which costs microseconds per block in Python and
//! a fraction of one here; what is decided per block from these numbers stays in Python (numpy).
//! The vocabulary (function words, the characters that play their role in Chinese and Japanese,
//! the unspaced scripts' ranges, sentence-ending punctuation) is handed over once by Python from
//! the pipeline's data (textfacts), so no list or range is written down here.

use std::borrow::Cow;

use crate::flags::FxHashSet;

/// The statistics, in this order: chars, letters, digits, capitals, ends_sentence, clause_marks,
/// function_ratio, unspaced, price, key_value, url_or_email, title_case_share, all_caps,
/// first_upper, digit_head.
pub const WIDTH: usize = 15;

/// Characters read for the function-word ratio (about 25 words), and for a CJK sample.
const FUNCTION_SAMPLE_CHARS: usize = 150;
const UNSPACED_SAMPLE_CHARS: usize = 80;
/// Lines up to this long are looked at as labels (key: value, title case).
const LABEL_CHARS: usize = 120;
const CURRENCY_SIGNS: [char; 7] = ['$', '€', '£', '¥', '₹', '₩', '₽'];
const CURRENCY_AFTER: [&str; 8] = ["€", "元", "USD", "EUR", "GBP", "kr", "zł", "руб"];

pub struct Vocabulary {
    pub function_words: FxHashSet<String>,
    pub unspaced_function_chars: FxHashSet<char>,
    pub unspaced_ranges: Vec<(char, char)>,
    pub sentence_end: FxHashSet<char>,
}

impl Vocabulary {
    fn unspaced(&self, c: char) -> bool {
        self.unspaced_ranges.iter().any(|&(low, high)| low <= c && c <= high)
    }
}

/// The statistics of one text (see `STATS`).
pub fn stats(text: &str, vocabulary: &Vocabulary) -> [f32; WIDTH] {
    let mut row = [0f32; WIDTH];
    let (mut chars, mut letters, mut digits, mut capitals, mut unspaced) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut cased = false;
    let mut all_upper = true;
    let mut digit_head = false;
    if text.is_ascii() {
        // The same counts, a byte at a time: among ASCII characters the letters, digits and
        // cases are exactly the ASCII ones, and none is of an unspaced script.
        let bytes = text.as_bytes();
        let mut lowercase = 0usize;
        for &byte in bytes {
            letters += byte.is_ascii_alphabetic() as usize;
            capitals += byte.is_ascii_uppercase() as usize;
            lowercase += byte.is_ascii_lowercase() as usize;
            digits += byte.is_ascii_digit() as usize;
        }
        chars = bytes.len();
        cased = letters > 0;
        all_upper = lowercase == 0;
        digit_head = bytes.iter().take(40).any(u8::is_ascii_digit);
    } else {
        for c in text.chars() {
            chars += 1;
            if c.is_ascii() {
                // (as below, for ASCII: its letters, digits and cases are the ASCII ones)
                if c.is_ascii_alphabetic() {
                    letters += 1;
                    cased = true;
                    if c.is_ascii_uppercase() {
                        capitals += 1;
                    } else {
                        all_upper = false;
                    }
                } else if c.is_ascii_digit() {
                    digits += 1;
                    digit_head |= chars <= 40;
                }
                continue;
            }
            if chars <= 40 && c.is_numeric() {
                digit_head = true;
            }
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    capitals += 1;
                    cased = true;
                } else if c.is_lowercase() {
                    cased = true;
                    all_upper = false;
                }
                if vocabulary.unspaced(c) {
                    unspaced += 1;
                }
            } else if c.is_numeric() {
                digits += 1;
            }
        }
    }
    if chars == 0 {
        return row;
    }
    let last = text.chars().next_back().unwrap_or(' ');
    let bytes = text.as_bytes();
    let mut clause = bytes.iter().filter(|&&b| b == b',' || b == b';').count()
        + bytes.windows(2).filter(|pair| (pair[0] == b'.' || pair[0] == b':') && pair[1] == b' ').count();
    if unspaced > 0 {
        clause += text.chars().filter(|c| matches!(c, '，' | '、' | '。' | '；' | '：')).count();
    }
    row[0] = chars as f32;
    row[1] = letters as f32;
    row[2] = digits as f32;
    row[3] = capitals as f32;
    row[4] = vocabulary.sentence_end.contains(&last) as u8 as f32;
    row[5] = clause as f32;
    row[6] = function_ratio(text, unspaced > 0, vocabulary);
    row[7] = unspaced as f32;
    row[8] = (digits > 0 && may_hold_currency(text) && has_price(text)) as u8 as f32;
    row[9] = (chars <= LABEL_CHARS && is_key_value(text)) as u8 as f32;
    row[10] = (text.contains("://") || text.contains("www.") || (text.contains('@') && has_email(text))) as u8 as f32;
    row[11] = if text.is_ascii() && chars <= LABEL_CHARS { title_case_share(text) } else { 0.0 };
    row[12] = (text.is_ascii() && cased && all_upper) as u8 as f32;
    row[13] = text.chars().next().is_some_and(|c| c.is_uppercase()) as u8 as f32;
    row[14] = digit_head as u8 as f32;
    row
}

/// The share of function words among the first words (for Chinese and Japanese: of the
/// function characters among the first Han/kana characters, scaled), as segment.classify reads it.
fn function_ratio(text: &str, unspaced: bool, vocabulary: &Vocabulary) -> f32 {
    if unspaced {
        let sample: Vec<char> = text.chars().take(UNSPACED_SAMPLE_CHARS).collect();
        let hits = sample.iter().filter(|c| vocabulary.unspaced_function_chars.contains(c)).count();
        let letters = sample.iter().filter(|&&c| vocabulary.unspaced(c)).count().max(1);
        return (2.5 * hits as f32 / letters as f32).min(1.0);
    }
    let end = text.char_indices().nth(FUNCTION_SAMPLE_CHARS).map_or(text.len(), |(at, _)| at);
    let sample = &text[..end];
    // (an ASCII sample without capitals is its own lower case: no copy)
    let lowered: Cow<str> = if sample.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) { Cow::Borrowed(sample) } else { Cow::Owned(sample.to_lowercase()) };
    let (mut words, mut hits, mut last_hit) = (0usize, 0usize, false);
    for word in lowered.split_whitespace() {
        last_hit = vocabulary.function_words.contains(word);
        words += 1;
        hits += last_hit as usize;
    }
    if words > 3 {
        // the last word may be cut in the middle: left out
        words -= 1;
        hits -= last_hit as usize;
    }
    if words == 0 {
        return 0.0;
    }
    hits as f32 / words as f32
}

/// Whether a text holds a currency sign or a currency's name, which every price has: a quick scan
/// that spares most lines with digits the slower look for a price.
fn may_hold_currency(text: &str) -> bool {
    text.contains(CURRENCY_SIGNS) || CURRENCY_AFTER.iter().any(|currency| text.contains(currency))
}

/// A price: a currency sign before a number, or a number (with decimals) before a currency.
fn has_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for (at, &c) in chars.iter().enumerate() {
        if CURRENCY_SIGNS.contains(&c) {
            let next = chars.get(at + 1).copied();
            let after_space = if next == Some(' ') { chars.get(at + 2).copied() } else { next };
            if after_space.is_some_and(|d| d.is_ascii_digit()) {
                return true;
            }
        }
        if c.is_ascii_digit() && !chars.get(at + 1).is_some_and(|d| d.is_ascii_digit()) {
            let mut rest = at + 1;
            if matches!(chars.get(rest), Some('.') | Some(',')) && chars.get(rest + 1).is_some_and(char::is_ascii_digit) && chars.get(rest + 2).is_some_and(char::is_ascii_digit) {
                rest += 3;
            }
            if chars.get(rest) == Some(&' ') {
                rest += 1;
            }
            let tail: String = chars[rest.min(chars.len())..].iter().take(3).collect();
            if CURRENCY_AFTER.iter().any(|currency| tail.starts_with(currency)) {
                return true;
            }
        }
    }
    false
}

/// "Weight: 2 kg": a colon within the first 30 characters, something after it.
fn is_key_value(text: &str) -> bool {
    for (position, (at, c)) in text.char_indices().enumerate() {
        if position > 30 {
            return false;
        }
        if c == ':' || c == '：' {
            return position >= 1 && text[at + c.len_utf8()..].trim_start().chars().next().is_some();
        }
    }
    false
}

/// "name@host.tld".
fn has_email(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| {
        b == b'@'
            && at > 0
            && (bytes[at - 1] as char).is_alphanumeric()
            && bytes[at + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count() > 0
            && bytes[at + 1..].contains(&b'.')
    })
}

fn title_case_share(text: &str) -> f32 {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).count() as f32 / words.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary {
            function_words: ["the", "of", "and", "a"].iter().map(|w| w.to_string()).collect(),
            unspaced_function_chars: "的了是".chars().collect(),
            unspaced_ranges: vec![('\u{3040}', '\u{30ff}'), ('\u{3400}', '\u{4dbf}'), ('\u{4e00}', '\u{9fff}')],
            sentence_end: ".!?。".chars().collect(),
        }
    }

    #[test]
    fn counts_and_flags() {
        let row = stats("The price of the Widget is $19.99 today.", &vocabulary());
        assert_eq!(row[0], 40.0);
        assert_eq!(row[2], 4.0);
        assert_eq!(row[4], 1.0);
        assert_eq!(row[8], 1.0);
        assert!(row[6] > 0.3);
        let row = stats("他的书是好的。", &vocabulary());
        assert_eq!(row[7], 6.0);
        assert!(row[6] > 0.5);
        assert_eq!(stats("Weight: 2 kg", &vocabulary())[9], 1.0);
        assert_eq!(stats("mail jane.doe@example.com now", &vocabulary())[10], 1.0);
        assert_eq!(stats("HOME NEWS", &vocabulary())[12], 1.0);
        assert_eq!(stats("12 EUR", &vocabulary())[8], 1.0);
        assert_eq!(stats("a 12 euros", &vocabulary())[8], 0.0);
    }
}
