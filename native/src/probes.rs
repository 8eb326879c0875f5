//! The spam detector's cheap per-block probes (worker/pipeline/spam/probe.py): which blocks of a
//! page may hold keyword stuffing or gibberish, so that the costly detectors read only those.
//!
//! The probes run on every block of every page; in Python the loop itself (a length test, a few
//! substring counts and finds a block) cost more than the counts. Here the same tests run on the
//! strings' own code units (Python's 1-, 2- or 4-byte representation, read in place, no copy), so
//! every index, slice and count is the code-point one Python computes: the result is the Python
//! probe's, to the block. The definitions live in worker/pipeline/spam/statistics.py
//! (``repetition_probe``, ``spaced_repetition_probe``, ``vowel_probe``) and probe.py (the tails);
//! every threshold is handed over from there.

use pyo3::prelude::*;
use pyo3::types::string::PyStringData;
use pyo3::types::{PyList, PyString};

/// The thresholds, as Python names them.
#[derive(Clone, Copy)]
pub struct ProbeLimits {
    /// statistics.MIN_GIBBERISH_CHARS: shorter blocks are not probed (and vowel_probe's fewest ASCII chars)
    pub min_gibberish: usize,
    /// statistics.MIN_STUFFING_CHARS
    pub min_stuffing: usize,
    /// probe.GIBBERISH_TAIL, probe.STUFFING_TAIL
    pub gibberish_tail: usize,
    pub stuffing_tail: usize,
    /// vowel_probe's most_vowels and fewest_rare
    pub most_vowels: f64,
    pub fewest_rare: f64,
    /// the share of 'e' under which a text is probed for gibberish (0.04)
    pub e_share: f64,
}

const SPACE: u32 = b' ' as u32;
const E: u32 = b'e' as u32;
const PERIOD: u32 = b'.' as u32;
const DOTTED_CAPITAL_I: u32 = 0x130; // 'İ' lower-cases to 'i' and a combining dot
const KELVIN: u32 = 0x212a; // the Kelvin sign lower-cases to 'k'

/// Non-overlapping occurrences of ``needle`` in ``hay``, left to right, as ``str.count``
/// (an empty needle: one more than the length).
fn count<T: Copy + Into<u32>>(hay: &[T], needle: &[T]) -> usize {
    let width = needle.len();
    if width == 0 {
        return hay.len() + 1;
    }
    if hay.len() < width {
        return 0;
    }
    let first: u32 = needle[0].into();
    let (mut found, mut at, last) = (0, 0, hay.len() - width);
    while at <= last {
        if hay[at].into() == first && hay[at..at + width].iter().zip(needle).all(|(&a, &b)| a.into() == b.into()) {
            found += 1;
            at += width;
        } else {
            at += 1;
        }
    }
    found
}

fn count_unit<T: Copy + Into<u32>>(hay: &[T], unit: u32) -> usize {
    hay.iter().filter(|&&c| c.into() == unit).count()
}

/// ``text.find(" ", start) + 1``: 0 when there is none.
fn after_space<T: Copy + Into<u32>>(text: &[T], start: usize) -> usize {
    text.get(start..).and_then(|rest| rest.iter().position(|&c| c.into() == SPACE)).map_or(0, |at| start + at + 1)
}

/// statistics.spaced_repetition_probe: does an 8-character piece starting a word recur 3+ times?
fn spaced_repetition<T: Copy + Into<u32>>(text: &[T]) -> bool {
    let middle = text.len() >> 1;
    for at in [after_space(text, middle >> 1), after_space(text, middle)] {
        if at != 0 && count(text, &text[at..(at + 8).min(text.len())]) >= 3 {
            return true;
        }
    }
    false
}

fn is_east_asian(unit: u32) -> bool {
    (0x2e80..0xa000).contains(&unit)
}

/// statistics.repetition_probe: Chinese/Japanese 2-character pieces at a quarter, half and three
/// quarters; spaced scripts: spaced_repetition on blocks of min_stuffing or more.
fn repetition<T: Copy + Into<u32>>(text: &[T], limits: &ProbeLimits) -> bool {
    let size = text.len();
    if size < 8 {
        return false;
    }
    let middle = size >> 1;
    if is_east_asian(text[middle].into()) || is_east_asian(text[middle - 1].into()) {
        let quarter = middle >> 1;
        return [middle, quarter, middle + quarter].into_iter().any(|at| count(text, &text[at..at + 2]) >= 3);
    }
    size >= limits.min_stuffing && spaced_repetition(text)
}

/// statistics.vowel_probe: a, e, i, o are rare among the ASCII characters, and j k q v w x z common.
fn vowel_probe<T: Copy + Into<u32>>(text: &[T], limits: &ProbeLimits) -> bool {
    if count_unit(text, SPACE) < 5 {
        return false;
    }
    let (mut latin, mut vowels, mut rare) = (0usize, 0usize, 0usize);
    for &unit in text {
        let unit: u32 = unit.into();
        if unit < 128 {
            latin += 1;
            match (unit as u8).to_ascii_lowercase() {
                b'e' | b'a' | b'o' | b'i' => vowels += 1,
                b'j' | b'k' | b'q' | b'v' | b'w' | b'x' | b'z' => rare += 1,
                _ => {}
            }
        }
    }
    if latin < limits.min_gibberish {
        return false;
    }
    if latin < text.len() {
        vowels += count_unit(text, DOTTED_CAPITAL_I);
    }
    if vowels as f64 >= limits.most_vowels * latin as f64 {
        return false;
    }
    if latin < text.len() {
        rare += count_unit(text, KELVIN);
    }
    rare as f64 >= limits.fewest_rare * latin as f64
}

/// Whether the block may hold stuffing and whether it may hold gibberish (probe.probe_blocks' loop).
fn probe<T: Copy + Into<u32>>(text: &[T], limits: &ProbeLimits) -> (bool, bool) {
    let size = text.len();
    if size < limits.min_gibberish {
        return (false, false);
    }
    // the tail: the last stuffing_tail characters, or the second half of a shorter block
    let tail: &[T] = if size >= 2 * limits.min_stuffing { &text[size - limits.stuffing_tail.min(size >> 1)..] } else { &[] };
    let stuffing = if text.iter().all(|&c| c.into() < 128) {
        size >= limits.min_stuffing && (spaced_repetition(text) || !tail.is_empty() && spaced_repetition(tail))
    } else {
        repetition(text, limits) || !tail.is_empty() && repetition(tail, limits)
    };
    (stuffing, may_be_gibberish(text, limits))
}

/// Few 'e's and vowel_probe firing: on the block, on its last gibberish_tail characters (gibberish
/// glued after an honest paragraph), or on the text after its last full stop (a shorter one).
fn may_be_gibberish<T: Copy + Into<u32>>(text: &[T], limits: &ProbeLimits) -> bool {
    let few_e = |piece: &[T]| (count_unit(piece, E) as f64) < limits.e_share * piece.len() as f64;
    let (size, last) = (text.len(), limits.gibberish_tail);
    if few_e(text) && vowel_probe(text, limits) {
        return true;
    }
    if size >= 2 * last && few_e(&text[size - last..]) && vowel_probe(&text[size - last..], limits) {
        return true;
    }
    if size < 2 * limits.min_gibberish {
        return false;
    }
    // Python's text.rfind(". ", 0, size - 1) + 2, where -1 (none) gives 1
    let cut = (0..size.saturating_sub(2)).rev().find(|&at| text[at].into() == PERIOD && text[at + 1].into() == SPACE).map_or(1, |at| at + 2);
    cut >= 2 && size - cut >= limits.min_gibberish && few_e(&text[cut..]) && vowel_probe(&text[cut..], limits)
}

/// ``(stuffing, gibberish)``: the indices of the blocks whose text may hold keyword stuffing, and
/// of those that may hold gibberish, as worker/pipeline/spam/probe.py's loop finds them.
/// ``limits``: (min_gibberish, min_stuffing, gibberish_tail, stuffing_tail, most_vowels,
/// fewest_rare, e_share).
#[pyfunction]
pub fn spam_probes(texts: &Bound<'_, PyList>, limits: (usize, usize, usize, usize, f64, f64, f64)) -> PyResult<(Vec<usize>, Vec<usize>)> {
    let (min_gibberish, min_stuffing, gibberish_tail, stuffing_tail, most_vowels, fewest_rare, e_share) = limits;
    let limits = ProbeLimits { min_gibberish, min_stuffing, gibberish_tail, stuffing_tail, most_vowels, fewest_rare, e_share };
    let (mut stuffing, mut gibberish) = (Vec::new(), Vec::new());
    for (index, item) in texts.iter().enumerate() {
        let text = item.cast::<PyString>()?;
        // SAFETY: the units are read while the string is alive and unchanged (Python strings are
        // immutable, and the GIL is held throughout).
        let (stuffed, garbled) = match unsafe { text.data() }? {
            PyStringData::Ucs1(units) => probe(units, &limits),
            PyStringData::Ucs2(units) => probe(units, &limits),
            PyStringData::Ucs4(units) => probe(units, &limits),
        };
        if stuffed {
            stuffing.push(index);
        }
        if garbled {
            gibberish.push(index);
        }
    }
    Ok((stuffing, gibberish))
}
