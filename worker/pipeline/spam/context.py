"""What the detectors know about the whole page: joined text, vocabulary hits per block, script,
the site's own domain, what the page's other blocks talk about.

Built once per page with a few C-speed passes (join, encode, one automaton scan that also counts
web addresses and list separators per block); the costlier facts (the candidate probes, the page's
script, its lower-cased text, its prose blocks, the block texts seen more than once) are computed
only when a detector asks, which happens on the few pages that have candidate blocks at all.

Several facts here exist because a spammer cannot cheaply fake them: an injected block does not
share the host page's words (:meth:`PageContext.page_overlap`), does not point at the site's own
domain (:attr:`PageContext.site_domain`), and is not a template element repeated across the page
(:meth:`PageContext.repeats`). Honest look-alikes of spam (share rows, product-variant menus,
blogrolls) have these for free.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property
from operator import attrgetter
from urllib.parse import urlsplit

from worker.pipeline.model import Block
from worker.pipeline.spam.detector import logit_of
from worker.pipeline.spam.vocab import MATCHER, Term
from worker.pipeline.textfacts import (
    HAN,
    NOT_CJK_LEAD_BYTES,
    THAI,
    all_stopwords,
    dominant_script,
    sampled_profile,
    script_profile,
    unspaced_grams,
)

PROMOTION_KINDS = ("gambling", "adult", "pharma", "scam")
BLOCK_TEXT = attrgetter("text")
SENTENCE_MARKS = (". ", "? ", "! ", "。", "？", "！", ".\"", ".”")
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", ".\"", ".”", "」", "』")

CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(".,;:!?|/()[]\"'“”‘’«»·•-–—", " "))
HAN_CHAR = re.compile(f"[{HAN}]")
THAI_CHAR = re.compile(f"[{THAI}]")
# Second-level labels under which a country's top-level domain registers names (bbc.co.uk, abc.net.au).
SECOND_LEVEL_LABELS = frozenset("co com net org gov edu ac or ne go".split())

# The languages' most frequent words (the language detector's lists): they say nothing of a topic.
FUNCTION_WORDS = all_stopwords()


def content_words(text: str) -> Counter[str]:
    """The topic of a text: words of 4+ letters but function words (lower case), and the
    character grams of its Chinese and Thai runs (:func:`~worker.pipeline.textfacts.unspaced_grams`)."""
    lowered = text.lower()
    words = Counter(word for word in CONTENT_WORD.findall(lowered) if word not in FUNCTION_WORDS)
    if not lowered.isascii() and (HAN_CHAR.search(lowered) or THAI_CHAR.search(lowered)):
        for word in [w for w in words if HAN_CHAR.search(w) or THAI_CHAR.search(w)]:
            del words[word]  # a run of Han or Thai letters is a phrase, not a word
        words.update(unspaced_grams(lowered))
    return words


# The share of a text's words found on the page is estimated on this many of its content words.
MAX_SHARED_WORDS = 16


def shared_share(text: str, page: str, own: str, fewest: int) -> float | None:
    """Share of the content words of ``text`` (its first MAX_SHARED_WORDS) that occur in ``page``
    more often than in ``own`` (the text's own block, when ``page`` holds it). Counted as
    substrings at C speed (tokenizing the page costs more); a space before a word makes it a word
    start, so 'jersey' finds 'jerseys' but 'chat' does not find 'webchat'."""
    words = content_words(text)
    if len(words) < fewest:
        return None
    checked = list(words)[:MAX_SHARED_WORDS]
    shared = 0
    for word in checked:
        needle = word if is_gram(word) else " " + word
        shared += page.count(needle) > own.count(needle)
    return shared / len(checked)


def is_gram(word: str) -> bool:
    """A character gram of a script without spaces (matched anywhere, not at word starts)."""
    return HAN_CHAR.match(word) is not None or THAI_CHAR.match(word) is not None


def harps_on(lowered: str) -> bool:
    """Does the (lower-case) text use one word of four letters or more, no function word, three
    times or more and as a seventh or more of all its words? Keyword lines do; prose, titles and
    menus hardly ever. (Split and counted in C: this runs on the lines of pages being compared.)"""
    if len(lowered) < 40:
        return False
    words = lowered.translate(PUNCTUATION_TO_SPACE).split()
    if len(words) < 6:
        return False
    for word, count in Counter(words).most_common(4):
        if count < 3:
            return False
        if len(word) >= 4 and word not in FUNCTION_WORDS:
            return count * 7 >= len(words)
    return False


def is_sentence_like(text: str) -> bool:
    """Prose, as opposed to menus and keyword lines: it has or ends with sentence punctuation."""
    return text.endswith(SENTENCE_ENDS) or any(mark in text for mark in SENTENCE_MARKS)


def site_domain(url: str | None) -> str:
    """The registrable part of the page's host ('bbc.co.uk' for 'https://www.bbc.co.uk/news'), ''
    when unknown."""
    if not url:
        return ""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or labels[-1].isdigit():
        return ""
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS else 2
    return ".".join(labels[-keep:])


class BlockTerms:
    """Vocabulary hits of one block, summed by list; a term repeated in the block counts once."""

    __slots__ = ("weights", "counts", "seen", "separators")

    def __init__(self) -> None:
        # Plain dicts (read with .get): a block's terms are built for every page, defaultdicts cost more.
        self.weights: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.seen: set[str] = set()
        self.separators: dict[str, int] = {}  # list separator -> occurrences

    def add(self, term: Term) -> None:
        text, kind = term.text, term.kind
        if kind == "sep":
            self.separators[text] = self.separators.get(text, 0) + 1
            return
        if text in self.seen:
            return
        self.seen.add(text)
        self.weights[kind] = self.weights.get(kind, 0.0) + term.weight
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def promotion(self) -> tuple[str, float]:
        """The promotion kind with most weight in this block, and that weight."""
        best, weight = "", 0.0
        weights = self.weights
        for kind in PROMOTION_KINDS:
            kind_weight = weights.get(kind, 0.0)
            if kind_weight > weight:
                best, weight = kind, kind_weight
        return best, weight


def terms_of(text: str) -> BlockTerms:
    """The vocabulary hits of any text (a block's part, a sentence)."""
    terms = BlockTerms()
    for _, term in MATCHER.find(text):
        terms.add(term)
    return terms


class PageContext:
    """The page as the detectors see it.

    ``url`` is the page's address (for the site's own domain); ``flag_threshold`` the score below
    which nothing is reported, so that detectors may stop early on hopeless readings unless
    ``exhaustive`` (training wants every cue of every reading).
    """

    def __init__(
        self, blocks: list[Block], is_html: bool, url: str | None = None, flag_threshold: float = 0.5, exhaustive: bool = False, content: str = ""
    ):
        self.blocks = blocks
        self.is_html = is_html
        self.content = content  # the raw input the blocks point into ('' when unknown)
        self.url = url
        self.min_logit = logit_of(flag_threshold)
        self.exhaustive = exhaustive
        self.texts = list(map(BLOCK_TEXT, blocks))
        self.joined = "\n".join(self.texts)
        self.encoded = self.joined.encode("utf-8")
        self.terms: dict[int, BlockTerms] = {}
        self.contact_lines: set[int] = set()  # blocks with a web address
        self.memo: dict[str, object] = {}  # facts a detector computes once per page
        terms, contact_lines, lines = self.terms, self.contact_lines, len(blocks)
        for line, term in MATCHER.find_encoded(self.encoded):
            if line < lines:
                block_terms = terms.get(line)
                if block_terms is None:
                    block_terms = terms[line] = BlockTerms()
                block_terms.add(term)
                if term.kind == "tld":
                    contact_lines.add(line)

    def block_terms(self, index: int) -> BlockTerms:
        return self.terms.get(index) or BlockTerms()

    @cached_property
    def probes(self):
        """Which blocks may be lists, stuffed text or gibberish (see :mod:`.probe`)."""
        from worker.pipeline.spam.probe import probe_blocks  # the probe reads list shapes, which read this module

        return probe_blocks(self)

    @cached_property
    def cjk_chars(self) -> int:
        """About how many Chinese/Japanese characters the page has: UTF-8 lead bytes 0xE3-0xE9."""
        return len(self.encoded.translate(None, NOT_CJK_LEAD_BYTES))

    @cached_property
    def thai_chars(self) -> int:
        """How many Thai letters the page has (their UTF-8 forms start with E0 B8 or E0 B9)."""
        if b"\xe0" not in self.encoded:  # (a one-byte search is several times faster than a two-byte count)
            return 0
        return self.encoded.count(b"\xe0\xb8") + self.encoded.count(b"\xe0\xb9")

    @cached_property
    def lowered(self) -> str:
        return self.joined.lower()

    @cached_property
    def lowered_lines(self) -> list[str]:
        lines = self.lowered.split("\n")
        return lines if len(lines) == len(self.texts) else [t.lower() for t in self.texts]

    def appears_outside(self, index: int, needle: str, lowered: bool = False) -> bool:
        """Does ``needle`` occur in the page outside block ``index``? (``lowered``: case-blind)"""
        if lowered:
            return self.lowered.count(needle) > self.lowered_lines[index].count(needle)
        return self.joined.count(needle) > self.texts[index].count(needle)

    @cached_property
    def prose_lowered(self) -> list[tuple[int, str]]:
        """(block index, lower-cased text) of the page's sentence-like blocks that are no suspects
        themselves (:attr:`suspects`): its article text."""
        suspects = self.suspects
        lines = self.lowered_lines
        return [(i, lines[i]) for i, text in enumerate(self.texts) if len(text) >= 60 and i not in suspects and is_sentence_like(text)]

    def used_in_prose(self, index: int, needle: str) -> bool:
        """Does ``needle`` (lower case) occur in the article's prose outside block ``index``?"""
        return any(needle in text for i, text in self.prose_lowered if i != index)

    @cached_property
    def page_profile(self) -> dict[str, int]:
        return sampled_profile(self.joined)

    @cached_property
    def is_latin_page(self) -> bool:
        """Cheap and sure: (almost) every character is one UTF-8 byte, so Latin letters dominate."""
        return len(self.encoded) <= 1.1 * len(self.joined)

    def script_outside(self, index: int) -> tuple[str, int]:
        """Dominant script of the page without block ``index``, and its letter count (estimated)."""
        if self.is_latin_page:
            return "latin", len(self.joined) - len(self.texts[index])
        profile = dict(self.page_profile)
        for name, count in script_profile(self.texts[index]).items():
            profile[name] = max(0, profile.get(name, 0) - count)
        name, share = dominant_script(profile)
        return name, int(share * sum(profile.values()))

    @cached_property
    def spaced_lowered(self) -> str:
        """The lower-cased page with every line break a space and a space in front: ' word' finds
        a word start anywhere."""
        return " " + self.lowered.replace("\n", " ")

    def page_overlap(self, index: int, text: str, fewest: int = 5) -> float | None:
        """Share of the content words of ``text`` (a block or part of block ``index``) that occur
        in the page outside that block; None when the text has fewer than ``fewest`` of them."""
        words = content_words(text)
        if len(words) < fewest:
            return None
        # Counted as substrings at C speed (tokenizing the page costs 10x more); a space before a
        # word makes it a word start, so 'join' matches 'joined' but 'chat' does not match 'webchat'.
        page, own = self.spaced_lowered, " " + self.lowered_lines[index]
        shared = 0
        for word in words:
            needle = word if is_gram(word) else " " + word
            shared += page.count(needle) > own.count(needle)
        return shared / len(words)

    def support(self, index: int, text: str, fewest: int = 3) -> float | None:
        """Share of the content words of ``text`` (in block ``index``) that the page uses in its
        other blocks that are not suspects themselves (:attr:`suspects`): how much the page's own
        text is about the same thing. An injected block shares little with its host; a product's
        variant list or a blog's tag line shares its words with the page. None when ``text`` has
        fewer than ``fewest`` content words."""
        own = "" if index in self.suspects else " " + self.lowered_lines[index]
        return shared_share(text, self.support_text, own, fewest)

    def article_support(self, index: int, text: str, fewest: int = 3) -> float | None:
        """Like :meth:`support`, against the page's prose only (its sentence-like paragraphs, not
        its menus): how much the article itself talks about what ``text`` names."""
        own = next((" " + line for i, line in self.prose_lowered if i == index), "")
        return shared_share(text, self.prose_text, own, fewest)

    @cached_property
    def prose_text(self) -> str:
        """The page's prose, lower case, a space before each word start."""
        return " " + " ".join(line for _, line in self.prose_lowered)

    @cached_property
    def support_text(self) -> str:
        """The lower-cased text of the blocks that are not suspects, a space before each word start
        (nor, without being sentences, repeat one word over and over: keyword lines that no probe
        caught support nothing)."""
        suspects, texts = self.suspects, self.texts
        return " " + " ".join(
            line for i, line in enumerate(self.lowered_lines) if i not in suspects and (is_sentence_like(texts[i]) or not harps_on(line))
        )

    @cached_property
    def suspects(self) -> frozenset[int]:
        """Blocks that some probe marked (lists, repetition, gibberish) or that hold promotion
        vocabulary: what the page says there is no evidence of what the page is about."""
        probes = self.probes
        promotional = (i for i, terms in self.terms.items() if terms.promotion()[1] >= 2)
        return frozenset(probes.lists).union(probes.stuffing, probes.gibberish, promotional)

    @cached_property
    def site_domain(self) -> str:
        return site_domain(self.url)

    def is_own_domain(self, name: str) -> bool:
        """Is the web address ``name`` (lower case) on the site's own domain (or a subdomain)?"""
        own = self.site_domain
        if not own:
            return False
        name = name.split("/", 1)[0].removeprefix("www.")
        return name == own or name.endswith("." + own)

    @cached_property
    def text_counts(self) -> Counter[str]:
        return Counter(self.texts)

    def repeats(self, index: int) -> bool:
        """Does the block's exact text occur in another block of the page (a template element)?"""
        return self.text_counts[self.texts[index]] > 1

    def source(self, index: int) -> str:
        """The block's source in the raw content (its markup for HTML), or its text when unknown."""
        block = self.blocks[index]
        return self.content[block.start : block.end] if self.content else block.text

    def position(self, index: int) -> float:
        """Where the block sits in the page, 0 (first block) to 1 (last)."""
        return index / max(1, len(self.texts) - 1)

    @cached_property
    def promotion_totals(self) -> dict[str, float]:
        """Vocabulary weight per list ('gambling', 'cta', ...) summed over the whole page."""
        totals: dict[str, float] = defaultdict(float)
        for terms in self.terms.values():
            for kind, weight in terms.weights.items():
                totals[kind] += weight
        return totals
