//! Block classes (worker/pipeline/segment/classify.py): the rules that give every block of a page
//! its class (prose, short, tiny, junk) and its size in words, in one call per page.
//!
//! The rules are the ones the Python module documents; they run here because they run on every
//! block of every page, where a Python loop cost more than any other per-block step. What a rule
//! reads of a text comes in two kinds:
//!
//! * literal tests (the last character, copyright marks, link separators, clause punctuation,
//!   repeats on the page) are exact in Rust for any text;
//! * measures whose meaning is Python's own string semantics (its size in words, its letters, its
//!   capitals, its function-word share) are computed here for ASCII text, where Python's letters,
//!   cases, lower case and white space are the ASCII ones, and asked of Python ([`Measures`]) for
//!   any other text, so that every script keeps exactly the meaning it has in Python.

use std::collections::HashMap;

use crate::flags::FxHashSet;

pub const PROSE: u8 = 0;
pub const SHORT: u8 = 1;
pub const TINY: u8 = 2;
pub const JUNK: u8 = 3;

/// The thresholds and vocabulary of the rules (handed over once by classify.py).
pub struct Rules {
    pub function_words: FxHashSet<String>,
    pub sentence_end: FxHashSet<char>,
    pub question_marks: FxHashSet<char>,
    /// the first bytes of Han/kana characters in UTF-8
    pub unspaced_lead_bytes: [bool; 256],
    pub min_function_ratio: f64,
    pub function_sample_chars: usize,
    pub min_sentence_words: f64,
    pub min_prose_words: f64,
    pub long_block_words: f64,
    pub unknown_language_function_ratio: f64,
    pub language_sample_blocks: usize,
    pub known_language_total: f64,
    pub min_question_words: f64,
    pub max_link_density: f64,
    pub sampled_block_words: f64,
    pub max_breadcrumb_chars: usize,
}

/// What the rules read of one block.
pub struct BlockFacts<'a> {
    pub text: &'a str,
    pub heading_level: i64,
    pub link_density: f64,
}

/// The measures of a non-ASCII text, with Python's meaning (see the module docs); `index` is the
/// block's position on the page.
pub trait Measures {
    type Error;
    /// Size in words (Han/kana characters count half a word) and the count of those characters.
    fn size(&self, index: usize) -> Result<(f64, usize), Self::Error>;
    fn letters(&self, index: usize) -> Result<usize, Self::Error>;
    /// A line in capitals: no unspaced characters, upper case, capitals most of its letters.
    fn shouting(&self, index: usize, unspaced: usize) -> Result<bool, Self::Error>;
    fn function_ratio(&self, index: usize, unspaced: usize) -> Result<f64, Self::Error>;
    fn full_of_function_words(&self, index: usize, unspaced: usize) -> Result<bool, Self::Error>;
}

/// Every block's class and size in words (the rules of classify.py's `classify_blocks`).
pub fn classify<M: Measures>(blocks: &[BlockFacts], rules: &Rules, measures: &M) -> Result<(Vec<u8>, Vec<f64>), M::Error> {
    let page = Page { blocks, rules, measures };
    // (std's seeded hash: a page's texts are the sender's to choose, and a fixed hash would let
    // them collide on purpose, making the count quadratic)
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(blocks.len());
    for block in blocks {
        *counts.entry(block.text).or_insert(0) += 1;
    }
    let mut kinds = Vec::with_capacity(blocks.len());
    let mut sizes = Vec::with_capacity(blocks.len());
    let mut function_ratios: Vec<f64> = Vec::new();
    let mut questions: Vec<usize> = Vec::new();
    let (mut need_ratio, mut sampled_total) = (true, 0.0f64);
    for (index, block) in blocks.iter().enumerate() {
        let text = block.text;
        let last = text.chars().next_back();
        let ends_sentence = last.is_some_and(|c| rules.sentence_end.contains(&c));
        let repeated = counts[text] > 1;
        let (words, unspaced) = if text.is_ascii() {
            let words = (text.bytes().filter(|&b| b == b' ').count() + 1) as f64;
            // the commonest block of all, the one- or two-word menu item
            if words <= 2.0 && !ends_sentence && block.heading_level == 0 {
                sizes.push(words);
                kinds.push(if repeated { JUNK } else { TINY });
                continue;
            }
            (words, 0)
        } else {
            size(text, index, rules, measures)?
        };
        sizes.push(words);
        let asks = words >= rules.min_question_words && last.is_some_and(|c| rules.question_marks.contains(&c));
        if repeated && (words > 2.0 || ends_sentence || block.heading_level == 0) {
            // a repeated block is junk whatever else it shows, bar a one- or two-word heading
            kinds.push(JUNK);
            if asks {
                questions.push(index);
            }
            continue;
        }
        let (kind, ratio) = page.classify(index, words, unspaced, false, true, need_ratio)?;
        kinds.push(kind);
        if let Some(ratio) = ratio {
            if words >= rules.sampled_block_words && need_ratio {
                function_ratios.push(ratio);
                sampled_total += ratio;
                // once the sample is sure to average above the threshold, the language is a known one
                need_ratio = function_ratios.len() < rules.language_sample_blocks && sampled_total < rules.known_language_total;
            }
        }
        if kind == JUNK && asks {
            questions.push(index);
        }
    }
    if !function_ratios.is_empty() && function_ratios.iter().sum::<f64>() / (function_ratios.len() as f64) < rules.unknown_language_function_ratio {
        // a language without a function-word list: every block again, without that test
        for (index, block) in blocks.iter().enumerate() {
            if sizes[index] >= rules.min_sentence_words {
                let unspaced = if block.text.is_ascii() { 0 } else { size(block.text, index, rules, measures)?.1 };
                kinds[index] = page.classify(index, sizes[index], unspaced, counts[block.text] > 1, false, true)?.0;
            }
        }
    }
    // an interview's repeated question, answered by a paragraph, is a short line
    for index in questions {
        if index + 1 < kinds.len() && kinds[index + 1] == PROSE && blocks[index].link_density <= rules.max_link_density {
            kinds[index] = SHORT;
        }
    }
    Ok((kinds, sizes))
}

/// The size in words of a non-ASCII text and its count of Han/kana characters: as for ASCII
/// text when it holds none of the UTF-8 lead bytes of those characters (classify.py's
/// `may_hold_unspaced` test); else Python's measure.
fn size<M: Measures>(text: &str, index: usize, rules: &Rules, measures: &M) -> Result<(f64, usize), M::Error> {
    if text.bytes().any(|byte| rules.unspaced_lead_bytes[byte as usize]) {
        return measures.size(index);
    }
    Ok(((text.bytes().filter(|&b| b == b' ').count() + 1) as f64, 0))
}

struct Page<'a, M> {
    blocks: &'a [BlockFacts<'a>],
    rules: &'a Rules,
    measures: &'a M,
}

impl<M: Measures> Page<'_, M> {
    /// The class of one block from its own features, and its function-word ratio when computed
    /// (classify.py's `_classify`).
    fn classify(&self, index: usize, words: f64, unspaced: usize, repeated: bool, trust: bool, need_ratio: bool) -> Result<(u8, Option<f64>), M::Error> {
        let rules = self.rules;
        let block = &self.blocks[index];
        let text = block.text;
        let ascii = text.is_ascii();
        let ends_sentence = text.chars().next_back().is_some_and(|c| rules.sentence_end.contains(&c));
        if block.link_density > rules.max_link_density {
            return Ok((JUNK, None));
        }
        if words <= 2.0 && !ends_sentence {
            if block.heading_level != 0 {
                return Ok((SHORT, None));
            }
            return Ok((if repeated { JUNK } else { TINY }, None));
        }
        let chars = if ascii { text.len() } else { text.chars().count() };
        if chars < rules.max_breadcrumb_chars {
            if text.contains("opyright") || text.contains("OPYRIGHT") || (!ascii && (text.contains('©') || text.contains("版权"))) {
                return Ok((JUNK, None));
            }
            let separators = text.matches('|').count() + text.matches(" > ").count() + if ascii { 0 } else { text.matches('›').count() + text.matches('»').count() };
            if separators >= 2 {
                return Ok((JUNK, None)); // a row of links or a breadcrumb
            }
        }
        if words < rules.min_sentence_words {
            if repeated {
                return Ok((JUNK, None));
            }
            let letters = if ascii { text.bytes().filter(u8::is_ascii_alphabetic).count() } else { self.measures.letters(index)? };
            if 2 * letters < chars - text.matches(' ').count() {
                return Ok((JUNK, None)); // mostly digits and symbols: a date, a counter, a price
            }
            return Ok((SHORT, None));
        }
        let shouting = if ascii { ascii_shouting(text) } else { self.measures.shouting(index, unspaced)? };
        if repeated || shouting {
            return Ok((JUNK, None));
        }
        let function_ratio = || -> Result<f64, M::Error> {
            match ascii.then(|| ascii_function_ratio(text, rules)).flatten() {
                Some(ratio) => Ok(ratio),
                None => self.measures.function_ratio(index, unspaced),
            }
        };
        let sampled = need_ratio && words >= rules.sampled_block_words;
        if words >= rules.long_block_words {
            if !sampled && (ends_sentence || !trust) {
                return Ok((PROSE, None)); // a long paragraph ending like one
            }
            let ratio = function_ratio()?;
            if ratio >= rules.min_function_ratio || !trust || ends_sentence || clause_marks(text, unspaced) >= 2 {
                return Ok((PROSE, Some(ratio)));
            }
            return Ok((SHORT, Some(ratio)));
        }
        // below that size a block is prose only when it reads like a sentence and is full of
        // function words: the cheap tests first
        let sentence_like = if words >= rules.min_prose_words {
            ends_sentence || clause_marks(text, unspaced) >= if unspaced > 0 { 1 } else { 2 }
        } else {
            ends_sentence && !(text.ends_with("...") || text.ends_with('…'))
        };
        if !sentence_like {
            return Ok((SHORT, if sampled { Some(function_ratio()?) } else { None }));
        }
        if trust && !sampled {
            // only the verdict is wanted, not the ratio
            let full = match ascii.then(|| ascii_function_ratio(text, rules)).flatten() {
                Some(ratio) => ratio >= rules.min_function_ratio,
                None => self.measures.full_of_function_words(index, unspaced)?,
            };
            return Ok((if full { PROSE } else { SHORT }, None));
        }
        let ratio = if trust || sampled { Some(function_ratio()?) } else { None };
        if !trust || ratio.is_some_and(|ratio| ratio >= rules.min_function_ratio) {
            return Ok((PROSE, ratio));
        }
        Ok((SHORT, ratio))
    }
}

/// The measures the rules take of ASCII text here rather than from Python: its letters, whether
/// it is in capitals, its function-word ratio (for the tests that hold them to Python's).
pub fn ascii_measures(text: &str, rules: &Rules) -> Option<(usize, bool, Option<f64>)> {
    text.is_ascii().then(|| (text.bytes().filter(u8::is_ascii_alphabetic).count(), ascii_shouting(text), ascii_function_ratio(text, rules)))
}

/// Commas and other punctuation found inside sentences (classify.py's `_clause_marks`).
fn clause_marks(text: &str, unspaced: usize) -> usize {
    let mut marks = text.matches(',').count() + text.matches(';').count() + text.matches(". ").count() + text.matches(": ").count();
    if unspaced > 0 {
        marks += ['，', '、', '。', '；', '：'].iter().map(|&mark| text.matches(mark).count()).sum::<usize>();
    }
    marks
}

/// Python's `text.isupper()` and most letters capitals, for ASCII text.
fn ascii_shouting(text: &str) -> bool {
    let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
    let lower = text.bytes().filter(u8::is_ascii_lowercase).count();
    upper > 0 && lower == 0 && 2 * upper > upper + lower
}

/// The white space Python's `str.split()` splits ASCII text at.
fn python_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f)
}

/// The share of function words among the first words of ASCII text, as classify.py's
/// `_function_ratio` reads it (its first characters, lower-cased and split at white space; the
/// last word left out when there are more than three, as it may be cut); None without words.
fn ascii_function_ratio(text: &str, rules: &Rules) -> Option<f64> {
    let sample = &text.as_bytes()[..text.len().min(rules.function_sample_chars)];
    let mut lowered = [0u8; 64];
    let (mut words, mut hits, mut last_hit) = (0usize, 0usize, false);
    for word in sample.split(|&b| python_space(b)).filter(|word| !word.is_empty()) {
        // (lower-cased in a buffer on the stack; a longer word, if any, on the heap)
        last_hit = if word.len() <= lowered.len() {
            let lowered = &mut lowered[..word.len()];
            lowered.copy_from_slice(word);
            lowered.make_ascii_lowercase();
            std::str::from_utf8(lowered).is_ok_and(|word| rules.function_words.contains(word))
        } else {
            String::from_utf8(word.to_ascii_lowercase()).is_ok_and(|word| rules.function_words.contains(&word))
        };
        words += 1;
        hits += last_hit as usize;
    }
    if words > 3 {
        words -= 1;
        hits -= last_hit as usize;
    }
    (words > 0).then(|| hits as f64 / words as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules {
            function_words: ["the", "of", "and", "a", "is", "to", "in"].iter().map(|w| w.to_string()).collect(),
            sentence_end: ".!?\"".chars().collect(),
            question_marks: "?".chars().collect(),
            unspaced_lead_bytes: [false; 256],
            min_function_ratio: 0.12,
            function_sample_chars: 150,
            min_sentence_words: 6.0,
            min_prose_words: 8.0,
            long_block_words: 30.0,
            unknown_language_function_ratio: 0.08,
            language_sample_blocks: 8,
            known_language_total: 0.64,
            min_question_words: 3.0,
            max_link_density: 0.5,
            sampled_block_words: 15.0,
            max_breadcrumb_chars: 300,
        }
    }

    /// ASCII pages only: Python is never asked.
    struct AsciiOnly;
    impl Measures for AsciiOnly {
        type Error = ();
        fn size(&self, _: usize) -> Result<(f64, usize), ()> { Err(()) }
        fn letters(&self, _: usize) -> Result<usize, ()> { Err(()) }
        fn shouting(&self, _: usize, _: usize) -> Result<bool, ()> { Err(()) }
        fn function_ratio(&self, _: usize, _: usize) -> Result<f64, ()> { Err(()) }
        fn full_of_function_words(&self, _: usize, _: usize) -> Result<bool, ()> { Err(()) }
    }

    fn kinds(texts: &[&str]) -> Vec<u8> {
        let blocks: Vec<BlockFacts> = texts.iter().map(|text| BlockFacts { text, heading_level: 0, link_density: 0.0 }).collect();
        classify(&blocks, &rules(), &AsciiOnly).unwrap().0
    }

    #[test]
    fn menus_prose_and_repeats() {
        let paragraph = "The mayor said on Tuesday that the plan is to open the new bridge in the spring of next year.";
        assert_eq!(kinds(&["Home", "Sports", paragraph, "Share", "Share"]), vec![TINY, TINY, PROSE, JUNK, JUNK]);
        assert_eq!(kinds(&["Copyright 2024 Example Media, all rights"]), vec![JUNK]);
        assert_eq!(kinds(&["12/05/2024 - 10:31"]), vec![JUNK]);
        assert_eq!(kinds(&["Weather | Traffic | Sports | Business"]), vec![JUNK]);
        assert_eq!(kinds(&["CLICK HERE TO GET THE APP NOW"]), vec![JUNK]);
    }

    #[test]
    fn function_ratio_reads_python_words() {
        // "\x1f" separates words in Python's str.split(), and the last of many words is left out
        let ratio = ascii_function_ratio("The\x1fcat and THE dog of", &rules()).unwrap();
        assert_eq!(ratio, 3.0 / 5.0);
        assert_eq!(ascii_function_ratio(" \t ", &rules()), None);
    }
}
