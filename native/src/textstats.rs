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
    /// the UTF-8 length of the longest function word: a longer word is none
    pub longest_function_word: usize,
    pub unspaced_function_chars: FxHashSet<char>,
    pub unspaced_ranges: Vec<(char, char)>,
    pub sentence_end: FxHashSet<char>,
}

/// The ASCII path of the function-word ratio lowers a word in a buffer of this size; with a longer
/// function word in the vocabulary, the general path is taken.
const MAX_FUNCTION_WORD_BYTES: usize = 32;

impl Vocabulary {
    pub fn new(function_words: FxHashSet<String>, unspaced_function_chars: FxHashSet<char>, unspaced_ranges: Vec<(char, char)>, sentence_end: FxHashSet<char>) -> Self {
        let longest_function_word = function_words.iter().map(String::len).max().unwrap_or(0);
        Vocabulary { function_words, longest_function_word, unspaced_function_chars, unspaced_ranges, sentence_end }
    }

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
    let ascii = text.is_ascii();
    if ascii {
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
    row[11] = if ascii && chars <= LABEL_CHARS { title_case_share(bytes) } else { 0.0 };
    row[12] = (ascii && cased && all_upper) as u8 as f32;
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
    if text.is_ascii() && vocabulary.longest_function_word <= MAX_FUNCTION_WORD_BYTES {
        return ascii_function_ratio(&text.as_bytes()[..text.len().min(FUNCTION_SAMPLE_CHARS)], vocabulary);
    }
    spaced_function_ratio(text, vocabulary)
}

/// [`function_ratio`] of a spaced text, any text.
fn spaced_function_ratio(text: &str, vocabulary: &Vocabulary) -> f32 {
    let end = text.char_indices().nth(FUNCTION_SAMPLE_CHARS).map_or(text.len(), |(at, _)| at);
    let sample = &text[..end];
    // (an ASCII sample without capitals is its own lower case: no copy)
    let lowered: Cow<str> = if sample.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) { Cow::Borrowed(sample) } else { Cow::Owned(sample.to_lowercase()) };
    share_of_hits(lowered.split_whitespace().map(|word| vocabulary.function_words.contains(word)))
}

/// The share of function words among a sample's words (whether each is one, in order).
fn share_of_hits(hits_of_words: impl Iterator<Item = bool>) -> f32 {
    let (mut words, mut hits, mut last_hit) = (0usize, 0usize, false);
    for hit in hits_of_words {
        last_hit = hit;
        words += 1;
        hits += hit as usize;
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

/// [`function_ratio`] of an ASCII sample, without copying it: its words are the runs between
/// ASCII white space (what `split_whitespace` splits ASCII at), each lowered into a small buffer;
/// a word longer than every function word is no function word, unlooked-up.
fn ascii_function_ratio(sample: &[u8], vocabulary: &Vocabulary) -> f32 {
    let mut lowered = [0u8; MAX_FUNCTION_WORD_BYTES];
    share_of_hits(sample.split(|&byte| matches!(byte, b'\t'..=b'\r' | b' ')).filter(|word| !word.is_empty()).map(|word| {
        word.len() <= vocabulary.longest_function_word && {
            let lowered = &mut lowered[..word.len()];
            for (to, &from) in lowered.iter_mut().zip(word) {
                *to = from.to_ascii_lowercase();
            }
            // SAFETY: lowered ASCII is UTF-8.
            vocabulary.function_words.contains(unsafe { std::str::from_utf8_unchecked(lowered) })
        }
    }))
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

/// The share of an ASCII text's words (runs between ASCII white space) that start with a capital.
fn title_case_share(text: &[u8]) -> f32 {
    let (mut words, mut capitalised) = (0usize, 0usize);
    for word in text.split(|&byte| matches!(byte, b'\t'..=b'\r' | b' ')).filter(|word| !word.is_empty()) {
        words += 1;
        capitalised += word[0].is_ascii_uppercase() as usize;
    }
    if words == 0 {
        return 0.0;
    }
    capitalised as f32 / words as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            ["the", "of", "and", "a"].iter().map(|w| w.to_string()).collect(),
            "的了是".chars().collect(),
            vec![('\u{3040}', '\u{30ff}'), ('\u{3400}', '\u{4dbf}'), ('\u{4e00}', '\u{9fff}')],
            ".!?。".chars().collect(),
        )
    }

    #[test]
    fn the_ascii_function_ratio_is_the_general_one() {
        let vocabulary = vocabulary();
        let long = "The cat of the house and a dog ".repeat(8);
        for text in ["The Cat", "the\x0bcat\tof  a\r\nhouse", "A A A A", "  of the  ", "THE OF AND A x", "", "Theophrastus of a", long.as_str()] {
            let ascii = ascii_function_ratio(&text.as_bytes()[..text.len().min(FUNCTION_SAMPLE_CHARS)], &vocabulary);
            assert_eq!(ascii, spaced_function_ratio(text, &vocabulary), "{text:?}");
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
