"""HTML pages to blocks: one block per block-level element's own text, with exact source offsets.

:func:`extract_blocks` is the HTML entry of the pipeline. It reads the page in ONE linear pass of
a small tokenizer (one regex, run by ``findall`` in C, cuts the page into text + tag tokens)
driving a tree builder that keeps only what extraction needs: a stack of open elements with
HTML's main implied-end rules (``<p>`` closed by a block, ``<li>`` by the next ``<li>``, cells by
the next cell or row, end tags matched only within their scope, a stray ``</p>`` as a break).
Because the pass walks the raw string, every element and text node knows its exact code-point
span in ``content``, so spam evidence can cut out exactly an element's markup. (A first version
parsed with selectolax/Lexbor and aligned its tree with a scan of the source for positions; the
alignment scan plus the Python walk over the tree cost more than this single pass.)

Speed: most of a page's characters sit in scripts, styles, inline SVG and comments, so the scan
runs in chunks that stop at the next such element (a plain prefix search, much faster than the
tokenizer) and resumes after its end tag; the tokens in between are identical to those of one
uninterrupted scan. Within a chunk, tags are read up to '>' only (a '<' in attribute values is
so rare that checking each token for it and re-reading the chunk exactly then costs less than the
exact character set on every attribute character). Class/id flags are cached per page by
attribute string, class list, id and class name, and links (unique hrefs) are read only when a
cheap test says they may be flagged.

Blocks:

* inline elements (``<a>``, ``<span>``, ``<b>``...) only contribute text. Text nodes are
  concatenated as they are, so touching inline elements get no space and source white space
  becomes one space; a line break between two CJK characters is dropped (old Chinese pages wrap
  lines in the source), as browsers do for those scripts. Entities are decoded.
* a block element (``<p>``, ``<li>``, ``<div>``...) ends the text run of its parent and starts
  its own: each block is the text of one element that is not inside a child block. Two or more
  ``<br>`` in a row split a run into paragraphs (``text<br><br>text``); a single ``<br>`` is a
  space. Hidden, chrome or credit-marked inline elements are blocks of their own (so that hidden
  injected text is one block with exact evidence).
* tables: a cell with short text and no child blocks is data, and a row's data cells make one
  block (tag ``tr``, cells joined by spaces); other cells (layout tables) are blocks (``td``).
* script, style, svg, iframe, noscript, template, select, textarea... content is not text.

Offsets: a block that is its element's whole text spans the element's markup, start tag to end
tag (or to where the element was implicitly closed). A run of text around child blocks, a
``<br><br>`` piece or a table row spans from its first to its last character in the source.

Flags (see :class:`~worker.pipeline.model.Block`): ``hidden`` (hidden attribute, aria-hidden,
inline display:none / visibility:hidden, hide-only classes; hidden blocks are still returned),
``in_chrome`` (navigation, footers, share/related/comment containers, see
:mod:`worker.pipeline.extract.chrome`, or outside the detected main content) and ``in_article``.

Main content is found from the text itself, never from site knowledge. Every container sums the
length of the substantial, link-poor paragraphs under it (a block that opens with a link, like a
teaser "<a>Headline</a> summary", does not count), and from ``<body>`` we descend into the child
holding nearly all of that text, stopping where the text is shared between several children. An
``<article>``/``<main>``/articleBody inside that container becomes the main content when it holds
enough of the text (the one holding the page's headline, i.e. the ``<h1>`` repeating og:title or
<title>, wins over other stories marked up as articles); other ``<article>`` elements nested in
the main article are other stories. When the main container is clear, blocks outside it are
chrome (except an ``<h1>``). Chrome-looking containers holding most of the page's paragraph text
(a page-wide ``<form>`` of ASP.NET pages, a ``has-sidebar`` wrapper) are not chrome.

Limits: an attribute value holding '<' or '>' is read right only when the tag's quotes are
balanced by the end of the value (the tag is then re-read quote-aware); foster parenting and the
adoption agency of HTML5 are not emulated (misnested inline elements close with their block);
text directly inside ``<tr>``/``<table>`` stays in document order rather than moving before the
table. Deep nesting is fine (no recursion; end tags look at most 64 elements down the stack).
"""

from __future__ import annotations

import html as html_entities
import re

from worker.pipeline.extract.chrome import CHROME_TAGS, FlagCache, attribute_flags
from worker.pipeline.extract.hints import HintSources, page_hints
from worker.pipeline.model import Block, PageHints
from worker.pipeline.extract.normalize import normalize_text
from worker.pipeline.textfacts import EAST_ASIAN

# One token: the text before a tag (a '<' that opens no tag is text), then the tag: a comment
# opener, a start/end tag with its name and raw attributes, a declaration (<!DOCTYPE>, </ >), or
# the end of the input. Tokens are contiguous, so positions are running sums of lengths and
# `findall` does the scan in C (no match objects). The text part is possessive and stops only
# where the tag part must match, so no match ever fails and retries: the scan is linear, also on
# pathological input ('<' * 10**6).
TOKEN = re.compile(
    r"((?:[^<]++|<(?![A-Za-z/!]))*+)"
    r"(<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:_-]{0,40})([^<>]{0,8000})>?|[/!][^<>]{0,8000}>?)|\Z)"
)
# TOKEN with attributes read up to '>' only: 1.5x faster (a one-character stop instead of a set),
# and the same tokens unless a tag's attributes hold a '<' (which TOKEN stops at). The builder
# checks every token's attributes for '<' and re-reads the rest of the chunk with TOKEN then.
FAST_TOKEN = re.compile(TOKEN.pattern.replace("([^<>]{0,8000})", "([^>]{0,8000})", 1))
# A start tag whose attribute values may hold '>' (onload="if(this.width>450)..."): quoted values
# are skipped whole. Possessive quantifiers: no backtracking, linear.
QUOTED_TAG = re.compile(r"""<[A-Za-z][^\s/>]*((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>?""")
# Elements whose content is not text: skipped up to their end tag (found case-insensitively).
OPAQUE_TAGS = frozenset(
    ("script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "svg", "math",
     "select", "noembed", "noframes", "object", "plaintext", "canvas", "audio", "video", "datalist", "button")
)
# Where the chunked scan stops to jump over an element's content (see _BlockBuilder.run).
# Spelled-out letter cases rather than IGNORECASE: this way the search runs at the speed of its '<' prefix.
OPAQUE_START = re.compile(
    r"<(?:!--|(?:[Ss](?:[Cc][Rr][Ii][Pp][Tt]|[Tt][Yy][Ll][Ee]|[Vv][Gg])|[Nn][Oo][Ss][Cc][Rr][Ii][Pp][Tt]"
    r"|[Tt][Ee][Mm][Pp][Ll][Aa][Tt][Ee])(?![A-Za-z0-9:_-]))"
)
# The end tag, ASCII case-insensitive as HTML's (letter cases spelled out: a fast '</' prefix search).
_OPAQUE_END = {name: re.compile("</" + "".join(f"[{c.upper()}{c}]" for c in name) + r"\s*>") for name in OPAQUE_TAGS}
VOID_TAGS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "image")
)
BLOCK_TAGS = frozenset(
    "address article aside blockquote caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup li listing main menu nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul legend frameset noframes marquee".split()
)
IGNORED_TAGS = frozenset(("html", "head", "body", "!doctype"))  # the root container stands for them
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SEMANTIC_ARTICLE_TAGS = frozenset(("article", "main"))

# HTML5 implied ends. A start tag of these closes an open <p> (when only inline elements are above it).
CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section summary table ul li dd dt listing".split()
)
# start tag -> (open elements it closes, elements that stop the search)
IMPLIED_END = {
    "li": (frozenset(("li",)), frozenset(("ul", "ol", "menu", "dir", "table", "td", "th", "blockquote", "nav", "aside", "section", "article", "dl"))),
    "dt": (frozenset(("dt", "dd")), frozenset(("dl", "table", "td", "th", "ul", "ol"))),
    "dd": (frozenset(("dt", "dd")), frozenset(("dl", "table", "td", "th", "ul", "ol"))),
    "tr": (frozenset(("tr",)), frozenset(("table", "tbody", "thead", "tfoot"))),
    "td": (frozenset(("td", "th")), frozenset(("tr", "table"))),
    "th": (frozenset(("td", "th")), frozenset(("tr", "table"))),
    "tbody": (frozenset(("tbody", "thead", "tfoot")), frozenset(("table",))),
    "thead": (frozenset(("tbody", "thead", "tfoot")), frozenset(("table",))),
    "tfoot": (frozenset(("tbody", "thead", "tfoot")), frozenset(("table",))),
}
# An end tag only closes an element found below these on the stack if it is itself a table part.
TABLE_SCOPE = frozenset(("td", "th", "table", "caption"))
TABLE_PARTS = frozenset(("td", "th", "tr", "tbody", "thead", "tfoot", "table", "caption"))
MAX_SCOPE_SEARCH = 64  # how far down the open-element stack an end tag looks for its start
# Table cells with at most this much text and no child blocks are data: a row becomes one block.
MAX_DATA_CELL_CHARS = 150

# Paragraph text that counts towards main-content detection (CJK characters count double).
MIN_PARAGRAPH_WEIGHT = 60
MAX_PARAGRAPH_LINK_DENSITY = 0.35
# A block that starts with a link making up at least this share of it is a teaser (headline link
# plus summary) and does not count as paragraph text.
TEASER_MIN_LINK_DENSITY = 0.1
# Descend into a child container when the paragraph text outside it is at most this share of it.
DESCEND_MAX_OUTSIDE = 0.18
# A chrome-looking container holding at least this share of the page's paragraph text is a wrapper.
CHROME_VETO_SHARE = 0.5
# An <article>/<main> inside the density winner becomes the main content when it holds this share.
SEMANTIC_MAIN_MIN_SHARE = 0.3
# Blocks outside the main container become chrome only when it holds this much paragraph text.
MIN_MAIN_CONTENT_WEIGHT = 400

_CJK_LINE_BREAK = re.compile(rf"(?<=[{EAST_ASIAN}])[ \t\r\f]*\n\s*(?=[{EAST_ASIAN}])")
_CJK_CHAR = re.compile(rf"[{EAST_ASIAN}]")
_NON_WORD = re.compile(r"[\W_]+")
_SPECIAL_CLOSE = frozenset(("p", "figcaption", "td", "th"))  # their end does more than bookkeeping
_NO_FLAGS = (False, False, False, "")

# What a start tag does, by lowercase name; names not listed are inline (or blocks if custom, with
# a '-'). Kinds from _VOID up have no content to track.
_INLINE, _CAPTURE, _LINK, _BLOCK, _VOID, _LINE_BREAK, _META, _RULE, _OPAQUE, _IGNORED = range(10)
_START_KIND = {
    **{name: _BLOCK for name in BLOCK_TAGS},
    **{name: _VOID for name in VOID_TAGS},
    **{name: _OPAQUE for name in OPAQUE_TAGS},
    **{name: _IGNORED for name in IGNORED_TAGS},
    "br": _LINE_BREAK, "meta": _META, "hr": _RULE, "a": _LINK,
}
_BR = -1  # marker in a text run: (_BR, start, end) for a <br>


def extract_blocks(content: str) -> tuple[list[Block], PageHints]:
    """Parse HTML into block elements in document order, with offsets into ``content``."""
    if not content or content.isspace():
        return [], PageHints()
    builder = _BlockBuilder(content)
    builder.run()
    blocks = builder.finish()
    return blocks, page_hints(builder.hint_sources, blocks)


class _Container:
    """An open or closed block-level element: flags, source span, pending text, paragraph totals."""

    __slots__ = (
        "tag", "parent", "index", "last", "start", "end", "own_chrome", "hidden", "semantic",
        "run", "good", "total", "chrome", "has_children", "capture", "first_block", "untracked",
        "in_semantic",
    )

    def __init__(self, tag, parent, index, start, own_chrome, hidden, semantic, capture, first_block=0):
        self.tag = tag
        self.parent = parent
        self.index = index  # pre-order position among containers
        self.last = index  # pre-order position of the last container inside it
        self.start = start
        self.end = start
        self.own_chrome = own_chrome
        self.hidden = hidden
        self.semantic = semantic  # <article>/<main>/articleBody/role=main
        self.run: list = []  # pending text: (text, start, end, in_link) or (_BR, start, end, False)
        self.good = 0  # paragraph weight of blocks directly in this container
        self.total = 0  # paragraph weight in this container and below
        self.chrome = False  # effective chrome flag, computed after the pass
        self.has_children = False  # a child block split its text
        self.capture = capture  # hint kind whose text this element carries ('author', 'credit', '')
        self.first_block = first_block  # number of blocks emitted before it opened
        self.untracked: dict[str, int] | None = None  # open inline elements not on the stack, by name
        self.in_semantic = semantic  # it or an ancestor is semantic (set by the builder)


class _Inline:
    """An open inline element: only what its end changes (link depth, a text capture)."""

    __slots__ = ("tag", "is_link", "capture", "capture_from", "owner")

    def __init__(self, tag, is_link, capture, capture_from, owner):
        self.tag = tag
        self.is_link = is_link
        self.capture = capture
        self.capture_from = capture_from
        self.owner = owner


# Every open <a> without a text capture: _Inline is never changed, so they share one.
_PLAIN_LINK = _Inline("a", True, "", 0, None)


class _BlockBuilder:
    __slots__ = ("content", "containers", "blocks", "owners", "stack", "current", "link_depth", "flag_cache", "hint_sources", "open_paragraphs")

    def __init__(self, content: str) -> None:
        self.content = content
        root = _Container("body", None, 0, 0, False, False, False, "")
        root.end = len(content)
        self.containers: list[_Container] = [root]
        self.blocks: list[Block] = []
        self.owners: list[_Container] = []
        self.stack: list = [root]  # open elements: _Container or _Inline
        self.current = root  # innermost open container
        self.link_depth = 0
        self.open_paragraphs = 0  # <p> elements on the stack
        self.flag_cache: dict[str, tuple] = {}
        self.hint_sources = HintSources()

    # -- the pass ---------------------------------------------------------------------------

    def run(self) -> None:
        content = self.content
        length = len(content)
        stack = self.stack
        flag_cache = self.flag_cache
        token_cache = FlagCache()
        hints = self.hint_sources
        containers = self.containers
        pos = 0  # end of the last token
        skip_until = 0  # end of the comment or opaque element being skipped
        chunk_from = 0
        exact_until = 0  # where to go back to FAST_TOKEN after a '<' inside a tag
        while True:
            # The scan runs in chunks that end at the next script, style, svg or comment (found by a
            # search much faster than the tokenizer), so that their content, most of a page's
            # characters, is jumped over instead of tokenized and skipped.
            next_opaque = OPAQUE_START.search(content, chunk_from)
            chunk_end = length if next_opaque is None else next_opaque.start()
            tokens = (TOKEN if chunk_from < exact_until else FAST_TOKEN).findall(content, chunk_from, chunk_end)
            if next_opaque is not None:
                tokens.append(TOKEN.match(content, chunk_end).groups(""))
            for text, tag, comment, slash, name, attributes in tokens:
                if "<" in attributes:
                    break  # FAST_TOKEN read past a '<' (see there): redo the chunk from here, exactly
                text_start = pos
                start = pos + len(text)
                end = pos = start + len(tag)
                if skip_until > text_start:
                    if skip_until > start:
                        continue  # inside a comment or an opaque element
                    text = text[skip_until - text_start :]
                    text_start = skip_until
                if text:
                    current = self.current
                    if current.run or not text.isspace():
                        current.run.append((text, text_start, start, self.link_depth > 0))
                if comment:
                    close = content.find("-->", start + 4)
                    skip_until = length if close < 0 else close + 3
                    continue
                if not name:
                    continue  # <!DOCTYPE ...> and other declarations
                name = name.lower()
                if slash:
                    top = stack[-1]
                    if top.tag == name and len(stack) > 1:  # the common, well-nested case
                        if top.__class__ is _Container:
                            stack.pop()
                            if not top.run and not top.capture and name not in _SPECIAL_CLOSE:
                                top.end = end  # an element without pending text: nothing but bookkeeping
                                top.last = len(containers) - 1
                            else:
                                self._close_container(top, end)
                            self.current = top.parent
                        elif top.capture:
                            self._pop(end)
                        else:  # a plain link
                            stack.pop()
                            self.link_depth -= top.is_link
                        continue
                    untracked = self.current.untracked
                    if untracked and untracked.get(name):
                        untracked[name] -= 1  # closes an inline element we did not track
                        continue
                    self._end_tag(name, start, end)
                    continue
                if attributes and (('"' in attributes and attributes.count('"') & 1) or ("'" in attributes and attributes.count("'") & 1)):
                    quoted = QUOTED_TAG.match(content, start)
                    if quoted is not None and quoted.end() > end:
                        end = skip_until = quoted.end()  # the tokens inside are attribute text
                        attributes = quoted.group(1)
                kind = _START_KIND.get(name)
                if kind is None:
                    kind = _BLOCK if "-" in name else _INLINE  # custom elements are blocks
                if kind >= _VOID:
                    if kind == _LINE_BREAK:
                        self.current.run.append((_BR, start, end, False))
                    elif kind == _META:
                        hints.metas.append(attributes)
                    elif kind == _RULE:
                        if self.open_paragraphs:
                            self._close_open_p(start)
                        if self.current.run:
                            self._flush(self.current, start)
                    elif kind == _OPAQUE:
                        end_match = _OPAQUE_END[name].search(content, end)
                        close, skip_until = (length, length) if end_match is None else end_match.span()
                        if name == "script":
                            hints.add_script(attributes, content, end, close)
                        elif name == "title" and hints.title is None:
                            hints.title = content[end:close]
                    elif kind == _IGNORED and name == "html" and attributes and not attributes.isspace():
                        hints.html_attributes = attributes
                    continue
                if attributes and not attributes.isspace():
                    flags = flag_cache.get(attributes)
                    if flags is None:
                        if kind == _LINK and not _may_flag_link(attributes):
                            flags = _NO_FLAGS  # links have unique hrefs: skip the cache and the reading
                        else:
                            flags = flag_cache[attributes] = attribute_flags(attributes, token_cache)
                    if name == "time":
                        hints.add_time(attributes, self.current)
                    if flags is not _NO_FLAGS:
                        hidden, chrome, semantic, capture = flags
                        if hidden or chrome or semantic or capture == "credit":
                            kind = _BLOCK
                        elif capture and kind == _INLINE:
                            kind = _CAPTURE
                    else:
                        hidden = chrome = semantic = False
                        capture = ""
                else:
                    hidden = chrome = semantic = False
                    capture = ""
                if kind == _BLOCK:
                    self._open_container(name, start, hidden, chrome or name in CHROME_TAGS, semantic or name in SEMANTIC_ARTICLE_TAGS, capture)
                elif kind == _LINK:
                    self.link_depth += 1
                    if capture:
                        current = self.current
                        stack.append(_Inline(name, True, capture, len(current.run), current))
                    else:
                        stack.append(_PLAIN_LINK)
                elif kind == _CAPTURE:
                    current = self.current
                    stack.append(_Inline(name, False, capture, len(current.run), current))
                else:
                    untracked = self.current.untracked
                    if untracked is None:
                        self.current.untracked = {name: 1}
                    else:
                        untracked[name] = untracked.get(name, 0) + 1
            else:
                if next_opaque is None:
                    break
                chunk_from = pos
                if skip_until > pos and (skip_until >= length or content[skip_until - 1] == ">"):
                    # Resume after the skipped element. Safe: a '>' ends any tag token, so the scan from
                    # there reads the same tokens (minus the skipped text) as an uninterrupted one would.
                    chunk_from = pos = skip_until
                continue
            # The tokens before this one are the exact ones and `pos` is where it starts.
            exact_until = chunk_end
            chunk_from = pos
        pos = max(pos, skip_until)
        if pos < length:
            text = content[pos:]
            if not text.isspace():
                self.current.run.append((text, pos, length, self.link_depth > 0))
        while len(stack) > 1:
            self._pop(length)
        self._close_container(self.containers[0], length)

    def _open_container(self, name, start, hidden, chrome, semantic, capture) -> None:
        if self.open_paragraphs and name in CLOSES_P:
            self._close_open_p(start)
        implied = IMPLIED_END.get(name)
        if implied is not None:
            self._close_implied(implied, start)
        parent = self.current
        if parent.run and parent.tag != "tr":  # a row collects its data cells' text (see _close_container)
            self._flush(parent, start)
        parent.has_children = True
        if name == "header" and chrome and parent.in_semantic:
            chrome = False  # an article's own header holds its title and byline
        container = _Container(name, parent, len(self.containers), start, chrome, hidden or parent.hidden, semantic, capture, len(self.blocks))
        container.in_semantic = semantic or parent.in_semantic
        if name == "p":
            self.open_paragraphs += 1
        self.containers.append(container)
        self.stack.append(container)
        self.current = container

    def _end_tag(self, name: str, start: int, end: int) -> None:
        stack = self.stack
        if name in IGNORED_TAGS:
            return
        if name == "br":  # </br> is a <br> to browsers
            self.current.run.append((_BR, start, end, False))
            return
        is_block = name in BLOCK_TAGS or "-" in name
        lowest = max(0, len(stack) - MAX_SCOPE_SEARCH)
        for depth in range(len(stack) - 1, lowest, -1):
            element = stack[depth]
            if element.tag == name:
                while len(stack) - 1 > depth:
                    self._pop(start)
                self._pop(end)
                return
            if isinstance(element, _Container):
                if not is_block:
                    return  # an inline end tag does not close across a block (misnesting)
                if element.tag in TABLE_SCOPE and name not in TABLE_PARTS:
                    break  # out of scope: a stray end tag
        if name == "p" and self.current.run:
            self._flush(self.current, start)  # a stray </p> makes an empty paragraph: a break

    def _pop(self, end: int) -> None:
        element = self.stack.pop()
        if isinstance(element, _Container):
            self._close_container(element, end)
            self.current = element.parent
            return
        if element.is_link:
            self.link_depth -= 1
        if element.capture and len(element.owner.run) - element.capture_from <= 50:
            pieces = element.owner.run[element.capture_from:]
            text = "".join(piece[0] for piece in pieces if piece[0] != _BR)
            self.hint_sources.add_capture(element.capture, text)

    def _close_open_p(self, at: int) -> None:
        stack = self.stack
        for depth in range(len(stack) - 1, max(0, len(stack) - 16), -1):
            element = stack[depth]
            if element.tag == "p":
                while len(stack) > depth:
                    self._pop(at)
                return
            if isinstance(element, _Container):
                return

    def _close_implied(self, implied: tuple[frozenset, frozenset], at: int) -> None:
        closes, stops = implied
        stack = self.stack
        for depth in range(len(stack) - 1, max(0, len(stack) - MAX_SCOPE_SEARCH), -1):
            tag = stack[depth].tag
            if tag in closes:
                while len(stack) > depth:
                    self._pop(at)
                return
            if tag in stops:
                return

    def _close_container(self, container: _Container, end: int) -> None:
        container.end = end
        if container.run:
            if container.tag in ("td", "th") and _is_short_cell(container):
                # A data cell: its text joins its row's text, so a table row reads as one line.
                row = container.parent
                row.run.extend(container.run)
                row.run.append((" ", end, end, False))
                container.run = []
            else:
                self._flush(container, end)
        if container.tag == "p":
            self.open_paragraphs -= 1
        container.last = len(self.containers) - 1
        if container.capture == "author" and len(self.blocks) - container.first_block <= 4:
            texts = [block.text for block in self.blocks[container.first_block :]]
            self.hint_sources.add_capture("author", " ".join(texts))
        elif container.tag == "figcaption" and not container.hidden and len(self.blocks) - container.first_block <= 20:
            self._add_caption(container)

    def _add_caption(self, figcaption: _Container) -> None:
        """A (caption, credit) hint: the figcaption's text, minus credit-marked elements inside it."""
        caption: list[str] = []
        credit: list[str] = []
        for block, owner in zip(self.blocks[figcaption.first_block :], self.owners[figcaption.first_block :]):
            (credit if owner is not figcaption and owner.capture == "credit" else caption).append(block.text)
        if caption:
            self.hint_sources.captions.append((" ".join(caption), " ".join(credit) or None))

    # -- text runs to blocks ----------------------------------------------------------------

    def _flush(self, container: _Container, run_end: int) -> None:
        """Turn the container's pending text run into blocks, split at double <br>."""
        run = container.run
        if not run:
            return
        container.run = []
        whole = not container.has_children  # nothing before this run: it may be the whole element
        if len(run) == 1 and run[0][0] is not _BR:  # one text node: the common case
            self._emit(container, run, (container.start, run_end) if whole and run_end >= container.start else None)
            return
        piece: list = []
        pending_break = False  # a <br> seen, not yet followed by text
        split = False
        for item in run:
            if item[0] is _BR:
                if pending_break and piece:
                    self._emit(container, piece, None)
                    piece = []
                    split = True
                pending_break = True
                continue
            if pending_break:
                if item[0].isspace():
                    continue
                if piece:
                    piece.append(("\n", item[1], item[1], False))
                pending_break = False
            piece.append(item)
        if piece:
            # The element's whole text in one block: its span is the element's markup.
            span = (container.start, run_end) if whole and not split and run_end >= container.start else None
            self._emit(container, piece, span)

    def _emit(self, container: _Container, piece: list, span: tuple[int, int] | None) -> None:
        if len(piece) == 1:
            raw = piece[0][0]
        else:
            raw = "".join(item[0] for item in piece)
        if "&" in raw:
            raw = html_entities.unescape(raw)
        if "\n" in raw and not raw.isascii() and _CJK_CHAR.search(raw):
            raw = _CJK_LINE_BREAK.sub("", raw)
        text = normalize_text(" ".join(raw.split()))
        if not text:
            return
        link_chars = 0
        for item in piece:
            if item[3]:
                link_chars += len(item[0].strip())
        link_density = min(1.0, link_chars / len(text)) if link_chars else 0.0
        if span is None:
            first = next((item for item in piece if not item[0].isspace()), piece[0])
            last = next((item for item in reversed(piece) if not item[0].isspace()), piece[-1])
            span = (first[1] + (len(first[0]) - len(first[0].lstrip())), last[2] - (len(last[0]) - len(last[0].rstrip())))
        tag = container.tag
        # Positional (text, start, end, tag, in_article, in_chrome, hidden, link_density,
        # heading_level): measurably cheaper than keywords for the page's hundreds of blocks.
        self.blocks.append(Block(text, span[0], span[1], tag, False, False, container.hidden, link_density, HEADING_LEVELS.get(tag, 0)))
        self.owners.append(container)
        if link_chars and link_density >= TEASER_MIN_LINK_DENSITY and _starts_with_link(piece):
            return  # "<a>Headline</a> summary...": a teaser, not a paragraph of this page
        if not container.hidden and link_density <= MAX_PARAGRAPH_LINK_DENSITY and tag not in HEADING_LEVELS:
            weight = len(text) if text.isascii() else len(text) + len(_CJK_CHAR.findall(text))
            if weight >= MIN_PARAGRAPH_WEIGHT:
                container.good += int(weight * (1.0 - link_density))

    # -- after the pass: chrome, main content -----------------------------------------------

    def finish(self) -> list[Block]:
        containers = self.containers
        _sum_totals(containers)
        page_total = containers[0].total
        for container in containers:
            parent = container.parent
            own = container.own_chrome and not (page_total and container.total >= CHROME_VETO_SHARE * page_total)
            container.chrome = own or (parent is not None and parent.chrome)
            if container.chrome:
                container.good = 0
        _sum_totals(containers)
        main = _main_container(containers)
        title_owner = _title_owner(self.blocks, self.owners, self.hint_sources.declared_titles())
        semantic = _semantic_main(containers, title_owner)
        if (
            semantic is not None
            and main.index <= semantic.index <= main.last
            and semantic.total >= max(MIN_MAIN_CONTENT_WEIGHT, SEMANTIC_MAIN_MIN_SHARE * main.total)
        ):
            main = semantic  # <article> inside the density winner: it marks off the teasers around it
        confident = main is not containers[0] and main.total >= MIN_MAIN_CONTENT_WEIGHT
        if confident:
            _mark_other_stories(containers, main, title_owner)
        for block, owner in zip(self.blocks, self.owners):
            inside_main = main.index <= owner.index <= main.last
            block.in_chrome = owner.chrome or (confident and not inside_main and block.heading_level != 1)
            block.in_article = (confident and inside_main) or (semantic is not None and semantic.index <= owner.index <= semantic.last)
        return self.blocks


def _may_flag_link(attributes: str) -> bool:
    """Whether a link's attributes may hide it or name an author: the only flags a link needs.

    Substring tests on the lowercased attributes: several times faster than a case-insensitive
    regex search on the long hrefs of the page's hundreds of links.
    """
    lowered = attributes.lower()
    return "hidden" in lowered or "none" in lowered or "author" in lowered


def _starts_with_link(piece: list) -> bool:
    for item in piece:
        if not item[0].isspace():
            return item[3]
    return False


def _is_short_cell(cell: _Container) -> bool:
    parent = cell.parent
    if cell.has_children or parent is None or parent.tag != "tr" or cell.own_chrome or cell.hidden != parent.hidden:
        return False
    size = 0
    for item in cell.run:
        if item[0] is _BR:
            return False
        size += len(item[0])
    return size <= MAX_DATA_CELL_CHARS


def _title_owner(blocks: list[Block], owners: list[_Container], titles: list[str]) -> _Container | None:
    """The container of the first visible <h1> that repeats the page's declared title, if any."""
    if not titles:
        return None
    for block, owner in zip(blocks, owners):
        if block.heading_level == 1 and not owner.hidden and not owner.chrome:
            heading = _NON_WORD.sub("", block.text.lower())
            if len(heading) >= 6 and any(heading in title or title in heading for title in titles):
                return owner
    return None


def _sum_totals(containers: list[_Container]) -> None:
    for container in containers:
        container.total = container.good
    for container in reversed(containers):
        if container.parent is not None:
            container.parent.total += container.total


def _main_container(containers: list[_Container]) -> _Container:
    """Descend from the root into the child that holds nearly all paragraph text."""
    best_child: dict[int, _Container] = {}
    for container in containers[1:]:
        if container.total:
            key = container.parent.index
            known = best_child.get(key)
            if known is None or container.total > known.total:
                best_child[key] = container
    current = containers[0]
    while True:
        best = best_child.get(current.index)
        if best is None or current.total - best.total > DESCEND_MAX_OUTSIDE * best.total:
            return current
        current = best


def _semantic_main(containers: list[_Container], title_owner: _Container | None) -> _Container | None:
    """The innermost <article>/<main>/articleBody holding the page's <h1>, else the one with most text.

    Pages list other stories as <article> elements too; the one holding the headline is the page's.
    """
    candidates = [c for c in containers if c.semantic and c.total]
    if not candidates:
        return None
    titled = [c for c in candidates if _contains(c, title_owner)]
    if titled:
        return titled[-1]
    return max(candidates, key=lambda c: c.total)


def _mark_other_stories(containers: list[_Container], main: _Container, title_owner: _Container | None) -> None:
    """Chrome for <article> elements nested in the main content that are other stories.

    An <article> inside the page's article, without the headline, while the page's article has
    its own text besides: a related story or a teaser card.
    """
    nested = []
    covered_until = -1  # pre-order index of the last container inside the previous story
    for container in containers[main.index + 1 : main.last + 1]:
        if container.index <= covered_until:
            continue
        if container.tag == "article" and container.total and not container.chrome and not _contains(container, title_owner):
            nested.append(container)
            covered_until = container.last
    if not nested or main.total - sum(story.total for story in nested) < MIN_MAIN_CONTENT_WEIGHT:
        return
    for story in nested:
        for container in containers[story.index : story.last + 1]:
            container.chrome = True


def _contains(container: _Container, inner: _Container | None) -> bool:
    return inner is not None and container.index <= inner.index <= container.last
