"""Shapes of honest text that looks repetitive or list-like: code, tables, interface rows, menus.

Several detectors ask the same questions of a candidate block before calling it spam, because the
honest look-alikes of spam are made of the same few things on every site: source code and file
names (identifiers with ``_``, ``.``, brackets), table rows (tab-separated cells, ``<tr>``), rows of
interface buttons (share, follow, sign in), menus (every word capitalized, no sentence). Each
measure here is a share in [0, 1] or a yes/no, cheap enough for the few candidate blocks of a page.
"""

from __future__ import annotations

import re
from collections import Counter

from worker.pipeline.model import Block
from worker.pipeline.spam.vocab import MENU_MATCHER
from worker.pipeline.textfacts import all_stopwords, prose_function_words, unspaced_count

# A token that only code, markup, addresses of files or URLs contain.
CODE_MARK = re.compile(r"[_{}<>=;\\`]|[A-Za-z0-9]\.[a-z]{2}|\w\(|//|::|%[0-9A-Fa-f]{2}")
BARE_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}/?[,;|]?$", re.I)
# A web address in running text; group 1 is the host name.
WEB_ADDRESS = re.compile(r"(?<![\w@.-])(?:https?://)?(?:www\.)?((?:[a-z0-9-]{1,40}\.){1,4}[a-z]{2,12})(?![\w.-]*@)(?:[/:?#]\S*)?", re.I)
COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved|版权|저작권", re.I)
# A credit for a picture or a quotation: its web address names the source, not a seller.
CREDIT = re.compile(r"©|\b(?:photo|photos|image|images|picture|credit|credits|source|via|foto|fuente|quelle|图片|来源)\s*(?:credits?)?\s*(?:[:：]|[-–—](?=\s))", re.I)
# Top-level domains that cost next to nothing and that abuse reports are full of; news rarely cites them.
CHEAP_TLDS = frozenset("xyz top vip club site online live icu cc shop pro win bet fun click link buzz tk ml ga cf gq pw".split())
TABLE_TAGS = frozenset(("tr", "td", "th", "table", "thead", "tbody"))
CODE_TAGS = frozenset(("pre", "code", "kbd", "samp"))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SENTENCE_END = re.compile(r"[.!?。！？]+")
LETTER_WORD = re.compile(r"[^\W\d_]+")
FUNCTION_WORDS = all_stopwords()
UNSPACED_FUNCTION_CHARS = prose_function_words()[1]


def code_share(text: str) -> float:
    """Share of the white-space tokens that look like code, markup or paths (bare domain names
    do not count: a link list is not code)."""
    tokens = text.split()
    if not tokens:
        return 0.0
    marked = sum(1 for token in tokens if CODE_MARK.search(token) and not BARE_DOMAIN.match(token))
    return marked / len(tokens)


def is_code_block(block: Block) -> bool:
    return block.tag in CODE_TAGS


def is_table_row(block: Block, source: str) -> bool:
    """A table row or cell: an HTML table element, tab-separated cells in page text (``source`` is
    the block's raw text: normalization turns tabs into spaces), or a row of a text table drawn
    with pipes ('| cell | cell |')."""
    text = block.text
    return block.tag in TABLE_TAGS or source.count("\t") >= 2 or (text.startswith("|") and text.rstrip().endswith("|"))


def interface_share(text: str) -> float:
    """Share of the words that are menu or interface words (share, follow, home, sign in...)."""
    words = LETTER_WORD.findall(text)
    if not words:
        return 0.0
    hits = MENU_MATCHER.find(text)
    return min(1.0, sum(len(term.text.split()) for _, term in hits) / len(words))


def lowercase_share(items: list[str]) -> float | None:
    """Share of the items written in lower case, among those with letters that have a case (None
    when none has: Chinese, Thai)."""
    cased = [item for item in items if item.lower() != item.upper()]
    if not cased:
        return None
    return sum(1 for item in cased if item == item.lower()) / len(cased)


def capitalized_share(text: str) -> float:
    """Share of the Latin or Cyrillic words that start with a capital (menus, product names)."""
    words = [word for word in LETTER_WORD.findall(text) if word[0].isalpha() and word[0].lower() != word[0].upper()]
    if not words:
        return 0.0
    return sum(1 for word in words if word[0].isupper()) / len(words)


def function_word_share(text: str) -> float:
    """Share of the words that are function words (a third or more in prose, few in keyword lists).
    In Chinese and Japanese, where words are not spaced, the share of the characters that play that
    role (的, 了, 是, の, は...) counts, scaled to the same range (about a tenth of prose)."""
    unspaced = unspaced_count(text)
    if unspaced >= 8:
        counts = Counter(text)
        return min(1.0, 3 * sum(counts[char] for char in UNSPACED_FUNCTION_CHARS if char in counts) / unspaced)
    words = LETTER_WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(1 for word in words if word in FUNCTION_WORDS) / len(words)


def pasted_sentences(text: str) -> tuple[float, int]:
    """Pasted repetition, where honest rhetoric varies its sentences: the share of the sentences
    (four words or more) that occur again in the same text, and how often the most repeated one
    occurs."""
    pieces = SENTENCE_END.split(text)[:-1]  # (a split, not a findall: linear on any text)
    sentences = [s.strip().lower() for s in pieces if s.count(" ") >= 3]
    if len(sentences) < 2:
        return 0.0, len(sentences)
    counts = Counter(sentences)
    return sum(1 for s in sentences if counts[s] > 1) / len(sentences), max(counts.values())


def is_throwaway(name: str) -> bool:
    """A web address on a cheap top-level domain or with a number for a name (777win.top)."""
    label, _, tld = name.rpartition(".")
    return tld in CHEAP_TLDS or any(char.isdigit() for char in label.rpartition(".")[2])
