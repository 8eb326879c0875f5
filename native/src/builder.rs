//! The block builder: a token [`Sink`] that keeps only what block extraction needs.
//!
//! It mirrors what worker/pipeline/html.py documents: a stack of open elements with HTML's main
//! implied-end rules (`<p>` closed by a block, `<li>` by the next `<li>`, cells by the next cell
//! or row, end tags matched only within their scope and at most 64 elements down), text runs
//! per block container, `<br><br>` splitting, data-table rows, inline elements captured as
//! bylines, hidden or chrome inline elements as blocks of their own, and the raw material of
//! the page hints. What it decides on data (which words make chrome, how much text makes the
//! main content) is left to Python: it hands over the words' verdicts per element (via
//! [`FlagReader`]) and a table of the containers that hold blocks.
//!
//! All offsets here are UTF-8 byte offsets into the page; the caller converts them.

use html5gum::State;

use std::hash::{Hash, Hasher};

use crate::flags::{Capture, FlagCache, FlagReader, Flags, FxHashMap, FxHasher, Vocabulary};
use crate::tags::*;
use crate::text;
use crate::tokenizer::{Sink, Tag};

/// How far down the open-element stack an end tag looks for its start tag.
const MAX_SCOPE_SEARCH: usize = 64;
/// How far down a block start looks for an open `<p>` to close.
const MAX_P_SEARCH: usize = 15;
/// Elements open at once, at most. Browsers cap the tree's depth too (Chromium's parser at 512):
/// an element opened deeper opens nothing, its text goes to the deepest open container. Real
/// pages stay far below it; without it, a page of nested tags would hold one container per tag
/// open at once (1.5 million for 16 MB of `<div>`), and its cost per MB would grow with the page.
const MAX_OPEN_ELEMENTS: usize = 512;
/// A pending text run longer than this (in pieces) gives no inline byline capture.
const MAX_CAPTURE_PIECES: usize = 50;
const MAX_AUTHOR_BLOCKS: usize = 4;
const MAX_CAPTION_BLOCKS: usize = 20;

/// Limits and knobs from Python.
#[derive(Clone)]
pub struct Settings {
    pub vocabulary: Vocabulary,
    /// A table cell with at most this much text (code points) and no child blocks is data.
    pub max_data_cell_chars: usize,
    /// Of each kind of hint material (times, bylines, JSON-LD scripts...).
    pub max_sources: usize,
    pub max_json_ld_chars: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    Text,
    Break,
    /// the " " that separates a data cell's text from the next one's in its row
    CellGap,
    /// the "\n" put between the pieces of a run before and after a `<br>`
    LineBreak,
}

/// An item of a pending text run.
#[derive(Clone, Copy)]
struct Piece {
    kind: PieceKind,
    start: usize,
    end: usize,
    /// decoded text: a range of `Builder::arena`
    text_start: u32,
    text_end: u32,
    in_link: bool,
}

struct Container {
    tag: TagId,
    parent: u32,
    /// nesting depth among containers (the page is 0)
    depth: u32,
    /// tag and class attribute, hashed: the cards of a grid or the posts of a thread share one
    signature: u64,
    /// ANCESTRY bits of this container and those around it
    ancestry: u16,
    start: usize,
    end: usize,
    last: u32,
    own_chrome: bool,
    hidden: bool,
    /// hidden by something other than `aria-hidden` (here or around it): off screen for everyone
    hidden_for_all: bool,
    semantic: bool,
    in_semantic: bool,
    capture: Capture,
    first_block: u32,
    has_children: bool,
    run: Vec<Piece>,
    /// open inline elements that are not on the stack, by tag
    untracked: Untracked,
}

/// Open inline elements of a container that are not on the stack, counted by tag: a few tags
/// in a short list (most containers: a span, an em), many in a map (no quadratic worst case).
#[derive(Default)]
enum Untracked {
    #[default]
    Nothing,
    Few(Vec<(TagId, u32)>),
    Many(Box<FxHashMap<TagId, u32>>),
}

const FEW_UNTRACKED: usize = 8;

impl Untracked {
    fn open(&mut self, tag: TagId) {
        match self {
            Untracked::Nothing => *self = Untracked::Few(vec![(tag, 1)]),
            Untracked::Few(list) => {
                if let Some(entry) = list.iter_mut().find(|(open, _)| *open == tag) {
                    entry.1 += 1;
                } else if list.len() < FEW_UNTRACKED {
                    list.push((tag, 1));
                } else {
                    let mut map: FxHashMap<TagId, u32> = list.drain(..).collect();
                    map.insert(tag, 1);
                    *self = Untracked::Many(Box::new(map));
                }
            }
            Untracked::Many(map) => *map.entry(tag).or_insert(0) += 1,
        }
    }

    /// Count one closed; false when none of that tag is open.
    fn close(&mut self, tag: TagId) -> bool {
        let count = match self {
            Untracked::Nothing => None,
            Untracked::Few(list) => list.iter_mut().find(|(open, _)| *open == tag).map(|(_, count)| count),
            Untracked::Many(map) => map.get_mut(&tag),
        };
        match count {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}

enum Open {
    Container(u32),
    Inline { tag: TagId, is_link: bool, capture: Capture, capture_from: usize, owner: u32 },
}

/// One block: final text plus what Python needs to decide about it.
pub struct BuiltBlock {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub tag: TagId,
    pub hidden: bool,
    pub link_density: f64,
    pub heading_level: u8,
    pub owner: u32,
    /// code points, CJK characters counted twice
    pub weight: usize,
    /// its first non-blank text sits in a link (a teaser "<a>Headline</a> summary")
    pub starts_with_link: bool,
}

/// An element whose content is skipped, up to its end tag.
///
/// Script, style, title, textarea, noscript, iframe... are read by the tokenizer in the states
/// the standard gives them, so the next token after their content is their end tag (or the end
/// of the page, as in browsers). The others (svg, button, select, video...) are skipped token by
/// token, keeping a stack of the elements opened inside them: up to their own end tag, or, as
/// the standard's tree builder would close them, up to the end tag of a block that is open
/// around them and not inside them (an unclosed `<button>` or `<svg>` must not swallow the rest
/// of the page). `<template>` content is a separate document: only `</template>` ends it.
struct Skip {
    tag: TagId,
    /// elements open inside the skipped one (for those that nest, itself too)
    inner: Vec<TagId>,
    nests: bool,
    foreign: bool,
    content_start: usize,
    keep: Keep,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    Title,
    JsonLd,
}

/// The raw material of the page hints (see worker/pipeline/html_hints.py).
#[derive(Default)]
pub struct Hints {
    pub metas: Vec<Vec<(String, String)>>,
    pub json_ld: Vec<(usize, usize)>,
    pub title: Option<(usize, usize)>,
    pub html_attributes: Option<Vec<(String, String)>>,
    pub times: Vec<(String, bool)>,
    pub authors: Vec<String>,
    /// Texts of links to author pages (see `Capture::AuthorLink`).
    pub author_links: Vec<String>,
    pub captions: Vec<(String, Option<String>)>,
}

/// Turns a block's folded text into its final text (the pipeline's `normalize_text`, for
/// texts that need more than folding); errors stop the build.
pub type Normalize<'n, E> = dyn FnMut(&str) -> Result<String, E> + 'n;

pub struct Builder<'a, 'n, E> {
    source: &'a str,
    settings: &'a Settings,
    tags: Tags<'a>,
    flags: FlagReader<'a>,
    normalize: &'n mut Normalize<'n, E>,
    pub error: Option<E>,
    containers: Vec<Container>,
    stack: Vec<Open>,
    current: u32,
    link_depth: u32,
    open_paragraphs: u32,
    arena: String,
    pub blocks: Vec<BuiltBlock>,
    skip: Option<Skip>,
    pub hints: Hints,
    joined: String,
    folded: String,
}

impl<'a, 'n, E> Builder<'a, 'n, E> {
    pub fn new(source: &'a str, settings: &'a Settings, cache: &'a mut FlagCache, normalize: &'n mut Normalize<'n, E>) -> Self {
        let root = Container {
            tag: BODY,
            parent: u32::MAX,
            depth: 0,
            signature: 0,
            ancestry: 0,
            start: 0,
            end: source.len(),
            last: 0,
            own_chrome: false,
            hidden: false,
            hidden_for_all: false,
            semantic: false,
            in_semantic: false,
            capture: Capture::Nothing,
            first_block: 0,
            has_children: false,
            run: Vec::new(),
            untracked: Untracked::default(),
        };
        Builder {
            source,
            settings,
            tags: Tags::new(&settings.vocabulary),
            flags: FlagReader::new(&settings.vocabulary, cache),
            normalize,
            error: None,
            containers: vec![root],
            stack: vec![Open::Container(0)],
            current: 0,
            link_depth: 0,
            open_paragraphs: 0,
            arena: String::new(),
            blocks: Vec::new(),
            skip: None,
            hints: Hints::default(),
            joined: String::new(),
            folded: String::new(),
        }
    }

    pub fn tag_name(&self, tag: TagId) -> &str {
        self.tags.name(tag)
    }

    /// Close everything still open at the end of the page.
    pub fn finish(&mut self) {
        let length = self.source.len();
        self.end_skip(length); // an unclosed <title> or <script> runs to the end, as in browsers
        while self.stack.len() > 1 {
            self.pop(length);
        }
        self.close_container(0, length);
    }

    // -- text runs --------------------------------------------------------------------------

    fn raw(&self, piece: &Piece) -> &str {
        match piece.kind {
            PieceKind::Text => self.source.get(piece.start..piece.end).unwrap_or(""),
            PieceKind::CellGap => " ",
            PieceKind::LineBreak => "\n",
            PieceKind::Break => "",
        }
    }

    fn decoded(&self, piece: &Piece) -> &str {
        match piece.kind {
            PieceKind::Text => &self.arena[piece.text_start as usize..piece.text_end as usize],
            PieceKind::CellGap => " ",
            PieceKind::LineBreak => "\n",
            PieceKind::Break => "",
        }
    }

    fn raw_is_space(&self, piece: &Piece) -> bool {
        text::all_space(self.raw(piece))
    }

    fn push_piece(&mut self, container: u32, kind: PieceKind, start: usize, end: usize) {
        self.containers[container as usize].run.push(Piece { kind, start, end, text_start: 0, text_end: 0, in_link: false });
    }

    /// Turn the container's pending text run into blocks, split at double `<br>`.
    fn flush(&mut self, container: u32, run_end: usize) {
        let run = std::mem::take(&mut self.containers[container as usize].run);
        if run.is_empty() {
            return;
        }
        let (start, whole) = {
            let c = &self.containers[container as usize];
            (c.start, !c.has_children) // nothing before this run: it may be the whole element
        };
        if run.len() == 1 && run[0].kind != PieceKind::Break {
            let span = (whole && run_end >= start).then_some((start, run_end));
            self.emit(container, &run, span);
            return;
        }
        let mut piece: Vec<Piece> = Vec::new();
        let mut pending_break = false; // a <br> seen, not yet followed by text
        let mut split = false;
        for item in &run {
            if item.kind == PieceKind::Break {
                if pending_break && !piece.is_empty() {
                    self.emit(container, &piece, None);
                    piece.clear();
                    split = true;
                }
                pending_break = true;
                continue;
            }
            if pending_break {
                if self.raw_is_space(item) {
                    continue;
                }
                if !piece.is_empty() {
                    piece.push(Piece { kind: PieceKind::LineBreak, start: item.start, end: item.start, text_start: 0, text_end: 0, in_link: false });
                }
                pending_break = false;
            }
            piece.push(*item);
        }
        if !piece.is_empty() {
            // The element's whole text in one block: its span is the element's markup.
            let span = (whole && !split && run_end >= start).then_some((start, run_end));
            self.emit(container, &piece, span);
        }
    }

    fn emit(&mut self, container: u32, piece: &[Piece], span: Option<(usize, usize)>) {
        if self.error.is_some() {
            return;
        }
        let mut joined = std::mem::take(&mut self.joined);
        joined.clear();
        if piece.len() > 1 {
            for item in piece {
                joined.push_str(self.decoded(item));
            }
        }
        // One piece (the common case, and the one of huge texts) is folded where it lies.
        let raw_text = if piece.len() > 1 { joined.as_str() } else { self.decoded(&piece[0]) };
        let cjk_wrapped = raw_text.contains('\n') && !raw_text.is_ascii() && raw_text.chars().any(text::is_cjk);
        let mut folded = String::with_capacity(raw_text.len());
        if cjk_wrapped {
            text::fold_space_into(&text::drop_cjk_line_breaks(raw_text), &mut folded);
        } else {
            text::fold_space_into(raw_text, &mut folded);
        }
        self.joined = joined;
        // Clean printable ASCII without '&' is what normalize_text would return as it is.
        let clean = folded.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'&');
        let text = if clean {
            folded
        } else {
            match (self.normalize)(&folded) {
                Ok(text) => text,
                Err(error) => {
                    self.error = Some(error);
                    return;
                }
            }
        };
        if text.is_empty() {
            return;
        }
        let mut link_chars = 0usize;
        for item in piece {
            if item.in_link {
                link_chars += text::stripped_code_points(self.raw(item));
            }
        }
        let ascii = clean || text.is_ascii(); // (one pass less on a huge text)
        let length = if ascii { text.len() } else { text.chars().count() };
        let link_density = if link_chars > 0 { (link_chars as f64 / length as f64).min(1.0) } else { 0.0 };
        let (start, end) = match span {
            Some(span) => span,
            None => {
                let first = piece.iter().find(|item| !self.raw_is_space(item)).unwrap_or(&piece[0]);
                let last = piece.iter().rev().find(|item| !self.raw_is_space(item)).unwrap_or(&piece[piece.len() - 1]);
                let first_raw = self.raw(first);
                let last_raw = self.raw(last);
                let lead = if first.kind == PieceKind::Text { text::leading_space(first_raw) } else { 0 };
                let trail = if last.kind == PieceKind::Text { text::trailing_space(last_raw) } else { 0 };
                (first.start + lead, last.end.saturating_sub(trail).max(first.start + lead))
            }
        };
        let starts_with_link = piece.iter().find(|item| !self.raw_is_space(item)).is_some_and(|item| item.in_link);
        let weight = if ascii { length } else { length + text.chars().filter(|&c| text::is_cjk(c)).count() };
        let c = &self.containers[container as usize];
        self.blocks.push(BuiltBlock {
            text,
            start,
            end,
            tag: c.tag,
            hidden: c.hidden,
            link_density,
            heading_level: heading_level(c.tag),
            owner: container,
            weight,
            starts_with_link,
        });
    }

    // -- the open-element stack -------------------------------------------------------------

    fn open_container(&mut self, tag: TagId, start: usize, flags: Flags, signature: u64) {
        if self.open_paragraphs > 0 && self.tags.has(tag, CLOSES_P) {
            self.close_open_p(start);
        }
        if let Some(implied) = implied_end(tag) {
            self.close_implied(implied, start);
        }
        let parent = self.current;
        let (parent_hidden, parent_hidden_for_all, parent_in_semantic, parent_depth, parent_ancestry) = {
            let p = &self.containers[parent as usize];
            (p.hidden, p.hidden_for_all, p.in_semantic, p.depth, p.ancestry)
        };
        if !self.containers[parent as usize].run.is_empty() && self.containers[parent as usize].tag != TR {
            self.flush(parent, start); // a row collects its data cells' text (see close_container)
        }
        self.containers[parent as usize].has_children = true;
        let mut chrome = flags.chrome || self.tags.has(tag, CHROME_TAG);
        if tag == HEADER && chrome && parent_in_semantic {
            chrome = false; // an article's own header holds its title and byline
        }
        let semantic = flags.semantic || self.tags.has(tag, SEMANTIC_TAG);
        let index = self.containers.len() as u32;
        self.containers.push(Container {
            tag,
            parent,
            depth: parent_depth.saturating_add(1),
            signature,
            ancestry: parent_ancestry | ancestry_bit(tag),
            start,
            end: start,
            last: index,
            own_chrome: chrome,
            hidden: flags.hidden || parent_hidden,
            hidden_for_all: (flags.hidden && !flags.aria_only) || parent_hidden_for_all,
            semantic,
            in_semantic: semantic || parent_in_semantic,
            capture: flags.capture,
            first_block: self.blocks.len() as u32,
            has_children: false,
            run: Vec::new(),
            untracked: Untracked::default(),
        });
        if tag == P {
            self.open_paragraphs += 1;
        }
        self.stack.push(Open::Container(index));
        self.current = index;
    }

    fn pop(&mut self, end: usize) {
        match self.stack.pop() {
            Some(Open::Container(index)) => {
                self.close_container(index, end);
                self.current = self.containers[index as usize].parent;
            }
            Some(Open::Inline { is_link, capture, capture_from, owner, .. }) => {
                if is_link {
                    self.link_depth -= 1;
                }
                let room = match capture {
                    Capture::Author => self.hints.authors.len() < self.settings.max_sources,
                    Capture::AuthorLink => self.hints.author_links.len() < self.settings.max_sources,
                    _ => false,
                };
                if room {
                    let run = &self.containers[owner as usize].run;
                    if run.len().saturating_sub(capture_from) <= MAX_CAPTURE_PIECES || run.len() < capture_from {
                        let mut captured = String::new();
                        for item in run.iter().skip(capture_from) {
                            captured.push_str(self.decoded(item));
                        }
                        if capture == Capture::Author {
                            self.hints.authors.push(captured);
                        } else {
                            self.hints.author_links.push(captured);
                        }
                    }
                }
            }
            None => {}
        }
    }

    fn close_open_p(&mut self, at: usize) {
        let lowest = self.stack.len().saturating_sub(MAX_P_SEARCH + 1);
        for depth in (lowest + 1..self.stack.len()).rev() {
            match self.stack[depth] {
                Open::Container(index) if self.containers[index as usize].tag == P => {
                    while self.stack.len() > depth {
                        self.pop(at);
                    }
                    return;
                }
                Open::Container(_) => return,
                Open::Inline { .. } => {}
            }
        }
    }

    fn close_implied(&mut self, (closes, stops): (&[TagId], &[TagId]), at: usize) {
        let lowest = self.stack.len().saturating_sub(MAX_SCOPE_SEARCH);
        for depth in (lowest + 1..self.stack.len()).rev() {
            let tag = self.open_tag(depth);
            if closes.contains(&tag) {
                while self.stack.len() > depth {
                    self.pop(at);
                }
                return;
            }
            if stops.contains(&tag) {
                return;
            }
        }
    }

    /// Whether a start tag ends the skipped element's content as a browser's tree builder would:
    /// HTML that cannot be SVG/MathML (`<p>`, `<div>`, `<b>`...; `<font>` with its presentational
    /// attributes) ends foreign content, except inside an integration point (`<foreignObject>`,
    /// `<desc>`, `<title>`, MathML text) where HTML belongs. A `<button>` holds phrasing content
    /// (a label, an icon, often wrapped in `<div>`s); a paragraph, heading, list or table inside
    /// one means it was never closed (`<button/>`, a start tag missing its `>`), and browsers
    /// show what follows: so those end its skip.
    fn breaks_out(&self, id: TagId, tag: &Tag) -> bool {
        let Some(skip) = self.skip.as_ref() else { return false };
        if skip.foreign {
            let breaks = self.tags.has(id, BREAKS_FOREIGN)
                || (id == FONT && ["color", "face", "size"].iter().any(|name| tag.attribute(name).is_some()));
            let lowest = skip.inner.len().saturating_sub(MAX_SCOPE_SEARCH);
            let in_html = skip.inner[lowest..].iter().any(|&open| self.tags.has(open, INTEGRATION) || open == TITLE);
            return breaks && !in_html;
        }
        skip.tag == BUTTON && id != DIV && self.tags.has(id, BLOCK)
    }

    /// Whether an end tag would close a block element that is open (within the scope searched).
    fn closes_open_block(&self, tag: TagId) -> bool {
        let lowest = self.stack.len().saturating_sub(MAX_SCOPE_SEARCH);
        (lowest + 1..self.stack.len()).any(|depth| matches!(self.stack[depth], Open::Container(index) if self.containers[index as usize].tag == tag))
    }

    fn open_tag(&self, depth: usize) -> TagId {
        match self.stack[depth] {
            Open::Container(index) => self.containers[index as usize].tag,
            Open::Inline { tag, .. } => tag,
        }
    }

    fn is_short_cell(&self, index: u32) -> bool {
        let cell = &self.containers[index as usize];
        if cell.has_children || cell.parent == u32::MAX || cell.own_chrome {
            return false;
        }
        let parent = &self.containers[cell.parent as usize];
        if parent.tag != TR || cell.hidden != parent.hidden {
            return false;
        }
        let mut size = 0;
        for item in &cell.run {
            if item.kind == PieceKind::Break {
                return false;
            }
            size += text::code_points(self.raw(item));
        }
        size <= self.settings.max_data_cell_chars
    }

    fn close_container(&mut self, index: u32, end: usize) {
        let tag = self.containers[index as usize].tag;
        self.containers[index as usize].end = end;
        if !self.containers[index as usize].run.is_empty() {
            if (tag == TD || tag == TH) && self.is_short_cell(index) {
                // A data cell: its text joins its row's text, so a table row reads as one line.
                let row = self.containers[index as usize].parent;
                let run = std::mem::take(&mut self.containers[index as usize].run);
                let row_run = &mut self.containers[row as usize].run;
                row_run.extend_from_slice(&run);
                row_run.push(Piece { kind: PieceKind::CellGap, start: end, end, text_start: 0, text_end: 0, in_link: false });
            } else {
                self.flush(index, end);
            }
        }
        if tag == P {
            self.open_paragraphs -= 1;
        }
        let last = self.containers.len() as u32 - 1;
        let container = &mut self.containers[index as usize];
        container.last = last;
        let (capture, hidden, first_block) = (container.capture, container.hidden, container.first_block as usize);
        let emitted = self.blocks.len() - first_block;
        if capture == Capture::Author && emitted <= MAX_AUTHOR_BLOCKS {
            if self.hints.authors.len() < self.settings.max_sources {
                let texts: Vec<&str> = self.blocks[first_block..].iter().map(|b| b.text.as_str()).collect();
                self.hints.authors.push(texts.join(" "));
            }
        } else if tag == FIGCAPTION && !hidden && emitted <= MAX_CAPTION_BLOCKS && self.hints.captions.len() < self.settings.max_sources {
            // The figcaption's text, minus the credit-marked elements inside it.
            let mut caption: Vec<&str> = Vec::new();
            let mut credit: Vec<&str> = Vec::new();
            for block in &self.blocks[first_block..] {
                let owner = &self.containers[block.owner as usize];
                if block.owner != index && owner.capture == Capture::Credit {
                    credit.push(&block.text);
                } else {
                    caption.push(&block.text);
                }
            }
            if !caption.is_empty() {
                let credit = (!credit.is_empty()).then(|| credit.join(" "));
                self.hints.captions.push((caption.join(" "), credit));
            }
        }
    }

    fn end_tag_slow(&mut self, tag: TagId, start: usize, end: usize) {
        if self.tags.has(tag, IGNORED) {
            return;
        }
        if tag == BR {
            // </br> is a <br> to browsers
            self.push_piece(self.current, PieceKind::Break, start, end);
            return;
        }
        let is_block = self.tags.has(tag, BLOCK | CUSTOM);
        let lowest = self.stack.len().saturating_sub(MAX_SCOPE_SEARCH);
        for depth in (lowest + 1..self.stack.len()).rev() {
            if self.open_tag(depth) == tag {
                while self.stack.len() - 1 > depth {
                    self.pop(start);
                }
                self.pop(end);
                return;
            }
            if let Open::Container(index) = self.stack[depth] {
                if !is_block {
                    return; // an inline end tag does not close across a block (misnesting)
                }
                let open = self.containers[index as usize].tag;
                if self.tags.has(open, TABLE_SCOPE) && !self.tags.has(tag, TABLE_PART) {
                    break; // out of scope: a stray end tag
                }
            }
        }
        if tag == P && !self.containers[self.current as usize].run.is_empty() {
            self.flush(self.current, start); // a stray </p> makes an empty paragraph: a break
        }
    }

    // -- skipped elements -------------------------------------------------------------------

    fn start_skip(&mut self, tag: TagId, attributes: &Tag, end: usize) -> Option<State> {
        let keep = match tag {
            TITLE if self.hints.title.is_none() => Keep::Title,
            SCRIPT if self.hints.json_ld.len() < self.settings.max_sources
                && attributes.attribute("type").is_some_and(|t| t.len() >= 19 && t.as_bytes()[..19].eq_ignore_ascii_case(b"application/ld+json")) =>
            {
                Keep::JsonLd
            }
            _ => Keep::Nothing,
        };
        if attributes.self_closing && self.tags.has(tag, FOREIGN) {
            return None; // <svg/>: foreign elements honour the self-closing flag
        }
        let nests = self.tags.has(tag, NESTS);
        self.skip = Some(Skip { tag, inner: Vec::new(), nests, foreign: self.tags.has(tag, FOREIGN), content_start: end, keep });
        tokenizer_state(tag)
    }

    /// The end of a skipped element: keep its content's span if it is hint material.
    fn end_skip(&mut self, start: usize) {
        if let Some(skip) = self.skip.take() {
            match skip.keep {
                Keep::Title => self.hints.title = Some((skip.content_start, start)),
                Keep::JsonLd if start - skip.content_start <= 4 * self.settings.max_json_ld_chars => {
                    self.hints.json_ld.push((skip.content_start, start));
                }
                _ => {}
            }
        }
    }
}

/// The tokenizer state an element's content is read in (the standard's tree builder switches
/// the tokenizer for these; elsewhere it stays in the data state).
fn tokenizer_state(tag: TagId) -> Option<State> {
    match tag {
        SCRIPT => Some(State::ScriptData),
        STYLE | XMP | IFRAME | NOEMBED | NOFRAMES => Some(State::RawText),
        TITLE | TEXTAREA => Some(State::RcData),
        PLAINTEXT => Some(State::PlainText),
        _ => None,
    }
}

fn attribute_pairs(tag: &Tag) -> Vec<(String, String)> {
    tag.attributes().map(|(n, v)| (n.to_owned(), v.to_owned())).collect()
}

/// The raw attribute text contains one of the words that can flag a link (links are hundreds
/// per page with unique hrefs; the others are not worth reading).
/// A link's start tag (lowercase) to an author's page: a path segment `author(s)`, `autor(es)`,
/// `auteur(s)` or `writer(s)` followed by more path (`href="/author/jane-doe"`).
fn links_an_author_page(lower_tag: &str) -> bool {
    const SEGMENTS: [&str; 8] = ["/author/", "/authors/", "/autor/", "/autores/", "/auteur/", "/auteurs/", "/writer/", "/writers/"];
    SEGMENTS.iter().any(|segment| {
        lower_tag.find(segment).is_some_and(|at| lower_tag[at + segment.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

fn link_may_be_flagged(source: &str, start: usize, end: usize, lower: &mut String) -> bool {
    lower.clear();
    lower.push_str(source.get(start..end).unwrap_or(""));
    lower.make_ascii_lowercase();
    lower.contains("hidden") || lower.contains("none") || lower.contains("author")
}

impl<'a, 'n, E> Sink for Builder<'a, 'n, E> {
    fn text(&mut self, decoded: &str, start: usize, end: usize) {
        if self.skip.is_some() {
            return;
        }
        let current = self.current as usize;
        let raw = self.source.get(start..end).unwrap_or("");
        if self.containers[current].run.is_empty() && text::all_space(raw) {
            return;
        }
        let text_start = self.arena.len() as u32;
        self.arena.push_str(decoded);
        let in_link = self.link_depth > 0;
        self.containers[current].run.push(Piece {
            kind: PieceKind::Text,
            start,
            end,
            text_start,
            text_end: self.arena.len() as u32,
            in_link,
        });
    }

    fn wants_text(&self) -> bool {
        self.skip.is_none() // a skipped element's content is read back from its span if needed
    }

    fn keeps_value(&self, tag: &[u8], name: &[u8]) -> bool {
        // <meta> and <html> attributes are hint material; elsewhere only what the flags, <time>
        // and <script type> read.
        matches!(tag, b"meta" | b"html")
            || matches!(name, b"class" | b"id" | b"role" | b"itemprop" | b"rel" | b"aria-hidden" | b"style" | b"type" | b"datetime")
    }

    fn in_foreign_content(&self) -> bool {
        self.skip.as_ref().is_some_and(|skip| skip.foreign)
    }

    fn start_tag(&mut self, tag: &Tag, start: usize, end: usize) -> Option<State> {
        let id = self.tags.id(&tag.name);
        if self.skip.is_some() {
            if !self.breaks_out(id, tag) {
                let skip = self.skip.as_mut().unwrap();
                let opens = !self.tags.has(id, VOID) && !(skip.foreign && tag.self_closing) && (id != skip.tag || skip.nests);
                if opens {
                    skip.inner.push(id);
                }
                return if skip.foreign { None } else { tokenizer_state(id) };
            }
            let skip = self.skip.take().unwrap();
            if !skip.foreign {
                // A button stays open around what follows, as in browsers: it and the elements
                // opened inside it become plain inline elements, so their end tags close them.
                for tag in std::iter::once(skip.tag).chain(skip.inner) {
                    self.stack.push(Open::Inline { tag, is_link: false, capture: Capture::Nothing, capture_from: 0, owner: self.current });
                }
            } // SVG/MathML: the standard closes the foreign elements, and reads the tag as HTML
        }
        let props = self.tags.props(id);
        if props & OPAQUE != 0 {
            return self.start_skip(id, tag, end);
        }
        if id == BR {
            self.push_piece(self.current, PieceKind::Break, start, end);
            return None;
        }
        if id == META {
            if tag.has_attributes() {
                self.hints.metas.push(attribute_pairs(tag));
            }
            return None;
        }
        if id == HR {
            if self.open_paragraphs > 0 {
                self.close_open_p(start);
            }
            if !self.containers[self.current as usize].run.is_empty() {
                self.flush(self.current, start);
            }
            return None;
        }
        if props & VOID != 0 {
            return None;
        }
        if props & IGNORED != 0 {
            if id == HTML && tag.has_attributes() {
                self.hints.html_attributes = Some(attribute_pairs(tag));
            }
            return None;
        }
        let is_link = id == A;
        let mut block = props & (BLOCK | CUSTOM) != 0;
        let mut capture_inline = false;
        let mut flags = Flags::default();
        if tag.has_attributes() {
            if !is_link || link_may_be_flagged(self.source, start, end, &mut self.folded) {
                flags = self.flags.flags(tag);
                // (the tag's own text, lowercase, is in self.folded: hrefs are not kept as values)
                if is_link && flags.capture == Capture::Nothing && links_an_author_page(&self.folded) {
                    flags.capture = Capture::AuthorLink;
                }
            }
            if id == TIME && self.hints.times.len() < self.settings.max_sources {
                if let Some(datetime) = tag.attribute("datetime") {
                    let value = datetime.trim_matches(text::is_space);
                    if !value.is_empty() {
                        let current = &self.containers[self.current as usize];
                        self.hints.times.push((value.to_owned(), current.in_semantic || current.tag == HEADER));
                    }
                }
            }
            if flags.hidden || flags.chrome || flags.semantic || flags.capture == Capture::Credit {
                block = true;
            } else if flags.capture != Capture::Nothing && !is_link && !block {
                capture_inline = true;
            }
        }
        if id == NOSCRIPT {
            // What a browser shows with scripting off (whole forum threads, on some pages): read
            // as HTML, hidden like any content the reader with scripts does not see.
            flags.hidden = true;
            flags.aria_only = false;
            block = true;
        }
        if self.stack.len() >= MAX_OPEN_ELEMENTS && (block || is_link || capture_inline) {
            // Too deep: counted as open, like an inline element we do not track; a block
            // element still ends the text before it (see end_tag for the text inside it).
            if block && !self.containers[self.current as usize].run.is_empty() {
                self.flush(self.current, start);
            }
            self.containers[self.current as usize].untracked.open(id);
            return None;
        }
        if block {
            let mut hasher = FxHasher::default();
            id.hash(&mut hasher);
            tag.attribute("class").unwrap_or("").hash(&mut hasher);
            self.open_container(id, start, flags, hasher.finish());
        } else if is_link {
            self.link_depth += 1;
            let owner = self.current;
            let capture_from = self.containers[owner as usize].run.len();
            self.stack.push(Open::Inline { tag: id, is_link: true, capture: flags.capture, capture_from, owner });
        } else if capture_inline {
            let owner = self.current;
            let capture_from = self.containers[owner as usize].run.len();
            self.stack.push(Open::Inline { tag: id, is_link: false, capture: flags.capture, capture_from, owner });
        } else {
            let current = &mut self.containers[self.current as usize];
            current.untracked.open(id);
        }
        None
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        let id = self.tags.id(name);
        if let Some(skip) = self.skip.as_mut() {
            let lowest = skip.inner.len().saturating_sub(MAX_SCOPE_SEARCH);
            if let Some(depth) = (lowest..skip.inner.len()).rev().find(|&depth| skip.inner[depth] == id) {
                skip.inner.truncate(depth); // closes an element inside the skipped one
                return;
            }
            if skip.tag == id {
                self.end_skip(start);
                return;
            }
            // </p> and </br> end foreign content too (the standard reads them as HTML).
            let breaks = skip.foreign && (id == P || id == BR);
            if !breaks && (skip.tag == TEMPLATE || !self.closes_open_block(id)) {
                return;
            }
            self.end_skip(start); // the end tag of a block around the skipped element closes it too
        }
        if self.stack.len() >= MAX_OPEN_ELEMENTS && self.containers[self.current as usize].untracked.close(id) {
            // closes an element opened too deep (the deepest first, as they nest)
            if self.tags.props(id) & (BLOCK | CUSTOM) != 0 && !self.containers[self.current as usize].run.is_empty() {
                self.flush(self.current, start);
            }
            return;
        }
        if self.stack.len() > 1 && self.open_tag(self.stack.len() - 1) == id {
            self.pop(end); // the common, well-nested case
            return;
        }
        let current = &mut self.containers[self.current as usize];
        if current.untracked.close(id) {
            return; // closes an inline element we did not track
        }
        self.end_tag_slow(id, start, end);
    }
}

/// The elements a block can sit in that say something about it (nav, footer... as tags, not as
/// class names), one bit each, in DOM_FEATURES order after the depth.
const ANCESTRY_TAGS: [&[TagId]; 11] = [
    &[NAV], &[FOOTER], &[HEADER], &[ASIDE], &[FORM], &[UL, OL, MENU, DL, DIR], &[TABLE], &[ARTICLE, MAIN],
    &[SECTION], &[FIGURE], &[NOSCRIPT],
];

fn ancestry_bit(tag: TagId) -> u16 {
    for (bit, tags) in ANCESTRY_TAGS.iter().enumerate() {
        if tags.contains(&tag) {
            return 1 << bit;
        }
    }
    0
}

/// The names of each block's structural facts (see `ContainerTable::dom`), for Python.
pub const DOM_FEATURES: [&str; DOM_WIDTH] = [
    "dom_depth", "in_nav", "in_footer", "in_header", "in_aside", "in_form", "in_list", "in_table",
    "in_article_tag", "in_section", "in_figure", "in_noscript", "dom_repeat", "dom_repeat_own",
    "path_blocks", "path_text_share", "card_blocks", "card_text_share", "path_first", "card_first",
    "aria_hidden",
];
pub const DOM_WIDTH: usize = 21;
/// How many containers up from a block's own the repeats of a card are looked for.
const REPEAT_REACH: usize = 4;
/// Look-alike siblings (beside the container itself) that make a container one card of a run.
const MIN_CARD_SIBLINGS: u32 = 2;

/// The containers Python needs: those holding a block at any depth (the others can change no
/// block's flags), in document order, renumbered: the subtree of container i is i..=lasts[i].
pub struct ContainerTable {
    pub lasts: Vec<u32>,
    /// indices of the chrome-looking containers, of the semantic-article ones, of the <article>s
    pub own_chrome: Vec<u32>,
    pub semantic: Vec<u32>,
    pub articles: Vec<u32>,
    /// new index of each block's owner
    pub owners: Vec<u32>,
    /// each block's structural facts, DOM_FEATURES in order: its container's depth (/30),
    /// whether it sits in a nav, footer, header, aside, form, list, table, article/main, section,
    /// figure, noscript element, ln(1 + how many siblings share the tag and class of its container or
    /// of one of the REPEAT_REACH containers around it: the most of those, and its own), and its
    /// card facts (see `card_facts`), and whether only `aria-hidden` hides it (on screen: a
    /// carousel's slides, a card's duplicate link; a hidden block is otherwise off screen)
    pub dom: Vec<[f32; DOM_WIDTH]>,
}

/// Page-local groups of blocks with the same markup: the cards of a grid, the posts of a thread,
/// the items of a menu. A group is judged as one by the block scorer (its second stage reads the
/// mean first-stage probability of each block's groups, worker/pipeline/segment/scoring.py),
/// because a card's title, teaser and meta line are scored unevenly on their own.
struct CardGroups {
    /// the group of each block (an index into the vectors below)
    of_block: Vec<u32>,
    /// blocks in each group, their weight, the first block of each
    blocks: Vec<u32>,
    weight: Vec<f64>,
    first: Vec<u32>,
}

impl CardGroups {
    fn new(keys: impl Iterator<Item = Option<(u32, u64)>>, weights: &[f64]) -> CardGroups {
        let mut ids: FxHashMap<(u32, u64), u32> = FxHashMap::default();
        let mut groups = CardGroups { of_block: Vec::new(), blocks: Vec::new(), weight: Vec::new(), first: Vec::new() };
        for (index, key) in keys.enumerate() {
            // a block without a key is a group of its own
            let next = groups.blocks.len() as u32;
            let group = match key {
                Some(key) => *ids.entry(key).or_insert(next),
                None => next,
            };
            if group == next {
                groups.blocks.push(0);
                groups.weight.push(0.0);
                groups.first.push(index as u32);
            }
            groups.blocks[group as usize] += 1;
            groups.weight[group as usize] += weights[index];
            groups.of_block.push(group);
        }
        groups
    }

    /// ln(1 + the other blocks of the block's group), its group's share of the page's text, and
    /// the position of its group's first block on the page (a group's name for the scorer).
    fn facts(&self, block: usize, total_weight: f64, count: usize) -> [f32; 3] {
        let group = self.of_block[block] as usize;
        [
            ((self.blocks[group] - 1) as f32).ln_1p(),
            (self.weight[group] / total_weight.max(1.0)) as f32,
            self.first[group] as f32 / count as f32,
        ]
    }
}

impl<'a, 'n, E> Builder<'a, 'n, E> {
    fn dom_facts(&self) -> Vec<[f32; DOM_WIDTH]> {
        let mut siblings: FxHashMap<(u32, u64), u32> = FxHashMap::default();
        for container in &self.containers[1..] {
            *siblings.entry((container.parent, container.signature)).or_insert(0) += 1;
        }
        let repeats = |index: u32| -> u32 {
            let container = &self.containers[index as usize];
            if index == 0 { 0 } else { siblings.get(&(container.parent, container.signature)).copied().unwrap_or(1) - 1 }
        };
        let mut rows: Vec<[f32; DOM_WIDTH]> = self
            .blocks
            .iter()
            .map(|block| {
                let own = &self.containers[block.owner as usize];
                let mut row = [0f32; DOM_WIDTH];
                row[0] = own.depth.min(60) as f32 / 30.0;
                for (bit, value) in row[1..1 + ANCESTRY_TAGS.len()].iter_mut().enumerate() {
                    *value = (own.ancestry >> bit & 1) as f32;
                }
                let own_repeats = repeats(block.owner);
                let mut most = own_repeats;
                let mut at = block.owner;
                for _ in 1..REPEAT_REACH {
                    if at == 0 {
                        break;
                    }
                    at = self.containers[at as usize].parent;
                    most = most.max(repeats(at));
                }
                row[12] = (most as f32).ln_1p();
                row[13] = (own_repeats as f32).ln_1p();
                row[20] = (own.hidden && !own.hidden_for_all) as u8 as f32;
                row
            })
            .collect();
        self.card_facts(&mut rows, &repeats);
        rows
    }

    /// The card columns of each block's row: its markup path (the tag and class of its container
    /// and of every container around it, positions left out) and its card (the nearest of the
    /// REPEAT_REACH containers around it that has MIN_CARD_SIBLINGS look-alike siblings: all the
    /// blocks of all those siblings are one card group); for each, how many blocks share it, their
    /// share of the page's text and their group's first position (see `CardGroups::facts`).
    fn card_facts(&self, rows: &mut [[f32; DOM_WIDTH]], repeats: &dyn Fn(u32) -> u32) {
        let count = self.blocks.len();
        if count == 0 {
            return;
        }
        // containers come after their parents: one pass hashes every path
        let mut paths = vec![0u64; self.containers.len()];
        for (index, container) in self.containers.iter().enumerate().skip(1) {
            let mut hasher = FxHasher::default();
            paths[container.parent as usize].hash(&mut hasher);
            container.signature.hash(&mut hasher);
            paths[index] = hasher.finish();
        }
        let card_of = |owner: u32| -> Option<(u32, u64)> {
            let mut at = owner;
            for _ in 0..REPEAT_REACH {
                if at == 0 {
                    return None;
                }
                let container = &self.containers[at as usize];
                if repeats(at) >= MIN_CARD_SIBLINGS {
                    return Some((container.parent, container.signature));
                }
                at = container.parent;
            }
            None
        };
        let weights: Vec<f64> = self.blocks.iter().map(|block| block.weight as f64).collect();
        let total: f64 = weights.iter().sum();
        let by_path = CardGroups::new(self.blocks.iter().map(|block| Some((0, paths[block.owner as usize]))), &weights);
        let by_card = CardGroups::new(self.blocks.iter().map(|block| card_of(block.owner)), &weights);
        for (index, row) in rows.iter_mut().enumerate() {
            let [path_blocks, path_share, path_first] = by_path.facts(index, total, count);
            let [card_blocks, card_share, card_first] = by_card.facts(index, total, count);
            row[14..20].copy_from_slice(&[path_blocks, path_share, card_blocks, card_share, path_first, card_first]);
        }
    }

    pub fn container_table(&self) -> ContainerTable {
        let n = self.containers.len();
        let mut holds = vec![false; n];
        for block in &self.blocks {
            holds[block.owner as usize] = true;
        }
        for index in (1..n).rev() {
            if holds[index] {
                holds[self.containers[index].parent as usize] = true;
            }
        }
        holds[0] = true;
        // kept_before[i]: kept containers among 0..i
        let mut kept_before = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        for &kept in &holds {
            kept_before.push(count);
            count += kept as u32;
        }
        kept_before.push(count);
        let mut table = ContainerTable {
            lasts: Vec::with_capacity(count as usize),
            own_chrome: Vec::new(),
            semantic: Vec::new(),
            articles: Vec::new(),
            owners: self.blocks.iter().map(|b| kept_before[b.owner as usize]).collect(),
            dom: self.dom_facts(),
        };
        for (index, container) in self.containers.iter().enumerate() {
            if !holds[index] {
                continue;
            }
            let new_index = table.lasts.len() as u32;
            table.lasts.push(kept_before[container.last as usize + 1] - 1);
            if container.own_chrome {
                table.own_chrome.push(new_index);
            }
            if container.semantic {
                table.semantic.push(new_index);
            }
            if container.tag == ARTICLE {
                table.articles.push(new_index);
            }
        }
        table
    }
}
