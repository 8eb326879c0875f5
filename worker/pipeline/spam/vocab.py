"""Spam vocabulary: promotion terms, SEO list labels and honest-reporting markers, matched in one pass.

The word lists live in ``worker/pipeline/data/spam_*.txt`` (one term a line, per language). They
are one signal among several: detectors weigh them together with structure (separators, contacts,
links, hidden markup) and statistics, so a block is never called spam for one word.

Matching must be cheap, since every page goes through it. All terms of all lists go into one
Aho-Corasick automaton (``ahocorasick_rs``, a compiled DFA over UTF-8 bytes) that scans the
page once, about 40 µs for a 9 KB page; each term is also entered capitalized, title-cased and in
capitals, so the page need not be lower-cased first. Without that package the same search runs as
one trie-shaped regular expression over the lower-cased page (correct, ~50x slower). Terms in scripts that separate words with
spaces (Latin, Cyrillic, Vietnamese) must sit on word boundaries; terms in Chinese, Japanese, Korean
and Thai match anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # optional accelerator; see the module docstring
    import ahocorasick_rs
except ImportError:  # pragma: no cover - exercised only where the package is missing
    ahocorasick_rs = None

from worker.pipeline.textfacts import UNSEGMENTED, read_table

# Scripts written without spaces between words: their terms match inside longer runs of letters.
UNSPACED_SCRIPT_CHAR = re.compile(f"[{UNSEGMENTED}]")


@dataclass(slots=True, frozen=True)
class Term:
    """What a matched term tells: its list ('gambling', 'cta', 'news', 'seo_strong', ...) and weight."""

    text: str
    kind: str
    weight: float
    spaced: bool  # must start on a word boundary
    stem: bool = False  # written 'stem*' in the lists: any ending may follow (inflected languages)


def make_term(kind: str, weight: float, text: str) -> Term:
    if kind == "sep":
        return Term(text=text, kind=kind, weight=weight, spaced=False)
    stem = text.endswith("*")
    text = text.rstrip("*")
    return Term(text=text, kind=kind, weight=weight, spaced=not UNSPACED_SCRIPT_CHAR.search(text), stem=stem)


def load_terms() -> dict[str, Term]:
    """Every term of every list; a term listed twice keeps its first (promotion) reading."""
    terms: dict[str, Term] = {}
    rows = [(kind, float(weight), text) for kind, weight, text in read_table("spam_promotion.txt")]
    rows += [("seo_" + strength, 3.0 if strength == "strong" else 0.5, text) for strength, text in read_table("spam_seo_labels.txt")]
    rows += [("tld", 0.0, "." + tld) for tld in TOP_LEVEL_DOMAINS]
    rows += [("sep", 0.0, separator) for separator in LIST_SEPARATORS if separator != ","]
    for kind, weight, text in rows:
        term = make_term(kind, weight, text)
        terms.setdefault(term.text, term)
    return terms


# List separators -> (longest typical piece in chars, fewest separators) for a block to be a list
# candidate (worker.pipeline.spam.lists). All but the comma, which prose uses everywhere (the probe
# finds comma runs on its own), are counted per block in the automaton's pass, so finding candidate
# lists costs nothing extra. A comma list must be longer and denser than a pipe list; the
# full-width comma separates clauses in Chinese prose, so its pieces must be as short as names.
LIST_SEPARATORS: dict[str, tuple[int, int]] = {
    "|": (60, 4), "｜": (60, 4), "丨": (60, 4), "、": (20, 5), ",": (24, 6), "•": (60, 4), "·": (40, 4),
    " / ": (30, 4), ";": (40, 5), "；": (30, 5), " - ": (40, 4), "▪": (60, 4), "»": (60, 4), "，": (10, 5),
}

# Top-level domains whose names in running text mark a web address ("goldwin88.vip"); matched as
# ".tld" right after a letter or digit, so lists of domain names cost nothing extra to find.
TOP_LEVEL_DOMAINS = (
    "com net org info biz xyz top vip club site online live bet win cc io me co asia shop store link "
    "click fun app pro today icu id vn th ru in cn tk ml ga cf gq pw ws su ua kz uk de fr br mx ph my sg"
).split()


def is_word_byte(byte: int) -> bool:
    """True for ASCII letters/digits and any byte of a multi-byte UTF-8 character (a letter, mostly)."""
    return byte >= 0x80 or 48 <= byte <= 57 or 97 <= byte <= 122 or 65 <= byte <= 90 or byte == 95


# is_word_byte of every byte value: the matcher's loop looks its neighbours up instead of calling it.
WORD_BYTES = tuple(is_word_byte(byte) for byte in range(256))


def trie_pattern(terms: list[str]) -> str:
    """One regex alternation for ``terms``, factored as a character trie (fallback matcher)."""
    trie: dict = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return render(trie)


class TermMatcher:
    """Finds the terms of :func:`load_terms` in lower-cased text, as (line number, Term) pairs.

    The text is the page's blocks joined with newlines, so the line number is the block index.
    """

    def __init__(self, terms: dict[str, Term]):
        self.terms = terms
        self.ordered = sorted(terms)
        # Case variants for the automaton: (variant text, canonical term).
        variants: dict[str, str] = {}
        for term in self.ordered:
            forms = [term]
            if term.isascii() and term[-1:].isalpha() and not term.endswith("s") and self.terms[term].spaced:
                forms.append(term + "s")  # plural: 'sex cams' must not hide 'sex cam'
            for form in forms:
                for variant in (form, form.capitalize(), form.title(), form.upper()):
                    variants.setdefault(variant, term)
        self.variant_terms = [variants[v] for v in variants]
        self.pattern_terms = [terms[name] for name in self.variant_terms]  # automaton pattern -> Term
        if ahocorasick_rs is not None:
            self.automaton = ahocorasick_rs.BytesAhoCorasick(
                [v.encode("utf-8") for v in variants],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            self.regex = None
        else:
            self.automaton = None
            self.regex = re.compile(trie_pattern(self.ordered))

    def find(self, text: str) -> list[tuple[int, Term]]:
        """Terms in ``text`` (lower case, capitalized, title case or capitals), by line number."""
        if self.automaton is not None:
            return self.find_with_automaton(text)
        return self.find_with_regex(text.lower())

    def find_with_automaton(self, text: str) -> list[tuple[int, Term]]:
        return self.find_encoded(text.encode("utf-8"))

    def find_encoded(self, data: bytes) -> list[tuple[int, Term]]:
        """Like :meth:`find`, on the UTF-8 bytes of the text."""
        if self.automaton is None:
            return self.find_with_regex(data.decode("utf-8").lower())
        found = []
        append, pattern_terms, word_byte, size = found.append, self.pattern_terms, WORD_BYTES, len(data)
        line, line_scan_from = 0, 0
        for pattern_index, start, end in self.automaton.find_matches_as_indexes(data):
            term = pattern_terms[pattern_index]
            if term.kind == "tld":  # '.com' must follow a name and end the address
                if start == 0 or not word_byte[data[start - 1]] or (end < size and word_byte[data[end]]):
                    continue
            elif term.spaced and (
                (start > 0 and word_byte[data[start - 1]]) or (not term.stem and end < size and word_byte[data[end]])
            ):
                continue
            line += data.count(b"\n", line_scan_from, start)
            line_scan_from = start
            append((line, term))
        return found

    def find_with_regex(self, lowered: str) -> list[tuple[int, Term]]:
        found = []
        line, line_scan_from = 0, 0
        for match in self.regex.finditer(lowered):
            term = self.terms[match.group()]
            start, end = match.span()
            if term.kind == "tld":
                if start == 0 or not lowered[start - 1].isalnum() or (end < len(lowered) and lowered[end].isalnum()):
                    continue
            elif term.spaced and (
                (start > 0 and lowered[start - 1].isalnum()) or (not term.stem and end < len(lowered) and lowered[end].isalnum())
            ):
                continue
            line += lowered.count("\n", line_scan_from, start)
            line_scan_from = start
            found.append((line, term))
        return found


def load_word_list(name: str, kind: str) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for (text,) in read_table(name):
        term = make_term(kind, 1.0, text)
        terms.setdefault(term.text, term)
    return terms


TERMS = load_terms()
MATCHER = TermMatcher(TERMS)
# Frequent words are looked up only inside candidate blocks, not on every page: menu words in
# candidate lists, reporting words ('said', 'police') in candidate promotions.
MENU_MATCHER = TermMatcher(load_word_list("spam_menu_words.txt", "menu"))
NEWS_MATCHER = TermMatcher(load_word_list("spam_news_markers.txt", "news"))
