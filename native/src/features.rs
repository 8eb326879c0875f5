//! The block scorer's feature table (worker/pipeline/segment/features.py), one row per block.
//!
//! Built once per page from the classified blocks: each block's text statistics (textstats.rs),
//! its class, markup flags and structural facts, what the region search made of it, and its
//! neighbourhood (prose around it, words and same-shaped lines nearby, its distance to prose).
//! Python hands over what needs the pipeline's Python vocabulary (end-of-article cues, time
//! stamps, legal notices: flags for the lines it checked), and appends the page-type columns.

use std::collections::HashMap;

use crate::textstats::{self, Vocabulary};

/// The columns, in order.
pub const FEATURES: [&str; 55] = [
    "kind_prose", "kind_short", "kind_tiny", "kind_junk",
    "log_words", "log_chars", "letter_share", "digit_share", "capital_share", "ends_sentence",
    "clause_marks_per_word", "function_ratio", "price", "key_value", "url_or_email", "title_case_share",
    "all_caps", "link_density", "repeats",
    "heading", "h1", "tag_p", "tag_li", "tag_cell", "tag_heading", "tag_code", "tag_quote", "tag_caption", "tag_div",
    "in_article", "in_chrome", "hidden",
    "in_region", "kept_by_region", "list_item", "end_cue", "time_stamp", "legal_notice", "after_end_cue", "stamps_near",
    "prose_before", "prose_after", "log_words_near", "same_shape_near", "inside_prose_span", "blocks_to_prose",
    "position", "after_region", "before_region", "page_prose_share", "page_log_blocks",
    "question", "short_words", "link_heavy", "long_prose",
];
pub const WIDTH: usize = FEATURES.len();
/// Tag families (the `tag_*` columns) in order; a tag not named is a `div`, a text line none.
pub const FAMILIES: [&str; 8] = ["p", "li", "cell", "heading", "code", "quote", "caption", "div"];

const NEAR: usize = 3;
const WORDS_NEAR: usize = 5;
const SHAPE_NEAR: usize = 12;
const STAMP_NEAR: usize = 6;

/// What the table needs of one block (read from the Python Block by lib.rs).
pub struct BlockFacts<'a> {
    pub text: &'a str,
    pub kind: u8, // 0 prose, 1 short, 2 tiny, 3 junk
    pub words: f64,
    pub link_density: f64,
    pub heading_level: u8,
    pub family: Option<usize>, // index into FAMILIES; None for a line of page text
    pub in_article: bool,
    pub in_chrome: bool,
    pub hidden: bool,
}

pub struct Page<'a> {
    pub region: (usize, usize),
    pub body: &'a [usize],
    pub items: &'a [usize],
    pub cues: &'a [u8],
    pub stamps: &'a [u8],
    pub legal: &'a [u8],
    pub min_article_words: f64,
}

/// The table, row-major.
pub fn table(blocks: &[BlockFacts], page: &Page, vocabulary: &Vocabulary) -> Vec<f64> {
    let count = blocks.len();
    let mut rows = vec![0f64; count * WIDTH];
    if count == 0 {
        return rows;
    }
    let stats: Vec<[f32; textstats::WIDTH]> = blocks.iter().map(|b| textstats::stats(b.text, vocabulary)).collect();
    // (std's seeded hash: the texts are the sender's to choose, see classify.rs)
    let mut repeats: HashMap<&str, u32> = HashMap::with_capacity(count);
    for block in blocks {
        *repeats.entry(block.text).or_insert(0) += 1;
    }
    let flagged = |indices: &[usize]| {
        let mut set = vec![false; count];
        for &index in indices {
            if index < count {
                set[index] = true;
            }
        }
        set
    };
    let kept = flagged(page.body);
    let listed = flagged(page.items);
    let flag = |values: &[u8], index: usize| values.get(index).is_some_and(|&v| v != 0);

    let prose: Vec<bool> = blocks.iter().map(|b| b.kind == 0).collect();
    let words: Vec<f64> = blocks.iter().map(|b| b.words.max(1.0)).collect();
    let prefix = |values: &mut dyn Iterator<Item = f64>| -> Vec<f64> {
        let mut sums = vec![0.0];
        for value in values {
            sums.push(sums.last().unwrap() + value);
        }
        sums
    };
    let prose_prefix = prefix(&mut prose.iter().map(|&p| p as u8 as f64));
    let word_prefix = prefix(&mut words.iter().copied());
    let stamp_prefix = prefix(&mut (0..count).map(|i| flag(page.stamps, i) as u8 as f64));
    // the first section cue after an article's worth of prose
    let mut prose_words = 0.0;
    let mut opening_cue = None;
    for index in 0..count {
        if prose[index] {
            prose_words += words[index];
        }
        if opening_cue.is_none() && flag(page.cues, index) && prose_words >= page.min_article_words {
            opening_cue = Some(index);
        }
    }
    let prose_at: Vec<usize> = (0..count).filter(|&i| prose[i]).collect();
    let shapes: Vec<u32> = stats
        .iter()
        .map(|s| {
            let chars = s[0].max(1.0);
            (chars.log2() as u32).min(15) * 8 + (s[14] as u32) * 4 + (s[4] as u32) * 2 + s[13] as u32
        })
        .collect();
    let prose_share = prose_at.len() as f64 / count as f64;
    let (start, end) = page.region;
    let mut following_prose = 0; // index into prose_at of the first prose block at or after i

    for index in 0..count {
        let block = &blocks[index];
        let s = &stats[index];
        let row = &mut rows[index * WIDTH..(index + 1) * WIDTH];
        let chars = (s[0] as f64).max(1.0);
        let letters = s[1] as f64;
        let w = words[index];
        let low = index.saturating_sub(NEAR);
        let high = (index + NEAR + 1).min(count);
        let (word_low, word_high) = (index.saturating_sub(WORDS_NEAR), (index + WORDS_NEAR + 1).min(count));
        let (stamp_low, stamp_high) = (index.saturating_sub(STAMP_NEAR), (index + STAMP_NEAR + 1).min(count));
        let (shape_low, shape_high) = (index.saturating_sub(SHAPE_NEAR), (index + SHAPE_NEAR + 1).min(count));
        let same_shape = (shape_low..shape_high).filter(|&j| j != index && shapes[j] == shapes[index]).count();
        while following_prose < prose_at.len() && prose_at[following_prose] < index {
            following_prose += 1;
        }
        let nearest = [prose_at.get(following_prose).map(|&j| j - index), following_prose.checked_sub(1).map(|k| index - prose_at[k])]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(count);
        let values = [
            (block.kind == 0) as u8 as f64,
            (block.kind == 1) as u8 as f64,
            (block.kind == 2) as u8 as f64,
            (block.kind == 3) as u8 as f64,
            w.ln_1p(),
            chars.ln_1p(),
            letters / chars,
            s[2] as f64 / chars,
            s[3] as f64 / letters.max(1.0),
            s[4] as f64,
            (s[5] as f64 / w).min(3.0),
            if w >= 3.0 { s[6] as f64 } else { 0.0 },
            s[8] as f64,
            s[9] as f64,
            s[10] as f64,
            s[11] as f64,
            s[12] as f64,
            block.link_density,
            (repeats[block.text] as f64).ln(),
            (block.heading_level > 0) as u8 as f64,
            (block.heading_level == 1) as u8 as f64,
        ];
        row[..values.len()].copy_from_slice(&values);
        let mut at = values.len();
        for family in 0..FAMILIES.len() {
            row[at + family] = (block.family == Some(family)) as u8 as f64;
        }
        at += FAMILIES.len();
        let after_cue = opening_cue.is_some_and(|cue| index > cue);
        let more = [
            block.in_article as u8 as f64,
            block.in_chrome as u8 as f64,
            block.hidden as u8 as f64,
            (index >= start && index < end) as u8 as f64,
            kept[index] as u8 as f64,
            listed[index] as u8 as f64,
            flag(page.cues, index) as u8 as f64,
            flag(page.stamps, index) as u8 as f64,
            flag(page.legal, index) as u8 as f64,
            after_cue as u8 as f64,
            (stamp_prefix[stamp_high] - stamp_prefix[stamp_low]).min(5.0) / 5.0,
            (prose_prefix[index] - prose_prefix[low]) / NEAR as f64,
            (prose_prefix[high] - prose_prefix[index + 1]) / NEAR as f64,
            ((word_prefix[word_high] - word_prefix[word_low]) / (2 * WORDS_NEAR + 1) as f64).ln_1p(),
            same_shape as f64 / SHAPE_NEAR as f64,
            (!prose_at.is_empty() && index >= prose_at[0] && index <= *prose_at.last().unwrap()) as u8 as f64,
            nearest.min(10) as f64 / 10.0,
            index as f64 / count as f64,
            (index >= end) as u8 as f64,
            (index < start) as u8 as f64,
            prose_share,
            (count as f64).ln_1p(),
            block.text.ends_with('?') as u8 as f64 + block.text.ends_with('？') as u8 as f64,
            (w <= 4.0) as u8 as f64,
            (block.link_density > 0.5) as u8 as f64,
            (block.kind == 0 && w >= 40.0) as u8 as f64,
        ];
        row[at..at + more.len()].copy_from_slice(&more);
        debug_assert_eq!(at + more.len(), WIDTH);
    }
    rows
}
