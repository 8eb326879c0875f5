"""What the detectors know about the whole page: joined text, vocabulary hits per block, script.

Built once per page with a few C-speed passes (join, encode, one automaton scan that also counts
web addresses and list separators per block); the costlier facts (the page's script, its
lower-cased text, its prose blocks) are computed only when a detector asks, which happens on the
few pages that have candidate blocks at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property
from operator import attrgetter

from worker.pipeline.model import Block
from worker.pipeline.spam.vocab import MATCHER, Term
from worker.pipeline.textfacts import HAN, NOT_CJK_LEAD_BYTES, all_stopwords, dominant_script, sampled_profile, script_profile

PROMOTION_KINDS = ("gambling", "adult", "pharma", "scam")
BLOCK_TEXT = attrgetter("text")
SENTENCE_MARKS = (". ", "? ", "! ", "。", "？", "！", ".\"", ".”")
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", ".\"", ".”", "」", "』")


CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
HAN_CHAR = re.compile(f"[{HAN}]")


# The languages' most frequent words (the language detector's lists): they say nothing of a topic.
FUNCTION_WORDS = all_stopwords()


def content_words(text: str) -> Counter[str]:
    """Words of 4+ letters but function words (lower case) and Chinese character bigrams: the topic."""
    lowered = text.lower()
    words = Counter(word for word in CONTENT_WORD.findall(lowered) if word not in FUNCTION_WORDS)
    if HAN_CHAR.search(lowered):
        han = "".join(HAN_CHAR.findall(lowered))
        words.update(han[i : i + 2] for i in range(len(han) - 1))
    return words


def is_sentence_like(text: str) -> bool:
    """Prose, as opposed to menus and keyword lines: it has or ends with sentence punctuation."""
    return text.endswith(SENTENCE_ENDS) or any(mark in text for mark in SENTENCE_MARKS)


# Kana, CJK punctuation and Han are counted by their UTF-8 lead bytes, deleting every other byte
# value (one C pass; 5x faster than a count per lead byte).


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


class PageContext:
    def __init__(self, blocks: list[Block], is_html: bool):
        self.blocks = blocks
        self.is_html = is_html
        self.texts = list(map(BLOCK_TEXT, blocks))
        self.joined = "\n".join(self.texts)
        self.encoded = self.joined.encode("utf-8")
        self.terms: dict[int, BlockTerms] = {}
        self.contact_lines: set[int] = set()  # blocks with a web address
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
    def line_starts(self) -> list[int]:
        starts, offset = [], 0
        for text in self.texts:
            starts.append(offset)
            offset += len(text) + 1
        return starts

    @cached_property
    def cjk_chars(self) -> int:
        """About how many Chinese/Japanese characters the page has: UTF-8 lead bytes 0xE3-0xE9."""
        return len(self.encoded.translate(None, NOT_CJK_LEAD_BYTES))

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
        """(block index, lower-cased text) of the page's sentence-like blocks: its article text."""
        return [
            (i, text.lower())
            for i, text in enumerate(self.texts)
            if len(text) >= 60 and is_sentence_like(text)
        ]

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

    @cached_property
    def promotion_totals(self) -> dict[str, float]:
        """Vocabulary weight per list ('gambling', 'cta', ...) summed over the whole page."""
        totals: dict[str, float] = defaultdict(float)
        for terms in self.terms.values():
            for kind, weight in terms.weights.items():
                totals[kind] += weight
        return totals
