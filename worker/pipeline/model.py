"""The data that flows between pipeline steps.

The pipeline turns one :class:`RawInput` into one :class:`Result`. In between, the page is a list of
:class:`Block` objects: one per line of page text, or one per block-level element of HTML. Every
block remembers where it came from in the raw ``content`` (code-point offsets), because spam
evidence must point back into the input exactly.

Everything here is a plain, slotted dataclass: cheap to build, easy to assert on in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from worker.contracts.raw import RawInput  # the pipeline's input is the decoded RawArticle contract

__all__ = [
    "RawInput",
    "BlockKind",
    "Block",
    "TimeHints",
    "PageHints",
    "Span",
    "SpamFinding",
    "Contributor",
    "Caption",
    "Sentence",
    "Paragraph",
    "PublishedDate",
    "Result",
]


class BlockKind(Enum):
    """What a block reads like on its own (set by segmentation's classify step)."""

    JUNK = "junk"  # strong evidence of page furniture: a link list, a repeat, a copyright line
    SHORT = "short"  # undecided: a subheading, a one-line quote, a headline
    PROSE = "prose"  # reads like a paragraph
    TINY = "tiny"  # one or two words, seen once: a menu item, or a terse subheading


@dataclass(slots=True)
class Block:
    """One unit of page text.

    ``text`` is normalized (NFC, clean whitespace); ``start``/``end`` delimit the block's source
    in the raw content, so ``raw.content[start:end]`` is what the block was made from (for plain
    text: the line without its surrounding whitespace; for HTML: the element's markup span, or the
    best approximation the parser allows).

    The HTML-only fields default to "no evidence" for plain text.
    """

    text: str
    start: int
    end: int
    tag: str = ""  # '' for a plain-text line; else the HTML tag: 'p', 'h1', 'li', 'figcaption', ...
    in_article: bool = False  # HTML: inside <article>/<main>/the main content container
    in_chrome: bool = False  # HTML: inside <nav>/<header>/<footer>/<aside>/<form>/menus
    hidden: bool = False  # HTML: hidden by the `hidden` attribute, aria-hidden or inline CSS
    link_density: float = 0.0  # HTML: share of the text that sits inside <a>
    heading_level: int = 0  # 1..6 for <h1>..<h6>, 0 otherwise
    kind: BlockKind | None = None  # set by segmentation (None before it)
    words: float = 0.0  # size in words (a Han or kana character counts half), set with ``kind``
    dom: bytes | None = None  # HTML: the block's structural facts (worker._native.DOM_FEATURES, f32 little-endian)


@dataclass(slots=True)
class PageHints:
    """Structured metadata a page declares about itself (HTML meta tags, JSON-LD, <time>).

    Empty for plain text. Metadata extraction prefers these over guesses from the text.
    """

    title: str | None = None
    published: str | None = None  # raw string as declared (ISO 8601 usually)
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    publisher: str | None = None
    language: str | None = None  # <html lang>, og:locale
    description: str | None = None
    captions: list[tuple[str, str | None]] = field(default_factory=list)  # (text, credit) from <figcaption>
    schema_types: list[str] = field(default_factory=list)  # JSON-LD @type names, lowercase ('product', 'qapage'...)
    og_type: str | None = None  # og:type ('article', 'product', 'website'...), lowercase
    # Every title the page declares or shows, as (source, text): 'headline' (JSON-LD), 'og',
    # 'twitter', 'title' (<title>), 'h1' (the article's <h1>), 'other_h1', and each declared one
    # without its ' | suffix' as '<source>_stripped'. The HTML title chooser ranks them.
    title_candidates: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class TimeHints:
    """What places a page's dates in time: the input's zone hint, the configured default zone, and
    when the page was fetched (so that "3 hours ago" resolves)."""

    timezone: str | None = None
    default_timezone: str | None = None
    fetched_at: datetime | None = None


@dataclass(slots=True, frozen=True)
class Span:
    """A half-open code-point range [start, end) of the raw content."""

    start: int
    end: int


@dataclass(slots=True)
class SpamFinding:
    """One spam detection: what, how sure, what to do, and where in the raw content."""

    kind: str  # seo_injection | link_farm | gambling | adult | pharma | scam | keyword_stuffing | gibberish | doorway
    action: str  # removed | flagged | quarantined
    score: float  # 0..1, calibrated so that configuration thresholds mean something
    evidence: list[Span]
    detector: str
    detector_version: str
    reason: str = ""


@dataclass(slots=True)
class Contributor:
    name: str
    role: str  # author | reporter | editor | photographer | translator | contributor


@dataclass(slots=True)
class Caption:
    text: str
    credit: str | None = None


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offsets into the paragraph text
    end: int


@dataclass(slots=True)
class Paragraph:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    language: str | None = None


@dataclass(slots=True)
class PublishedDate:
    """A publication date as the page shows it, plus its absolute form when the zone is known."""

    local: str  # ISO 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS', no offset
    absolute: str | None = None  # RFC 3339 with offset, or None when the zone is unknown


EMPTY_REASONS = {
    "no_text": "the input has no visible text (white space or punctuation, only markup, scripts and styles, or only hidden text)",
    "all_spam_removed": "every block with text was removed as injected spam",
    "only_boilerplate": "the text there is was all judged navigation, chrome or other boilerplate",
    "only_captions": "the page's text is photo captions, which are in the article's captions (a gallery)",
}


@dataclass(slots=True)
class Result:
    """What the pipeline made of one input.

    ``quarantined`` is True when the whole page is spam: then no article is published, only the
    spam findings (one of which has action 'quarantined').
    """

    title: str | None = None
    section: str | None = None
    published: PublishedDate | None = None
    source: str | None = None
    contributors: list[Contributor] = field(default_factory=list)
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    spam: list[SpamFinding] = field(default_factory=list)
    quarantined: bool = False
    page_type: str | None = None  # article | forum | product | collection | listing | documentation | service
    page_type_confidence: float | None = None  # the model's probability of that type (0..1)
    # Why there are no paragraphs (None when there are): one of EMPTY_REASONS.
    empty_reason: str | None = None

    @property
    def word_count(self) -> int:
        from worker.pipeline.textfacts import count_words

        return sum(count_words(p.text) for p in self.paragraphs)
