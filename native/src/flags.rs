//! What a start tag's attributes say about its element: hidden, chrome, article, byline/credit.
//!
//! The rules are here, compiled, because the builder needs them for hundreds of distinct
//! class/id values per page (a call into Python for each cost more than the whole tokenizer).
//! The WORDS they look for are data from Python (`worker/pipeline/html_chrome.py`), handed over
//! once as a [`Vocabulary`], so that they can be refitted without touching this file.
//!
//! * class and id values are cut into lowercase word tokens: camelCase humps, runs of letters,
//!   runs of digits (`"article__shareTools2"` -> article, share, tools, 2);
//! * chrome: a chrome word among them, unless right after a layout modifier (`has-sidebar`) or
//!   anywhere next to an embed word (`social-media-embed`: a post embedded in the story);
//!   or an ARIA role from the chrome roles;
//! * hidden: the `hidden` attribute, `aria-hidden="true"`, an inline style `display:none` /
//!   `visibility:hidden`, or a whole class name from the hide-only utility classes;
//! * semantic article: `role=main|article`, `itemprop` containing `articleBody`;
//! * capture: `author` (byline words in class/id, `rel=author`, `itemprop=author`) or `credit`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::is_space;
use crate::tokenizer::Tag;

/// A small, fast hasher for short keys (class names, tag names): FxHash's multiply-rotate.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buffer = [0u8; 8];
            buffer[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buffer) ^ (rest.len() as u64) << 56);
        }
    }

    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.add(value as u64);
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.add(value as u64);
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = HashSet<K, FxBuild>;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Capture {
    #[default]
    Nothing,
    Author,
    Credit,
    /// A link to an author's page (`href` with an `/author/` path segment): a byline's name, read
    /// only when the page names its author nowhere else.
    AuthorLink,
}

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Flags {
    pub hidden: bool,
    /// hidden only by `aria-hidden="true"`: kept from screen readers, still on screen (a carousel's
    /// other slides, a card's second link); the class, `hidden` attribute and style do not hide it
    pub aria_only: bool,
    pub chrome: bool,
    pub semantic: bool,
    pub capture: Capture,
}

/// The word lists (see worker/pipeline/html_chrome.py).
#[derive(Default, Clone)]
pub struct Vocabulary {
    pub chrome_tokens: FxHashSet<String>,
    pub author_tokens: FxHashSet<String>,
    pub credit_tokens: FxHashSet<String>,
    pub hidden_class_tokens: FxHashSet<String>,
    pub embed_tokens: FxHashSet<String>,
    pub layout_modifiers: FxHashSet<String>,
    pub chrome_roles: FxHashSet<String>,
    pub semantic_roles: FxHashSet<String>,
    pub chrome_tags: FxHashSet<String>,
    pub semantic_tags: FxHashSet<String>,
    /// every token word with its kinds, so that a token costs one look-up (see `index`)
    words: FxHashMap<String, u8>,
    longest_word: usize,
}

const CHROME_WORD: u8 = 1;
const AUTHOR_WORD: u8 = 2;
const CREDIT_WORD: u8 = 4;
const EMBED_WORD: u8 = 8;
const LAYOUT_WORD: u8 = 16;

impl Vocabulary {
    /// Build the look-up table; call once the lists are filled.
    pub fn index(mut self) -> Self {
        let mut words: FxHashMap<String, u8> = FxHashMap::default();
        for (set, kind) in [
            (&self.chrome_tokens, CHROME_WORD),
            (&self.author_tokens, AUTHOR_WORD),
            (&self.credit_tokens, CREDIT_WORD),
            (&self.embed_tokens, EMBED_WORD),
            (&self.layout_modifiers, LAYOUT_WORD),
        ] {
            for word in set {
                *words.entry(word.clone()).or_insert(0) |= kind;
            }
        }
        self.longest_word = words.keys().map(String::len).max().unwrap_or(0);
        self.words = words;
        self
    }

    /// The kinds of each word token of a class name or id, appended to `kinds`.
    fn word_kinds(&self, value: &str, kinds: &mut Vec<u8>) {
        let mut lower = [0u8; 64];
        word_token_spans(value, |start, end| {
            let token = &value.as_bytes()[start..end];
            let kind = if token.len() > self.longest_word || token.len() > lower.len() {
                0
            } else {
                let lower = &mut lower[..token.len()];
                lower.copy_from_slice(token);
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).ok().and_then(|word| self.words.get(word)).copied().unwrap_or(0)
            };
            kinds.push(kind);
        });
    }
}

/// Word tokens of a class name or id: `[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+` (ASCII), as spans.
fn word_token_spans(value: &str, mut token: impl FnMut(usize, usize)) {
    let bytes = value.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let c = bytes[i];
        let end = if c.is_ascii_uppercase() {
            if i + 1 < n && bytes[i + 1].is_ascii_lowercase() {
                let mut j = i + 2;
                while j < n && bytes[j].is_ascii_lowercase() {
                    j += 1;
                }
                j
            } else {
                let mut j = i + 1;
                while j < n && bytes[j].is_ascii_uppercase() {
                    j += 1;
                }
                if j < n && bytes[j].is_ascii_lowercase() {
                    j -= 1; // the last capital starts the next hump: "HTMLParser" -> HTML, Parser
                }
                j
            }
        } else if c.is_ascii_lowercase() {
            let mut j = i + 1;
            while j < n && bytes[j].is_ascii_lowercase() {
                j += 1;
            }
            j
        } else if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n && bytes[j].is_ascii_digit() {
                j += 1;
            }
            j
        } else {
            i += 1;
            continue;
        };
        token(i, end);
        i = end;
    }
}

/// Whether the tokens (by kind) name a chrome container (see the module docs).
fn names_chrome(kinds: &[u8]) -> bool {
    if !kinds.iter().any(|k| k & CHROME_WORD != 0) {
        return false;
    }
    let mut previous = 0u8;
    let mut found = false;
    for &kind in kinds {
        if kind & EMBED_WORD != 0 {
            return false;
        }
        if kind & CHROME_WORD != 0 && previous & LAYOUT_WORD == 0 {
            found = true;
        }
        previous = kind;
    }
    found
}

#[derive(Clone, Copy, Default)]
struct ClassFlags {
    hidden: bool,
    chrome: bool,
    capture: Capture,
}

#[derive(Clone, Copy, Default)]
struct IdFlags {
    chrome: bool,
    author: bool,
}

/// What class lists and ids mean, kept across pages (sites and CMSs reuse their class names;
/// a page alone has a few hundred). Bounded: emptied when it grows past `MAX_CACHED`.
#[derive(Default)]
pub struct FlagCache {
    classes: FxHashMap<Box<str>, ClassFlags>,
    ids: FxHashMap<Box<str>, IdFlags>,
}

const MAX_CACHED: usize = 50_000;

/// Flag rules over the cache.
pub struct FlagReader<'v> {
    vocabulary: &'v Vocabulary,
    cache: &'v mut FlagCache,
    kinds: Vec<u8>,
}

impl<'v> FlagReader<'v> {
    pub fn new(vocabulary: &'v Vocabulary, cache: &'v mut FlagCache) -> Self {
        if cache.classes.len() > MAX_CACHED || cache.ids.len() > MAX_CACHED {
            *cache = FlagCache::default();
        }
        FlagReader { vocabulary, cache, kinds: Vec::new() }
    }

    fn class_flags(&mut self, value: &str) -> ClassFlags {
        if let Some(flags) = self.cache.classes.get(value) {
            return *flags;
        }
        let vocabulary = self.vocabulary;
        self.kinds.clear();
        let mut hidden = false;
        for name in value.split(is_space).filter(|n| !n.is_empty()) {
            vocabulary.word_kinds(name, &mut self.kinds);
            hidden = hidden || vocabulary.hidden_class_tokens.contains(name);
        }
        let any = self.kinds.iter().fold(0, |all, kind| all | kind);
        let flags = if !hidden && any & (CHROME_WORD | AUTHOR_WORD | CREDIT_WORD) == 0 {
            ClassFlags::default()
        } else {
            let capture = if any & AUTHOR_WORD != 0 {
                Capture::Author
            } else if any & CREDIT_WORD != 0 {
                Capture::Credit
            } else {
                Capture::Nothing
            };
            ClassFlags { hidden, chrome: names_chrome(&self.kinds), capture }
        };
        self.cache.classes.insert(value.into(), flags);
        flags
    }

    fn id_flags(&mut self, value: &str) -> IdFlags {
        if let Some(flags) = self.cache.ids.get(value) {
            return *flags;
        }
        self.kinds.clear();
        self.vocabulary.word_kinds(value, &mut self.kinds);
        let flags = IdFlags { chrome: names_chrome(&self.kinds), author: self.kinds.iter().any(|k| k & AUTHOR_WORD != 0) };
        self.cache.ids.insert(value.into(), flags);
        flags
    }

    /// The flags of a start tag's attributes.
    pub fn flags(&mut self, tag: &Tag) -> Flags {
        let mut flags = Flags::default();
        let (mut class, mut id, mut role, mut itemprop, mut rel, mut aria_hidden, mut style) =
            (None, None, None, None, None, None, None);
        let mut hidden_attribute = false;
        for (name, value) in tag.raw_attributes() {
            let slot = match name {
                b"class" => &mut class,
                b"id" => &mut id,
                b"role" => &mut role,
                b"itemprop" => &mut itemprop,
                b"rel" => &mut rel,
                b"aria-hidden" => &mut aria_hidden,
                b"style" => &mut style,
                b"hidden" => {
                    hidden_attribute = true;
                    continue;
                }
                _ => continue,
            };
            *slot = std::str::from_utf8(value).ok();
        }
        if let Some(class) = class.filter(|v| !v.is_empty()) {
            let named = self.class_flags(class);
            flags.hidden = named.hidden;
            flags.chrome = named.chrome;
            flags.capture = named.capture;
        }
        if let Some(id) = id.filter(|v| !v.is_empty()) {
            let named = self.id_flags(id);
            flags.chrome |= named.chrome;
            if named.author {
                flags.capture = Capture::Author;
            }
        }
        if !flags.hidden {
            let aria = aria_hidden.is_some_and(|v| v.trim_matches(is_space).eq_ignore_ascii_case("true"));
            let styled = style.is_some_and(hides);
            flags.hidden = hidden_attribute || aria || styled;
            flags.aria_only = aria && !hidden_attribute && !styled;
        }
        if let Some(role) = role {
            let role = role.trim_matches(is_space).to_lowercase();
            flags.chrome |= self.vocabulary.chrome_roles.contains(&role);
            flags.semantic = self.vocabulary.semantic_roles.contains(&role);
        }
        if let Some(itemprop) = itemprop {
            flags.semantic |= itemprop.contains("articleBody");
            if itemprop.contains("author") {
                flags.capture = Capture::Author;
            }
        }
        if rel.is_some_and(|rel| rel.to_lowercase().contains("author")) {
            flags.capture = Capture::Author;
        }
        flags
    }
}

/// An inline style that hides: `display\s*:\s*none` or `visibility\s*:\s*hidden`, any case.
pub fn hides(style: &str) -> bool {
    let bytes = style.as_bytes();
    let mentions = |word: &[u8]| bytes.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    if !mentions(b"none") && !mentions(b"hidden") {
        return false; // most inline styles: widths, colours
    }
    let lower = style.to_ascii_lowercase();
    property_is(&lower, "display", "none") || property_is(&lower, "visibility", "hidden")
}

fn property_is(style: &str, property: &str, value: &str) -> bool {
    let mut from = 0;
    while let Some(found) = style[from..].find(property) {
        let rest = style[from + found + property.len()..].trim_start_matches(is_space);
        if let Some(rest) = rest.strip_prefix(':') {
            if rest.trim_start_matches(is_space).starts_with(value) {
                return true;
            }
        }
        from += found + property.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        word_token_spans(value, |start, end| out.push(value[start..end].to_ascii_lowercase()));
        out
    }

    #[test]
    fn splits_like_the_regex() {
        assert_eq!(tokens("article__shareTools2"), ["article", "share", "tools", "2"]);
        assert_eq!(tokens("HTMLParser relatedArticles"), ["html", "parser", "related", "articles"]);
        assert_eq!(tokens("ABCd"), ["ab", "cd"]);
        assert_eq!(tokens("A"), ["a"]);
        assert_eq!(tokens("é-nav"), ["nav"]);
    }

    #[test]
    fn styles_that_hide() {
        assert!(hides("color:red; DISPLAY : none"));
        assert!(hides("visibility:\thidden"));
        assert!(!hides("display:block; x-none: 1"));
    }
}
