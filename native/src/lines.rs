//! Facts about the title model's candidate lines (worker/pipeline/segment/titlemodel.py), for
//! lines written in ASCII.
//!
//! Each candidate line costs the title step a dozen Python-level passes over its text (tokens,
//! capitals, digits, separators, its content words and their overlap with the opening paragraphs
//! and the URL, its normalised form). For a line of ASCII characters, white space and a few
//! common punctuation marks ([`INERT`]) every one of those definitions is a plain character
//! test: letters and digits are [A-Za-z0-9], case folding is ASCII lowercasing, white space is
//! what `str.isspace()` calls white space. Such lines (about 93% of the AEB pages' candidates)
//! are read here in one pass each; the others stay with the Python definitions, and
//! tests/unit/test_title_model.py checks that both give the same facts on such text.

use crate::flags::FxHashSet;
use crate::text::is_space;

/// Punctuation common in otherwise-ASCII lines (curly quotes, dashes, ellipsis, guillemets,
/// bullets): no letter, digit, space or cased character, and its own case folding, so each only
/// separates words. The dashes and the middle dot are also title separators (" – ").
const INERT: [char; 11] = ['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2013}', '\u{2014}', '\u{2026}', '\u{ab}', '\u{bb}', '\u{2022}', '\u{b7}'];
/// The characters that separate a title's parts when spaced on both sides (" | ", " - ").
const SEPARATORS: [char; 6] = ['|', '-', '\u{2013}', '\u{2014}', ':', '\u{b7}'];
/// Lowercased words shorter than this are no content words.
const MIN_CONTENT_WORD: usize = 4;

/// The facts of one line, in the order Python unpacks them: tokens (``str.split``), tokens
/// starting with a letter, those starting with a capital, has a digit, has a spaced separator,
/// distinct content words, of them in `opening`, of them in `url`, and whether its normalised
/// form equals a non-empty `rules`.
pub type TitleFacts = (usize, usize, usize, bool, bool, usize, usize, usize, bool);

/// The facts of `text` (a stripped line), or None when it holds another character than ASCII,
/// white space and [`INERT`] punctuation.
pub fn title_facts(text: &str, opening: &FxHashSet<String>, url: &FxHashSet<String>, rules: &str) -> Option<TitleFacts> {
    if !text.is_ascii() && !text.chars().all(|c| c.is_ascii() || is_space(c) || INERT.contains(&c)) {
        return None;
    }
    let (mut tokens, mut letters_first, mut capitals_first) = (0, 0, 0);
    let mut has_digit = false;
    let mut has_separator = false;
    // (is white space, is a separator) of the character before and of the one before that
    let (mut previous, mut before) = ((false, false), (false, false));
    for (at, c) in text.chars().enumerate() {
        let this = (is_space(c), SEPARATORS.contains(&c));
        if (at == 0 || previous.0) && !this.0 {
            tokens += 1;
            letters_first += c.is_ascii_alphabetic() as usize;
            capitals_first += c.is_ascii_uppercase() as usize;
        }
        has_digit |= c.is_ascii_digit();
        has_separator |= this.0 && previous.1 && before.0;
        (before, previous) = (previous, this);
    }

    let lowered = text.to_ascii_lowercase();
    let mut content: FxHashSet<&str> = FxHashSet::default();
    for word in lowered.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() >= MIN_CONTENT_WORD {
            content.insert(word);
        }
    }
    let in_opening = content.iter().filter(|word| opening.contains(**word)).count();
    let in_url = content.iter().filter(|word| url.contains(**word)).count();

    let is_rules = !rules.is_empty() && {
        let mut normalised = lowered.split(is_space).filter(|token| !token.is_empty());
        let mut wanted = rules.split(' ');
        loop {
            match (normalised.next(), wanted.next()) {
                (None, None) => break true,
                (Some(token), Some(other)) if token == other => continue,
                _ => break false,
            }
        }
    };
    Some((tokens, letters_first, capitals_first, has_digit, has_separator, content.len(), in_opening, in_url, is_rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> FxHashSet<String> {
        words.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn a_headline() {
        let facts = title_facts("Storm hits Tampa | Local News 2024", &set(&["storm", "tampa"]), &set(&["news"]), "storm hits tampa | local news 2024");
        assert_eq!(facts, Some((7, 5, 4, true, true, 6, 2, 1, true)));
        assert_eq!(title_facts("Ünïcode line", &set(&[]), &set(&[]), ""), None);
        let dashed = title_facts("\u{201c}Storm\u{201d} \u{2014} news\u{a0}2024", &set(&["storm"]), &set(&[]), "").unwrap();
        assert_eq!(dashed, (4, 1, 0, true, true, 3, 1, 0, false));
        assert!(!title_facts("| a", &set(&[]), &set(&[]), "").unwrap().4);
        assert!(title_facts("a | b", &set(&[]), &set(&[]), "").unwrap().4);
    }

    #[test]
    fn rules_compare_whole_tokens() {
        let none = set(&[]);
        assert!(title_facts("A  b\tc", &none, &none, "a b c").unwrap().8);
        assert!(!title_facts("A b", &none, &none, "a b c").unwrap().8);
        assert!(!title_facts("A b c", &none, &none, "a b").unwrap().8);
        assert!(!title_facts("A b c", &none, &none, "").unwrap().8);
        assert!(!title_facts("A b c", &none, &none, "a  b c").unwrap().8);
    }
}
