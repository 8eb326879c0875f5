//! Tag names: what each one does in the block builder, looked up once per name.
//!
//! Known names have fixed ids (a `match`, no hashing); other names are interned per page, so
//! that the builder compares integers. The tables follow HTML's content model as far as block
//! extraction needs it (see worker/pipeline/html.py for what each kind means).

use crate::flags::{FxHashMap, Vocabulary};

pub type TagId = u32;

// Properties, as bits.
pub const BLOCK: u16 = 1;
pub const VOID: u16 = 1 << 1;
pub const OPAQUE: u16 = 1 << 2;
pub const IGNORED: u16 = 1 << 3;
pub const CLOSES_P: u16 = 1 << 4;
pub const TABLE_SCOPE: u16 = 1 << 5;
pub const TABLE_PART: u16 = 1 << 6;
pub const CUSTOM: u16 = 1 << 7;
pub const CHROME_TAG: u16 = 1 << 8;
pub const SEMANTIC_TAG: u16 = 1 << 9;
pub const FOREIGN: u16 = 1 << 10;
/// A skipped element that can hold itself (`<svg>` in `<svg>`), so its end tags are counted.
pub const NESTS: u16 = 1 << 11;
/// Its start tag ends SVG/MathML content (the standard's list: HTML that cannot be foreign).
pub const BREAKS_FOREIGN: u16 = 1 << 12;
/// Inside SVG/MathML, HTML content starts here (an integration point).
pub const INTEGRATION: u16 = 1 << 13;

macro_rules! known_tags {
    ($($id:ident = $name:literal : $props:expr;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(u32)]
        #[derive(Clone, Copy)]
        enum Known { $($id,)* COUNT }
        $(pub const $id: TagId = Known::$id as TagId;)*
        pub const KNOWN_COUNT: usize = Known::COUNT as usize;
        const KNOWN_NAMES: [&str; KNOWN_COUNT] = [$($name,)*];
        const KNOWN_PROPS: [u16; KNOWN_COUNT] = [$($props,)*];

        fn known(name: &str) -> Option<TagId> {
            match name {
                $($name => Some($id),)*
                _ => None,
            }
        }
    };
}

const BP: u16 = BLOCK | CLOSES_P | BREAKS_FOREIGN;
const X: u16 = BREAKS_FOREIGN;

known_tags! {
    // blocks that close an open <p>
    ADDRESS = "address": BLOCK | CLOSES_P; ARTICLE = "article": BLOCK | CLOSES_P; ASIDE = "aside": BLOCK | CLOSES_P;
    BLOCKQUOTE = "blockquote": BP; CENTER = "center": BP; DETAILS = "details": BLOCK | CLOSES_P;
    DIALOG = "dialog": BLOCK | CLOSES_P; DIR = "dir": BLOCK | CLOSES_P; DIV = "div": BP; DL = "dl": BP; FIELDSET = "fieldset": BLOCK | CLOSES_P;
    FIGCAPTION = "figcaption": BLOCK | CLOSES_P; FIGURE = "figure": BLOCK | CLOSES_P; FOOTER = "footer": BLOCK | CLOSES_P; FORM = "form": BLOCK | CLOSES_P;
    H1 = "h1": BP; H2 = "h2": BP; H3 = "h3": BP; H4 = "h4": BP; H5 = "h5": BP; H6 = "h6": BP;
    HEADER = "header": BLOCK | CLOSES_P; HGROUP = "hgroup": BLOCK | CLOSES_P; MAIN = "main": BLOCK | CLOSES_P; MENU = "menu": BP; NAV = "nav": BLOCK | CLOSES_P;
    OL = "ol": BP; P = "p": BP; PRE = "pre": BP; SECTION = "section": BLOCK | CLOSES_P; SUMMARY = "summary": BLOCK | CLOSES_P;
    TABLE = "table": BP | TABLE_SCOPE | TABLE_PART; UL = "ul": BP; LI = "li": BP; DD = "dd": BP; DT = "dt": BP;
    LISTING = "listing": BP;
    // other blocks
    CAPTION = "caption": BLOCK | TABLE_SCOPE | TABLE_PART; TBODY = "tbody": BLOCK | TABLE_PART;
    TD = "td": BLOCK | TABLE_SCOPE | TABLE_PART; TFOOT = "tfoot": BLOCK | TABLE_PART; TH = "th": BLOCK | TABLE_SCOPE | TABLE_PART;
    THEAD = "thead": BLOCK | TABLE_PART; TR = "tr": BLOCK | TABLE_PART; LEGEND = "legend": BLOCK; FRAMESET = "frameset": BLOCK;
    MARQUEE = "marquee": BLOCK;
    // void elements (hr also closes <p>)
    AREA = "area": VOID; BASE = "base": VOID; BR = "br": VOID | X; COL = "col": VOID; EMBED = "embed": VOID | X;
    HR = "hr": VOID | CLOSES_P | X; IMG = "img": VOID | X; INPUT = "input": VOID; KEYGEN = "keygen": VOID;
    LINK = "link": VOID; META = "meta": VOID | X; PARAM = "param": VOID; SOURCE = "source": VOID;
    TRACK = "track": VOID; WBR = "wbr": VOID; BASEFONT = "basefont": VOID; BGSOUND = "bgsound": VOID;
    FRAME = "frame": VOID; IMAGE = "image": VOID;
    // elements whose content is not text
    SCRIPT = "script": OPAQUE; STYLE = "style": OPAQUE; TEXTAREA = "textarea": OPAQUE; TITLE = "title": OPAQUE;
    XMP = "xmp": OPAQUE; NOSCRIPT = "noscript": BLOCK; TEMPLATE = "template": OPAQUE | NESTS; IFRAME = "iframe": OPAQUE;
    SVG = "svg": OPAQUE | FOREIGN | NESTS; MATH = "math": OPAQUE | FOREIGN | NESTS; SELECT = "select": OPAQUE;
    NOEMBED = "noembed": OPAQUE; NOFRAMES = "noframes": OPAQUE | BLOCK; OBJECT = "object": OPAQUE | NESTS;
    PLAINTEXT = "plaintext": OPAQUE; CANVAS = "canvas": OPAQUE | NESTS; AUDIO = "audio": OPAQUE | NESTS;
    VIDEO = "video": OPAQUE | NESTS;
    DATALIST = "datalist": OPAQUE; BUTTON = "button": OPAQUE;
    // the root container stands for these
    HTML = "html": IGNORED; HEAD = "head": IGNORED | X; BODY = "body": IGNORED | X;
    // inline elements the builder looks at
    A = "a": 0; TIME = "time": 0;
    // inline elements that end SVG/MathML content
    SPAN = "span": X; B_ = "b": X; BIG = "big": X; CODE = "code": X; EM = "em": X; I = "i": X; NOBR = "nobr": X;
    RUBY = "ruby": X; S = "s": X; SMALL = "small": X; STRONG = "strong": X; STRIKE = "strike": X; SUB = "sub": X;
    SUP = "sup": X; TT = "tt": X; U = "u": X; VAR = "var": X; FONT = "font": 0;
    // where HTML content starts again inside SVG/MathML
    FOREIGNOBJECT = "foreignobject": INTEGRATION; DESC = "desc": INTEGRATION; MI = "mi": INTEGRATION;
    MO = "mo": INTEGRATION; MN = "mn": INTEGRATION; MS = "ms": INTEGRATION; MTEXT = "mtext": INTEGRATION;
    ANNOTATION_XML = "annotation-xml": INTEGRATION;
}

/// Heading level of a tag id (0: not a heading).
#[inline]
pub fn heading_level(tag: TagId) -> u8 {
    match tag {
        H1 => 1,
        H2 => 2,
        H3 => 3,
        H4 => 4,
        H5 => 5,
        H6 => 6,
        _ => 0,
    }
}

/// Names and properties of the tags seen on one page.
pub struct Tags<'v> {
    vocabulary: &'v Vocabulary,
    props: Vec<u16>,
    names: Vec<String>,
    ids: FxHashMap<String, TagId>,
}

impl<'v> Tags<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Self {
        let props = KNOWN_PROPS
            .iter()
            .zip(KNOWN_NAMES.iter())
            .map(|(&props, name)| props | Self::vocabulary_props(vocabulary, name))
            .collect();
        Tags { vocabulary, props, names: Vec::new(), ids: FxHashMap::default() }
    }

    fn vocabulary_props(vocabulary: &Vocabulary, name: &str) -> u16 {
        let mut props = 0;
        if vocabulary.chrome_tags.contains(name) {
            props |= CHROME_TAG;
        }
        if vocabulary.semantic_tags.contains(name) {
            props |= SEMANTIC_TAG;
        }
        props
    }

    pub fn id(&mut self, name: &str) -> TagId {
        if let Some(id) = known(name) {
            return id;
        }
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.props.len() as TagId;
        let mut props = Self::vocabulary_props(self.vocabulary, name);
        if name.contains('-') {
            props |= CUSTOM; // custom elements are blocks
        }
        self.props.push(props);
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    #[inline]
    pub fn props(&self, id: TagId) -> u16 {
        self.props[id as usize]
    }

    #[inline]
    pub fn has(&self, id: TagId, prop: u16) -> bool {
        self.props[id as usize] & prop != 0
    }

    pub fn name(&self, id: TagId) -> &str {
        let index = id as usize;
        if index < KNOWN_COUNT {
            KNOWN_NAMES[index]
        } else {
            &self.names[index - KNOWN_COUNT]
        }
    }
}

/// HTML's implied ends: the open elements a start tag closes, and the ones that stop the search.
pub fn implied_end(tag: TagId) -> Option<(&'static [TagId], &'static [TagId])> {
    const LIST_STOPS: &[TagId] = &[UL, OL, MENU, DIR, TABLE, TD, TH, BLOCKQUOTE, NAV, ASIDE, SECTION, ARTICLE, DL];
    const DEFINITION_STOPS: &[TagId] = &[DL, TABLE, TD, TH, UL, OL];
    const SECTIONS: &[TagId] = &[TBODY, THEAD, TFOOT];
    match tag {
        LI => Some((&[LI], LIST_STOPS)),
        DT | DD => Some((&[DT, DD], DEFINITION_STOPS)),
        TR => Some((&[TR], &[TABLE, TBODY, THEAD, TFOOT])),
        TD | TH => Some((&[TD, TH], &[TR, TABLE])),
        TBODY | THEAD | TFOOT => Some((SECTIONS, &[TABLE])),
        _ => None,
    }
}
