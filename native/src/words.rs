//! The page-type model's word set: the distinct lower-case words of two letters or more of a
//! page's block texts (segment/pagetype.py's PAGE_WORD, `[^\W\d_]{2,}`), found in one pass over
//! the texts' code points instead of a Python loop over white-space tokens.
//!
//! Exactness rests on two things Python decides: the letters (the code points the pattern's class
//! `[^\W\d_]` matches, handed over as ranges that Python's own `re` found, so the Unicode version
//! and the class's odd members, such as superscript digits, are Python's) and the lower case
//! (`str.lower()`, called on any text that is not ASCII; ASCII is lowered here, where both agree).

use crate::flags::{FxHashMap, FxHashSet};

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

/// Collects the distinct words of runs of letters, two or more code points long.
pub struct WordSet<'a> {
    letters: &'a Letters,
    pub words: FxHashSet<String>,
    run: String,
    run_points: usize,
}

impl<'a> WordSet<'a> {
    pub fn new(letters: &'a Letters) -> Self {
        WordSet { letters, words: FxHashSet::default(), run: String::new(), run_points: 0 }
    }

    #[inline]
    fn end_run(&mut self) {
        if self.run_points > 1 && !self.words.contains(&self.run) {
            self.words.insert(self.run.clone());
        }
        self.run.clear();
        self.run_points = 0;
    }

    /// Adds the words of an ASCII text, lowering its capitals.
    pub fn add_ascii(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if byte.is_ascii_alphabetic() {
                self.run.push(byte.to_ascii_lowercase() as char);
                self.run_points += 1;
            } else if self.run_points > 0 {
                self.end_run();
            }
        }
        self.end_run();
    }

    /// Adds the words of a text already in lower case, as code points (1-, 2- or 4-byte units
    /// of a Python string; surrogates are no letters).
    pub fn add_points<T: Copy + Into<u32>>(&mut self, units: &[T]) {
        for &unit in units {
            let point: u32 = unit.into();
            if self.letters.contains(point) {
                // a letter is never a surrogate, so always a char
                self.run.push(char::from_u32(point).unwrap_or('\u{fffd}'));
                self.run_points += 1;
            } else if self.run_points > 0 {
                self.end_run();
            }
        }
        self.end_run();
    }

    /// The vocabulary indices of the words that are in it, and the number of distinct words.
    pub fn known(&self, vocabulary: &FxHashMap<String, u32>) -> (Vec<u32>, usize) {
        let known = self.words.iter().filter_map(|word| vocabulary.get(word).copied()).collect();
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
        let mut words: Vec<&str> = set.words.iter().map(String::as_str).collect();
        words.sort_unstable();
        assert_eq!(words, ["add", "cart", "càf", "nd", "to"]);
    }
}
