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

use aho_corasick::AhoCorasick;

use crate::flags::{FxHashMap, FxHashSet};
use crate::text::is_space;

/// Punctuation common in otherwise-ASCII lines (curly quotes, dashes, ellipsis, guillemets,
/// bullets): no letter, digit, space or cased character, and its own case folding, so each only
/// separates words. The dashes and the middle dot are also title separators (" – ").
const INERT: [char; 11] = ['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2013}', '\u{2014}', '\u{2026}', '\u{ab}', '\u{bb}', '\u{2022}', '\u{b7}'];
/// Whether every character of `text` is ASCII, white space or [`INERT`]: text whose Python
/// string semantics (letters, digits, case, words, white space) are the ASCII ones.
pub fn plain(text: &str) -> bool {
    text.is_ascii() || text.chars().all(|c| c.is_ascii() || is_space(c) || INERT.contains(&c))
}

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
    if !plain(text) {
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

/// The candidate window of a page for [`title_rows`]: the texts and kinds (0 prose, 1 short,
/// 2 tiny, 3 junk, 4 none) of the blocks from `first` on (the block before `low`, when there
/// is one, to `dateline_reach` blocks after `high`), and the page's facts the rows read.
pub struct TitleWindow<'a> {
    pub texts: &'a [&'a str],
    pub kinds: &'a [u8],
    /// whether each block's text is on the page more than once
    pub repeated: &'a [bool],
    pub first: usize,
    /// the page's block count
    pub count: usize,
    pub low: usize,
    pub high: usize,
    /// the body's first block (or the region's start)
    pub start: usize,
    pub body: &'a FxHashSet<usize>,
    pub sentence_end: &'a [char],
    pub opening: &'a FxHashSet<String>,
    pub url: &'a FxHashSet<String>,
    pub rules: &'a str,
    pub limits: TitleLimits,
}

/// titlemodel's limits: a candidate has `min_chars` to `max_chars` characters once stripped; a
/// dated line of at most `max_dateline_chars`, at most `dateline_reach` lines below a candidate,
/// is its dateline; a typical headline has `title_words.0` to `title_words.1` words.
pub struct TitleLimits {
    pub min_chars: usize,
    pub max_chars: usize,
    pub dateline_reach: usize,
    pub max_dateline_chars: usize,
    pub title_words: (f64, f64),
}

/// Columns of a row (titlemodel.FEATURES).
pub const TITLE_WIDTH: usize = 30;

/// The candidates (block indices) and their rows (row-major, TITLE_WIDTH columns) as
/// titlemodel.candidates defines them. `other_facts` gives the facts of a line that is not
/// [`plain`] (Python's `line_facts`), `dated` whether a line holds a date or a time stamp
/// (asked once a line, and only of lines that may: a plain line without a digit holds none).
pub fn title_rows<E>(
    window: &TitleWindow,
    mut other_facts: impl FnMut(&str) -> Result<TitleFacts, E>,
    mut dated: impl FnMut(&str) -> Result<bool, E>,
) -> Result<(Vec<usize>, Vec<f64>), E> {
    let at = |index: usize| index - window.first;
    let mut dated_lines: Vec<Option<bool>> = vec![None; window.texts.len()];
    let mut is_dated = |index: usize| -> Result<bool, E> {
        let position = at(index);
        if let Some(known) = dated_lines[position] {
            return Ok(known);
        }
        let text = window.texts[position];
        let answer = if plain(text) && !text.bytes().any(|b| b.is_ascii_digit()) { false } else { dated(text)? };
        dated_lines[position] = Some(answer);
        Ok(answer)
    };
    let start = window.start as f64;
    let (mut indices, mut rows) = (Vec::new(), Vec::new());
    for index in window.low..window.high {
        let text = window.texts[at(index)].trim_matches(is_space);
        let chars = text.chars().count();
        if !(window.limits.min_chars..=window.limits.max_chars).contains(&chars) {
            continue;
        }
        let facts = match title_facts(text, window.opening, window.url, window.rules) {
            Some(facts) => facts,
            None => other_facts(text)?,
        };
        let (tokens, letters_first, capitals_first, has_digit, has_separator, content, in_opening, in_url, is_rules) = facts;
        let kind = window.kinds[at(index)];
        let share = |part: usize, whole: usize| if whole > 0 { part as f64 / whole as f64 } else { 0.0 };
        let flag = |value: bool| value as u8 as f64;
        rows.extend_from_slice(&[
            (tokens as f64).ln_1p(),
            (chars as f64).ln_1p(),
            ((start - index as f64) / 10.0).clamp(-1.0, 4.0),
            flag(index < window.start),
            flag(index == window.start),
            flag(text.chars().next_back().is_some_and(|c| window.sentence_end.contains(&c))),
            share(capitals_first, letters_first),
            flag(has_digit),
            flag(has_digit && is_dated(index)?),
            flag(has_separator),
            share(in_opening, content),
            share(in_url, content),
            flag(window.repeated[at(index)]),
            flag(kind == 0),
            flag(kind == 1),
            flag(kind == 2),
            flag(kind == 3),
            flag(is_rules),
            flag(window.rules.is_empty()),
            flag(indices.is_empty()),
        ]);
        rows.extend_from_slice(&[0.0; TITLE_WIDTH - 20]);
        indices.push(index);
    }
    // Facts relative to the other candidates.
    let best_overlap = rows.chunks_exact(TITLE_WIDTH).map(|row| row[10]).fold(0.0, f64::max);
    let mut datelines = vec![false; window.texts.len()];
    for line in window.low + 1..window.count.min(window.high + window.limits.dateline_reach) {
        datelines[at(line)] = window.texts[at(line)].chars().count() <= window.limits.max_dateline_chars && is_dated(line)?;
    }
    let prose = |index: usize| index < window.count && window.kinds[at(index)] == 0;
    for (&index, row) in indices.iter().zip(rows.chunks_exact_mut(TITLE_WIDTH)) {
        let below = index + 1..(index + 4).min(window.count);
        row[20] = (best_overlap > 0.0 && row[10] == best_overlap) as u8 as f64;
        row[21] = best_overlap - row[10];
        row[22] = (window.start.abs_diff(index) as f64).ln_1p();
        row[23] = row[10] * row[3];
        let (fewest, most) = window.limits.title_words;
        row[24] = (fewest <= row[0].exp_m1() && row[0].exp_m1() <= most) as u8 as f64;
        row[25] = (index + 1..index + 1 + window.limits.dateline_reach).any(|line| line < window.count && datelines[at(line)]) as u8 as f64;
        row[26] = prose(index + 1) as u8 as f64;
        row[27] = below.into_iter().any(prose) as u8 as f64;
        row[28] = (index > 0 && prose(index - 1)) as u8 as f64;
        row[29] = window.body.contains(&index) as u8 as f64;
    }
    Ok((indices, rows))
}

// ---------------------------------------------------------------------------------------------
// The feature table's per-line flags (worker/pipeline/segment/features.py): whether a short line
// opens a comments/related section (segment/region.py `end_cue`), carries a time stamp
// (`time_stamp`), or is a legal notice (segment/classify.py `legal_notice`). Those are Python
// calls per line, a third of the features step; for plain lines ([`plain`]) they are decided
// here with the same vocabulary, handed over from Python, and the same patterns, written out
// below for the characters a plain line can hold. tests/unit/test_line_flags.py compares both
// on generated lines.

/// The end-of-article cues, by their first two characters (region.END_CUES_BY_HEAD), each with
/// whether its last character is a letter or digit; the legal-notice markers and phrases; the
/// length limits.
pub struct LineFlags {
    pub cues_by_head: FxHashMap<String, Vec<(String, bool)>>,
    /// any of the legal-notice markers, in one scan (as classify.LEGAL_MARKER_SCAN)
    pub legal_markers: AhoCorasick,
    pub legal_phrases: Vec<String>,
    pub max_cue_chars: usize,
    pub max_legal_chars: usize,
}

/// Characters region.end_cue strips from a line's start before looking for a cue.
const CUE_LEAD: [char; 10] = [' ', '[', '(', '#', '*', '-', '\u{2013}', '\u{2014}', '\u{2022}', '|'];
/// The words of region.COMMENT_COUNT that a plain line can hold ("comments?", "responses?"...).
const COMMENT_WORDS: [&str; 13] = [
    "comments", "comment", "responses", "response", "replies", "reply", "thoughts", "reactions", "kommentare",
    "commentaires", "comentarios", "commenti", "reacties",
];
/// The units of region.RELATIVE_TIME's "3 days ago" ("min(?:ute)?s?|hours?|hrs?|...").
const TIME_UNITS: [&str; 16] = [
    "minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "days", "day", "weeks", "week", "months", "month",
    "years", "year",
];
/// The words of region.RELATIVE_TIME that come before the number ("vor 3 Tagen", "il y a 2 jours").
const TIME_WORDS_BEFORE: [&str; 3] = ["vor", "il y a", "hace"];

/// `\w` of a character of a plain line.
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// How many white-space characters start `text`, and the rest.
fn spaces(text: &str) -> (usize, &str) {
    let rest = text.trim_start_matches(is_space);
    (text[..text.len() - rest.len()].chars().count(), rest)
}

/// `\b` at the end of a match that ends in a word character, followed by `rest`.
fn word_ends(rest: &str) -> bool {
    !rest.chars().next().is_some_and(word_char)
}

/// `text` starts with `prefix`, ASCII letters compared without case; the rest.
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

impl LineFlags {
    /// region.end_cue of a plain line (lower-cased as ASCII, which is str.lower() there).
    pub fn end_cue(&self, text: &str) -> bool {
        if text.chars().count() > self.max_cue_chars {
            return false;
        }
        let lowered = text.to_ascii_lowercase();
        let lowered = lowered.trim_start_matches(CUE_LEAD);
        let head_end = lowered.char_indices().nth(2).map_or(lowered.len(), |(at, _)| at);
        if let Some(cues) = self.cues_by_head.get(&lowered[..head_end]) {
            for (cue, ends_alphanumeric) in cues {
                if let Some(rest) = lowered.strip_prefix(cue.as_str()) {
                    return rest.is_empty() || !rest.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) || !ends_alphanumeric;
                }
            }
        }
        comment_count(lowered)
    }

    /// region.time_stamp of a plain line.
    pub fn time_stamp(&self, text: &str) -> bool {
        if text.chars().count() > self.max_cue_chars || !text.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        clock_time(text) || relative_time(text)
    }

    /// classify.legal_notice of a plain line.
    pub fn legal_notice(&self, text: &str) -> bool {
        if text.chars().count() >= self.max_legal_chars || !self.legal_markers.is_match(text) {
            return false;
        }
        let lowered = text.to_ascii_lowercase();
        self.legal_phrases.iter().any(|phrase| lowered.contains(phrase.as_str()))
    }
}

/// region.COMMENT_COUNT.match of a lowered plain line: "34 responses to ...", "[ 167 comments ]"
/// (the line's leading "[ " is already stripped: a count must then start it).
fn comment_count(lowered: &str) -> bool {
    let digits = lowered.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=6).contains(&digits) {
        return false;
    }
    let (gap, rest) = spaces(&lowered[digits..]);
    (1..=3).contains(&gap)
        && COMMENT_WORDS.iter().any(|word| rest.strip_prefix(word).is_some_and(word_ends))
}

/// region.CLOCK_TIME.search: "07:52", "9h30", not inside a longer number.
fn clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |at: usize| b.get(at).is_some_and(u8::is_ascii_digit);
    let minutes = |at: usize| matches!(b.get(at), Some(b':' | b'h')) && matches!(b.get(at + 1), Some(b'0'..=b'5')) && digit(at + 2) && !digit(at + 3);
    (0..b.len()).any(|at| {
        (at == 0 || !digit(at - 1)) && ((matches!(b[at], b'0'..=b'2') && digit(at + 1) && minutes(at + 2)) || (digit(at) && minutes(at + 1)))
    })
}

/// region.RELATIVE_TIME.search (IGNORECASE): "3 days ago", "vor 2 Stunden", "il y a 5 jours",
/// "hace 1 hora".
fn relative_time(text: &str) -> bool {
    let ago = text.char_indices().any(|(at, c)| {
        c.is_ascii_digit() && {
            let (gap, rest) = spaces(&text[at + 1..]);
            gap <= 2
                && TIME_UNITS.iter().any(|unit| {
                    strip_prefix_ignoring_case(rest, unit).is_some_and(|rest| {
                        let (gap, rest) = spaces(rest);
                        (1..=2).contains(&gap) && strip_prefix_ignoring_case(rest, "ago").is_some_and(word_ends)
                    })
                })
        }
    });
    ago || text.char_indices().any(|(at, c)| {
        (at == 0 || !text[..at].chars().next_back().is_some_and(word_char))
            && word_char(c)
            && TIME_WORDS_BEFORE.iter().any(|word| {
                strip_prefix_ignoring_case(&text[at..], word).is_some_and(|rest| {
                    let (gap, rest) = spaces(rest);
                    (1..=2).contains(&gap) && rest.starts_with(|c: char| c.is_ascii_digit())
                })
            })
    })
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
