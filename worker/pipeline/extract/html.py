"""HTML pages to blocks: one block per block-level element's own text, with exact source offsets.

:func:`extract_blocks` is the HTML entry of the pipeline. The page is read in ONE pass of the
WHATWG tokenizer (the Rust crate html5gum, which passes the html5lib tokenizer tests), compiled
with the tree builder it drives into the extension :mod:`worker._native` (source in
``native/``). Browsers follow the standard's tokenizer rules, which define exactly what every
malformed tag means (an unbalanced or curly quote, an apostrophe in an unquoted value, a '<'
inside an attribute), so a broken tag costs at most that tag, never the rest of the page. Every
token carries its span in the page, so every block knows its exact code-point span in
``content`` and spam evidence can cut out exactly an element's markup.

What runs compiled is mechanical (hundreds of tokens per page would cost milliseconds in
Python): the tokenizer, a stack of open elements with HTML's main implied-end rules (``<p>``
closed by a block, ``<li>`` by the next ``<li>``, cells by the next cell or row, end tags matched
only within their scope and at most 64 elements down, a stray ``</p>`` as a break), text runs,
white-space folding, ``<br><br>`` splitting, table rows, and the raw material of the page hints.
What is decided on data stays in Python and data files, to be refitted: the class/id/role
vocabulary (:mod:`worker.pipeline.extract.chrome`, applied by compiled rules), the main-content
thresholds below, and the hints (:mod:`worker.pipeline.extract.hints`).

Blocks:

* inline elements (``<a>``, ``<span>``, ``<b>``...) only contribute text. Text nodes are
  concatenated as they are, so touching inline elements get no space and source white space
  becomes one space; a line break between two CJK characters is dropped (old Chinese pages wrap
  lines in the source), as browsers do for those scripts. Character references are decoded by
  the tokenizer.
* a block element (``<p>``, ``<li>``, ``<div>``...) ends the text run of its parent and starts
  its own: each block is the text of one element that is not inside a child block. Two or more
  ``<br>`` in a row split a run into paragraphs (``text<br><br>text``); a single ``<br>`` is a
  space. Hidden, chrome or credit-marked inline elements are blocks of their own (so that hidden
  injected text is one block with exact evidence).
* tables: a cell with short text and no child blocks is data, and a row's data cells make one
  block (tag ``tr``, cells joined by spaces); other cells (layout tables) are blocks (``td``).
* <noscript> is read as HTML, as a browser with scripting off reads it (some pages hold their
  whole thread there), and its blocks are hidden.
* script, style, svg, iframe, template, select, textarea, button... content is not
  text. The tokenizer reads script/style/title/textarea/iframe content in the states the
  standard gives them; the others are skipped token by token up to their matching end tag, or to
  where a browser's tree builder would close them: the end tag of a block open around them, HTML
  that cannot be SVG/MathML (``<p>``, ``<div>``, ``<b>``...) inside ``<svg>``/``<math>``, a
  paragraph, heading, list or table inside a ``<button>`` (one never closed: ``<button/>``, a start
  tag missing its ``>``), so that an unclosed element never swallows the rest of the page.

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
(a page-wide ``<form>`` of ASP.NET pages, a ``has-sidebar`` wrapper) are not chrome. The builder
hands over only the containers that hold blocks, in document order, so a container's subtree is
a contiguous range and its paragraph total a difference of two prefix sums: no Python loop runs
over the page's elements.

Limits: foster parenting and the adoption agency of HTML5 are not emulated (misnested inline
elements close with their block); text directly inside ``<tr>``/``<table>`` stays in document
order rather than moving before the table. Deep nesting is fine (no recursion anywhere). A Python
string holding lone surrogates (not UTF-8) has them replaced by U+FFFD first, one for one, so
offsets still hold.
"""

from __future__ import annotations

import gc
import re
from itertools import accumulate

try:
    from worker import _native
except ImportError as error:  # a source tree used without installing the package
    raise ImportError("worker._native (native/, Rust) is not built: pip install -e . builds it (needs cargo, Rust >= 1.85)") from error
from worker.pipeline.extract.chrome import vocabulary
from worker.pipeline.extract.hints import MAX_JSON_LD_CHARS, MAX_SOURCES, HintSources, page_hints
from worker.pipeline.model import Block, PageHints
from worker.pipeline.extract.normalize import normalize_text

# Table cells with at most this much text (code points) and no child blocks are data: a row
# becomes one block.
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

_NON_WORD = re.compile(r"[\W_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

_EXTRACTOR = _native.Extractor(
    vocabulary=vocabulary(),
    normalize=normalize_text,
    block_type=Block,
    max_data_cell_chars=MAX_DATA_CELL_CHARS,
    max_sources=MAX_SOURCES,
    max_json_ld_chars=MAX_JSON_LD_CHARS,
)


def extract_blocks(content: str) -> tuple[list[Block], PageHints]:
    """Parse HTML into block elements in document order, with offsets into ``content``."""
    if not content or content.isspace():
        return [], PageHints()
    # The extension makes a Python object per block and a few lists, none of them in a cycle:
    # the cyclic garbage collector, which otherwise runs every few hundred allocations and
    # rescans the young ones, is paused meanwhile (a page of 10^5 blocks paid twice its cost).
    collecting = gc.isenabled()
    gc.disable()
    try:
        page = _EXTRACTOR.extract(content)
    except UnicodeEncodeError:  # lone surrogates: U+FFFD for each keeps every offset
        content = _SURROGATE.sub("\ufffd", content)
        page = _EXTRACTOR.extract(content)
    finally:
        if collecting:
            gc.enable()
    blocks, owners, weights, teasers, containers, raw_hints = page
    sources = HintSources.from_builder(content, raw_hints)
    _mark_main_content(blocks, owners, weights, teasers, containers, sources.declared_titles())
    return blocks, page_hints(sources, blocks)


def _mark_main_content(blocks: list[Block], owners: list[int], weights: list[int], teasers: list[bool], containers: tuple, titles: list[str]) -> None:
    """Set ``in_chrome`` and ``in_article`` of every block (see the module docstring).

    ``containers`` is ``(lasts, own_chrome, semantic, articles)``: for each container holding
    blocks (index 0: the page), the index of the last container inside it; then the indices of
    the chrome-looking, the semantic-article and the <article> containers.
    """
    lasts, own_chrome, semantic, articles = containers
    good = [0] * len(lasts)  # paragraph weight of the blocks directly in each container
    for block, owner, weight, teaser in zip(blocks, owners, weights, teasers):
        density = block.link_density
        if weight < MIN_PARAGRAPH_WEIGHT or density > MAX_PARAGRAPH_LINK_DENSITY or block.hidden or block.heading_level:
            continue
        if teaser and density >= TEASER_MIN_LINK_DENSITY:
            continue  # "<a>Headline</a> summary...": a teaser, not a paragraph of this page
        good[owner] += int(weight * (1.0 - density))
    totals = _Totals(good, lasts)
    page_total = totals[0]
    chrome = [False] * len(lasts)
    for index in own_chrome:
        if not (page_total and totals[index] >= CHROME_VETO_SHARE * page_total):
            chrome[index : lasts[index] + 1] = [True] * (lasts[index] + 1 - index)
    if own_chrome:
        good = [0 if is_chrome else weight for weight, is_chrome in zip(good, chrome)]
        totals = _Totals(good, lasts)
    main = _main_container(totals, lasts)
    title_owner = _title_owner(blocks, owners, chrome, titles)
    semantic_main = _semantic_main(totals, lasts, semantic, title_owner)
    if (
        semantic_main is not None
        and main <= semantic_main <= lasts[main]
        and totals[semantic_main] >= max(MIN_MAIN_CONTENT_WEIGHT, SEMANTIC_MAIN_MIN_SHARE * totals[main])
    ):
        main = semantic_main  # <article> inside the density winner: it marks off the teasers around it
    confident = main != 0 and totals[main] >= MIN_MAIN_CONTENT_WEIGHT
    if confident:
        _mark_other_stories(totals, lasts, articles, chrome, main, title_owner)
    main_last = lasts[main]
    semantic_first, semantic_last = (semantic_main, lasts[semantic_main]) if semantic_main is not None else (-1, -2)
    for block, owner in zip(blocks, owners):
        inside_main = main <= owner <= main_last
        block.in_chrome = chrome[owner] or (confident and not inside_main and block.heading_level != 1)
        block.in_article = (confident and inside_main) or semantic_first <= owner <= semantic_last


class _Totals:
    """Paragraph weight under each container: its subtree is a contiguous range of the table."""

    __slots__ = ("prefix", "lasts")

    def __init__(self, good: list[int], lasts: list[int]) -> None:
        self.prefix = [0, *accumulate(good)]
        self.lasts = lasts

    def __getitem__(self, index: int) -> int:
        return self.prefix[self.lasts[index] + 1] - self.prefix[index]


def _main_container(totals: _Totals, lasts: list[int]) -> int:
    """Descend from the page into the child that holds nearly all paragraph text."""
    current = 0
    while True:
        best, best_total = -1, 0
        child, end = current + 1, lasts[current]
        while child <= end:  # the children: each next one starts after the previous one's subtree
            total = totals[child]
            if total > best_total:
                best, best_total = child, total
            child = lasts[child] + 1
        if best < 0 or totals[current] - best_total > DESCEND_MAX_OUTSIDE * best_total:
            return current
        current = best


def _title_owner(blocks: list[Block], owners: list[int], chrome: list[bool], titles: list[str]) -> int | None:
    """The container of the first visible <h1> that repeats the page's declared title, if any."""
    if not titles:
        return None
    for block, owner in zip(blocks, owners):
        if block.heading_level == 1 and not block.hidden and not chrome[owner]:
            heading = _NON_WORD.sub("", block.text.lower())
            if len(heading) >= 6 and any(heading in title or title in heading for title in titles):
                return owner
    return None


def _semantic_main(totals: _Totals, lasts: list[int], semantic: list[int], title_owner: int | None) -> int | None:
    """The innermost <article>/<main>/articleBody holding the page's <h1>, else the one with most text.

    Pages list other stories as <article> elements too; the one holding the headline is the page's.
    """
    candidates = [index for index in semantic if totals[index]]
    if not candidates:
        return None
    if title_owner is not None:
        titled = [index for index in candidates if index <= title_owner <= lasts[index]]
        if titled:
            return titled[-1]
    return max(candidates, key=totals.__getitem__)


def _mark_other_stories(totals: _Totals, lasts: list[int], articles: list[int], chrome: list[bool], main: int, title_owner: int | None) -> None:
    """Chrome for <article> elements nested in the main content that are other stories.

    An <article> inside the page's article, without the headline, while the page's article has
    its own text besides: a related story or a teaser card.
    """
    nested = []
    covered_until = -1  # the last container inside the previous story
    main_last = lasts[main]
    for index in articles:
        if index <= main or index <= covered_until:
            continue
        if index > main_last:
            break
        holds_title = title_owner is not None and index <= title_owner <= lasts[index]
        if totals[index] and not chrome[index] and not holds_title:
            nested.append(index)
            covered_until = lasts[index]
    if not nested or totals[main] - sum(totals[story] for story in nested) < MIN_MAIN_CONTENT_WEIGHT:
        return
    for story in nested:
        chrome[story : lasts[story] + 1] = [True] * (lasts[story] + 1 - story)
