//! The WHATWG tokenizer (html5gum) with exact source spans, feeding a [`Sink`].
//!
//! html5gum implements the standard's tokenizer states and passes the html5lib tokenizer tests;
//! it calls an [`Emitter`] for every piece of a token. [`SpanEmitter`] assembles the pieces into
//! whole tokens, without allocating per token, and gives each one its byte span:
//!
//! * a tag, comment or doctype spans from its `<` to just after its last character (`>`);
//! * text spans everything between the token before it and the token after it (what the
//!   standard drops, like `</>`, stays inside the text span).
//!
//! Which state the tokenizer enters after a start tag (RAWTEXT for `<style>`, script data for
//! `<script>`...) is the tree builder's decision in the standard; the sink makes it.

use html5gum::{Emitter, Error, State, Tokenizer};

/// A start tag: its lowercase name and its attributes, the first of each name (as the standard
/// keeps them), with character references decoded. The attributes' bytes are kept back to back
/// in one buffer, reused from tag to tag, and read as text only when asked for.
#[derive(Default)]
pub struct Tag {
    pub name: String,
    bytes: Vec<u8>,
    /// name start, name end, value start, value end in `bytes`
    spans: Vec<[u32; 4]>,
    pub self_closing: bool,
}

fn text_of(bytes: &[u8]) -> &str {
    // Pieces of a str and decoded characters: UTF-8 once whole (checked, not assumed).
    std::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

impl Tag {
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.spans.iter().map(|s| (text_of(&self.bytes[s[0] as usize..s[1] as usize]), text_of(&self.bytes[s[2] as usize..s[3] as usize])))
    }

    /// The value of attribute `name` (lowercase).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attribute_bytes(name.as_bytes()).map(text_of)
    }

    pub fn attribute_bytes(&self, name: &[u8]) -> Option<&[u8]> {
        self.spans
            .iter()
            .find(|s| &self.bytes[s[0] as usize..s[1] as usize] == name)
            .map(|s| &self.bytes[s[2] as usize..s[3] as usize])
    }

    /// (name, value) bytes of every attribute.
    pub fn raw_attributes(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.spans.iter().map(|s| (&self.bytes[s[0] as usize..s[1] as usize], &self.bytes[s[2] as usize..s[3] as usize]))
    }

    pub fn has_attributes(&self) -> bool {
        !self.spans.is_empty()
    }

    fn clear(&mut self) {
        self.name.clear();
        self.bytes.clear();
        self.spans.clear();
        self.self_closing = false;
    }

    fn start_attribute(&mut self) {
        let at = self.bytes.len() as u32;
        self.spans.push([at; 4]);
    }

    fn push_name(&mut self, s: &[u8]) {
        self.bytes.extend_from_slice(s);
        let at = self.bytes.len() as u32;
        if let Some(span) = self.spans.last_mut() {
            span[1] = at;
            span[2] = at;
            span[3] = at;
        }
    }

    fn last_name(&self) -> &[u8] {
        self.spans.last().map_or(&[][..], |s| &self.bytes[s[0] as usize..s[1] as usize])
    }

    fn push_value(&mut self, s: &[u8]) {
        self.bytes.extend_from_slice(s);
        let at = self.bytes.len() as u32;
        if let Some(span) = self.spans.last_mut() {
            span[3] = at;
        }
    }

    /// A duplicate name: the standard keeps the first.
    fn finish_attribute(&mut self) {
        if let Some((last, earlier)) = self.spans.split_last() {
            let name = &self.bytes[last[0] as usize..last[1] as usize];
            if earlier.iter().any(|s| &self.bytes[s[0] as usize..s[1] as usize] == name) {
                self.bytes.truncate(last[0] as usize);
                self.spans.pop();
            }
        }
    }
}

#[derive(Default)]
pub struct Doctype {
    pub name: String,
    pub public_identifier: Option<String>,
    pub system_identifier: Option<String>,
    pub force_quirks: bool,
}

/// What consumes the tokens. Spans are byte offsets into the input.
pub trait Sink {
    fn text(&mut self, text: &str, start: usize, end: usize);
    /// Returns the state the tokenizer continues in (None: data state).
    fn start_tag(&mut self, tag: &Tag, start: usize, end: usize) -> Option<State>;
    fn end_tag(&mut self, name: &str, start: usize, end: usize);
    fn comment(&mut self, _data: &str, _start: usize, _end: usize) {}
    fn doctype(&mut self, _doctype: &Doctype, _start: usize, _end: usize) {}
    /// Whether `<![CDATA[` opens a CDATA section (inside SVG/MathML) rather than a bogus comment.
    fn in_foreign_content(&self) -> bool {
        false
    }
    /// Whether the text that follows is wanted (the content of a skipped element is not).
    fn wants_text(&self) -> bool {
        true
    }
    /// Whether the value of attribute `name` of start tag `tag` is wanted; the others (hrefs,
    /// srcsets, data-*: most of a page's attribute bytes) are not copied and read as "".
    fn keeps_value(&self, _tag: &[u8], _name: &[u8]) -> bool {
        true
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Current {
    Nothing,
    StartTag,
    EndTag,
    Comment,
    Doctype,
}

pub struct SpanEmitter<'s, S: Sink> {
    pub sink: &'s mut S,
    position: usize,
    token_start: usize,
    last_token_end: usize,
    text: Vec<u8>,
    current: Current,
    tag: Tag,
    tag_name: Vec<u8>,
    in_attribute: bool,
    keep_value: bool,
    last_start_tag: Vec<u8>,
    comment: Vec<u8>,
    doctype: Doctype,
    doctype_bytes: [Vec<u8>; 3],
}

impl<'s, S: Sink> SpanEmitter<'s, S> {
    pub fn new(sink: &'s mut S) -> Self {
        SpanEmitter {
            sink,
            position: 0,
            token_start: 0,
            last_token_end: 0,
            text: Vec::new(),
            current: Current::Nothing,
            tag: Tag::default(),
            tag_name: Vec::new(),
            in_attribute: false,
            keep_value: true,
            last_start_tag: Vec::new(),
            comment: Vec::new(),
            doctype: Doctype::default(),
            doctype_bytes: Default::default(),
        }
    }

    /// The _last start tag_ for the tests that start inside RCDATA/RAWTEXT.
    pub fn with_last_start_tag(mut self, name: Option<&str>) -> Self {
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(name.unwrap_or("").as_bytes());
        self
    }

    fn flush_text(&mut self, end: usize) {
        if !self.text.is_empty() {
            let start = self.last_token_end;
            match std::str::from_utf8(&self.text) {
                Ok(text) => self.sink.text(text, start, end),
                Err(_) => {
                    let text = String::from_utf8_lossy(&self.text).into_owned();
                    self.sink.text(&text, start, end);
                }
            }
            self.text.clear();
        }
    }

    /// Before a token is handed on: the text before it, then the token's span.
    fn token_span(&mut self) -> (usize, usize) {
        let start = self.token_start.max(self.last_token_end);
        self.flush_text(start);
        self.last_token_end = self.position;
        (start, self.position)
    }

    fn finish_attribute(&mut self) {
        if self.in_attribute {
            self.tag.finish_attribute();
            self.in_attribute = false;
        }
    }
}

/// The input is a `str`, so what the tokenizer hands over is UTF-8 (checked, not assumed).
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl<'s, S: Sink> Emitter for SpanEmitter<'s, S> {
    type Token = std::convert::Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag.extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        let end = self.position;
        self.flush_text(end);
    }

    fn emit_error(&mut self, _error: Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Self::Token> {
        None
    }

    #[inline]
    fn emit_string(&mut self, s: &[u8]) {
        if self.sink.wants_text() {
            self.text.extend_from_slice(s);
        } else if self.text.is_empty() {
            // Skipped text still counts as text: remember that some came (its bytes are not needed).
            self.text.push(b' ');
        }
    }

    fn init_start_tag(&mut self) {
        self.current = Current::StartTag;
        self.tag.clear();
        self.tag_name.clear();
        self.in_attribute = false;
    }

    fn init_end_tag(&mut self) {
        self.current = Current::EndTag;
        self.tag.clear();
        self.tag_name.clear();
        self.in_attribute = false;
    }

    fn init_comment(&mut self) {
        self.current = Current::Comment;
        self.comment.clear();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.finish_attribute();
        self.tag.name.push_str(&utf8(&self.tag_name));
        let (start, end) = self.token_span();
        let kind = self.current;
        self.current = Current::Nothing;
        match kind {
            Current::StartTag => {
                self.last_start_tag.clear();
                self.last_start_tag.extend_from_slice(self.tag.name.as_bytes());
                self.sink.start_tag(&self.tag, start, end)
            }
            Current::EndTag => {
                self.sink.end_tag(&self.tag.name, start, end);
                None
            }
            _ => None,
        }
    }

    fn emit_current_comment(&mut self) {
        let (start, end) = self.token_span();
        self.current = Current::Nothing;
        let data = String::from_utf8_lossy(&self.comment);
        self.sink.comment(&data, start, end);
    }

    fn emit_current_doctype(&mut self) {
        let (start, end) = self.token_span();
        self.current = Current::Nothing;
        self.doctype.name = lossy(&self.doctype_bytes[0]);
        if let Some(public) = self.doctype.public_identifier.as_mut() {
            *public = lossy(&self.doctype_bytes[1]);
        }
        if let Some(system) = self.doctype.system_identifier.as_mut() {
            *system = lossy(&self.doctype_bytes[2]);
        }
        self.sink.doctype(&self.doctype, start, end);
    }

    fn set_self_closing(&mut self) {
        if self.current == Current::StartTag {
            self.tag.self_closing = true;
        }
    }

    fn set_force_quirks(&mut self) {
        self.doctype.force_quirks = true;
    }

    #[inline]
    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
    }

    fn push_comment(&mut self, s: &[u8]) {
        self.comment.extend_from_slice(s);
    }

    fn push_doctype_name(&mut self, s: &[u8]) {
        self.doctype_bytes[0].extend_from_slice(s);
    }

    fn init_doctype(&mut self) {
        self.current = Current::Doctype;
        self.doctype.force_quirks = false;
        self.doctype.public_identifier = None;
        self.doctype.system_identifier = None;
        for part in self.doctype_bytes.iter_mut() {
            part.clear();
        }
    }

    fn init_attribute(&mut self) {
        self.finish_attribute();
        // An end tag's attributes are dropped: none is kept for it.
        if self.current == Current::StartTag {
            self.tag.start_attribute();
            self.in_attribute = true;
            self.keep_value = true;
        }
    }

    fn init_attribute_value(&mut self) {
        if self.in_attribute {
            self.keep_value = self.sink.keeps_value(&self.tag_name, self.tag.last_name());
        }
    }

    #[inline]
    fn push_attribute_name(&mut self, s: &[u8]) {
        if self.in_attribute {
            self.tag.push_name(s);
        }
    }

    #[inline]
    fn push_attribute_value(&mut self, s: &[u8]) {
        if self.in_attribute && self.keep_value {
            self.tag.push_value(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.doctype.public_identifier = Some(String::new());
        self.doctype_bytes[1].clear();
        self.doctype_bytes[1].extend_from_slice(value);
    }

    fn set_doctype_system_identifier(&mut self, value: &[u8]) {
        self.doctype.system_identifier = Some(String::new());
        self.doctype_bytes[2].clear();
        self.doctype_bytes[2].extend_from_slice(value);
    }

    fn push_doctype_public_identifier(&mut self, s: &[u8]) {
        self.doctype_bytes[1].extend_from_slice(s);
    }

    fn push_doctype_system_identifier(&mut self, s: &[u8]) {
        self.doctype_bytes[2].extend_from_slice(s);
    }

    #[inline]
    fn start_open_tag(&mut self) {
        self.token_start = self.position.saturating_sub(1);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.current == Current::EndTag && !self.last_start_tag.is_empty() && self.last_start_tag == self.tag_name
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.sink.in_foreign_content()
    }

    #[inline]
    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
    }
}

/// Run the tokenizer over `input` from `state`, feeding `sink`.
pub fn tokenize<S: Sink>(input: &str, sink: &mut S, state: State, last_start_tag: Option<&str>) {
    let emitter = SpanEmitter::new(sink).with_last_start_tag(last_start_tag);
    let mut tokenizer = Tokenizer::new_with_emitter(input, emitter);
    tokenizer.set_state(state);
    // The string reader cannot fail.
    let _ = tokenizer.finish();
}
