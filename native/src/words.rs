//! The page-type model's word set: the distinct lower-case words of two letters or more of a
//! page's block texts (segment/pagetype.py's PAGE_WORD, `[^\W\d_]{2,}`), found in one pass over
//! the texts' code points instead of a Python loop over white-space tokens.
//!
//! Exactness rests on two things Python decides: the letters (the code points the pattern's class
//! `[^\W\d_]` matches, handed over as ranges that Python's own `re` found, so the Unicode version
//! and the class's odd members, such as superscript digits, are Python's) and the lower case
//! (`str.lower()`, called on any text that is not ASCII; ASCII is lowered here, where both agree).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::flags::FxHasher;

/// FxHash with its high bits folded into the low ones at the end: the table picks a bucket by the
/// low bits, which FxHash's last multiply leaves depending on fewer input bits than the high ones
/// (a small gain here, ~5% of the scan on a test page; std's SipHash was slower than either).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(FxHasher);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.0.write_u8(value);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.finish().rotate_left(26)
    }
}

pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
type WordHashSet<'t> = HashSet<Cow<'t, str>, BuildHasherDefault<WordHasher>>;

/// The letters above ASCII, as sorted, disjoint (low, high) code-point ranges.
pub struct Letters {
    ranges: Vec<(u32, u32)>,
}

impl Letters {
    pub fn new(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.sort_unstable();
        Letters { ranges }
    }

    #[inline]
    pub fn contains(&self, point: u32) -> bool {
        if point < 0x80 {
            return (point | 0x20).wrapping_sub(u32::from(b'a')) < 26;
        }
        // the last range starting at or below `point`
        let after = self.ranges.partition_point(|&(low, _)| low <= point);
        after > 0 && point <= self.ranges[after - 1].1
    }
}

/// Collects the distinct words of runs of letters, two or more code points long. A word is
/// borrowed from its text where it stands there as it is (lower-case ASCII, most words of most
/// pages); another is spelled out in a scratch buffer and copied only the first time it is seen
/// (a copy per capitalised word took half the time of an English page).
pub struct WordSet<'a, 't> {
    letters: &'a Letters,
    pub words: WordHashSet<'t>,
    spelled: String, // the UTF-8 of a word of code points, to look up before it is copied
}

impl<'a, 't> WordSet<'a, 't> {
    pub fn new(letters: &'a Letters) -> Self {
        WordSet { letters, words: WordHashSet::with_capacity_and_hasher(1024, Default::default()), spelled: String::new() }
    }

    /// Adds the word in `spelled`, copying it only if it is new.
    #[inline]
    fn add_spelled(&mut self) {
        if !self.words.contains(self.spelled.as_str()) {
            self.words.insert(Cow::Owned(self.spelled.clone()));
        }
    }

    /// Adds the words of an ASCII text, lowering its capitals.
    pub fn add_ascii(&mut self, text: &'t [u8]) {
        let mut at = 0;
        while at < text.len() {
            if !text[at].is_ascii_alphabetic() {
                at += 1;
                continue;
            }
            let start = at;
            let mut capitals = false;
            while at < text.len() && text[at].is_ascii_alphabetic() {
                capitals |= text[at].is_ascii_uppercase();
                at += 1;
            }
            if at - start > 1 {
                let run = &text[start..at];
                // SAFETY: ASCII letters are UTF-8.
                let word = unsafe { std::str::from_utf8_unchecked(run) };
                if !capitals {
                    self.words.insert(Cow::Borrowed(word));
                } else {
                    self.spelled.clear();
                    self.spelled.extend(run.iter().map(|&byte| byte.to_ascii_lowercase() as char));
                    self.add_spelled();
                }
            }
        }
    }

    /// Adds the words of a text already in lower case, as the code points of a Python string
    /// (1-, 2- or 4-byte units; surrogates are no letters).
    pub fn add_points<T: Copy + Into<u32>>(&mut self, units: &'t [T]) {
        let mut at = 0;
        while at < units.len() {
            if !self.letters.contains(units[at].into()) {
                at += 1;
                continue;
            }
            let start = at;
            while at < units.len() && self.letters.contains(units[at].into()) {
                at += 1;
            }
            if at - start > 1 {
                // a letter is never a surrogate, so always a char
                self.spelled.clear();
                self.spelled.extend(units[start..at].iter().map(|&unit| char::from_u32(unit.into()).unwrap_or('\u{fffd}')));
                self.add_spelled();
            }
        }
    }

    /// The vocabulary indices of the words that are in it, and the number of distinct words.
    pub fn known(&self, vocabulary: &WordMap<u32>) -> (Vec<u32>, usize) {
        let known = self.words.iter().filter_map(|word| vocabulary.get(word.as_ref()).copied()).collect();
        (known, self.words.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_two_letters_or_more_are_words() {
        let letters = Letters::new(vec![(0xe0, 0xf6)]);
        let mut set = WordSet::new(&letters);
        set.add_ascii(b"Add to Cart, a 2nd cart");
        set.add_points(&[0x63u32, 0xe0, 0x66, 0x20, 0xe9]);
        let mut words: Vec<&str> = set.words.iter().map(|word| word.as_ref()).collect();
        words.sort_unstable();
        assert_eq!(words, ["add", "cart", "càf", "nd", "to"]);
    }
}

