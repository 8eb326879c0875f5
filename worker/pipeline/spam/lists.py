"""Separator-joined lists that exist for search engines: spider pools, keyword lists, link farms.

A hacked page's SEO block is a run of short items joined by ``|``, ``、``, commas (ASCII or
full-width ``，``), spaces between Chinese or Thai words, or a mix of these, with no sentence
structure, often behind a label (主站蜘蛛池模板, 友情链接, site map), and unrelated to the article: in
another script or alphabet, or made of names and keywords the article never uses. Honest pages have
lists too (menus, tag lines, regional navigation, places hit by a flood, tables of values, a site's
own blogroll), so no single cue decides; the cues are weighed by the fitted model
(:mod:`.detector`). For spam: many items, a script or diacritics mismatch, an SEO label, place names
recognised by their administrative units 县/市/County/Huyện (not by a gazetteer), a keyword in every
item, domain names (throwaway ones most), promotion words, hidden markup, a position between
paragraphs, and a list of terms unrelated to the page: lower-case search phrases, no function words,
items the page names nowhere else; what a keyword list *is*, whatever its words: lower-case search
phrases of several words each, with no sentence and hardly a function word (their items may run
longer than names: :data:`TERM_PIECE`). Against: sentence-like items, an enumeration inside a
sentence, numbers, menu words, code, a table row, the site's own domain, page chrome, a block
repeated on the page, other lists of the same make on the page (navigation comes in sets), and
items the page's other, unsuspected text does name (a tag line, a product's variants).

:func:`find_list` also finds where the list starts and ends inside the block, so a list glued to an
honest sentence (or a run of domain names glued to text) is cut out alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from worker.pipeline.spam.context import CONTENT_WORD, FUNCTION_WORDS, PageContext, is_sentence_like
from worker.pipeline.spam.detector import AGAINST, EITHER, FOR, Cues, Detector, Verdict
from worker.pipeline.spam.promotion import topic_of_article
from worker.pipeline.spam.shape import code_share, function_word_share, is_code_block, is_table_row, is_throwaway, lowercase_share
from worker.pipeline.spam.vocab import LIST_SEPARATORS, MATCHER, MENU_MATCHER, NEWS_MATCHER
from worker.pipeline.textfacts import NON_LATIN_LETTER, THAI, UNSEGMENTED, dominant_script, read_table, script_profile

DETECTOR = "seo_lists"
SEPARATORS = LIST_SEPARATORS
MIN_ITEMS = 5
# Items of a comma list written without a space after the comma ('a,b,c': no prose does that) may
# be as long as this.
TIGHT_COMMA_PIECE = 48
# A pool may mix its separators ('仁化县，乐昌市、南雄市|始兴县 翁源县'): then any of these characters,
# or white space between two characters of an unspaced script, ends an item.
MIXED = "mixed"
MIXED_CHARS = "，、|｜丨；;•·,"
MIXED_MAX_PIECE = 12
PROSE_SEPARATORS = frozenset("，、；;,")
# Search phrases run longer than names ('designer moncler jackets outlet store'): a block with no
# sentence in it and hardly a function word is a list of terms with pieces up to this long.
TERM_PIECE = 48
TERM_SEPARATORS = frozenset((",", ";", " / ", " - ", "·", "•"))
MAX_SCORED_ITEMS = 500  # statistics of a longer list are taken on its first 500 items
SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？]")
LABEL_END = re.compile(r"[:：]\s*")
DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}/?$", re.I)
DIGIT = re.compile(r"\d")
LATIN_WORD = re.compile(r"[^\W\d_]{3,}")
CJK_CHAR = re.compile(f"[{UNSEGMENTED}]")
CONJUNCTION = re.compile(r"(?:^|\s)(?:and|or|und|oder|et|ou|y|e|o|и|или|dan|atau|và|hoặc|ve|veya)\s|[和及与等或]")
NON_SPACE = re.compile(r"\S+")
UNSEGMENTED_CHARS = re.compile(f"[{UNSEGMENTED}]")
THAI_CHAR = re.compile(f"[{THAI}]")
MIXED_SEPARATOR = re.compile(f"\\s*[{re.escape(MIXED_CHARS)}]\\s*|(?<=[{UNSEGMENTED}])\\s+(?=[{UNSEGMENTED}])")
PIPES = "|｜丨"
ITEM_PUNCTUATION = ",;.:!?，、；"


@dataclass(slots=True)
class ListShape:
    separator: str
    items: list[str]
    label: str
    start: int  # offsets into the block text of the list run (label included)
    end: int
    trailing_separator: bool
    embedded: bool  # the run sits inside a sentence (text before it and the block ends a sentence)
    glued: bool = False  # the run follows a finished sentence of prose in the same block


def choose_separator(text: str) -> str | None:
    """The separator that joins most short pieces of ``text`` (median piece under its limit), or
    :data:`MIXED` when several kinds of separator together join short pieces."""
    best, best_count = None, MIN_ITEMS - 2
    for separator, (max_piece, fewest) in SEPARATORS.items():
        count = text.count(separator)
        if separator == "," and count >= fewest and text.count(", ") * 3 <= count:
            max_piece = TIGHT_COMMA_PIECE
        if count >= fewest and count > best_count:
            median = 0 if len(text) <= max_piece * (count + 1) else median_piece(text, separator)
            if median <= max_piece or (separator in TERM_SEPARATORS and median <= 2 * TERM_PIECE and is_term_run(text, separator, fewest)):
                best, best_count = separator, count
    if best is not None:
        return MIXED if mixed_beats(text, best_count) else best
    if text.count(" ") >= MIN_ITEMS - 1 and (is_unsegmented_heavy(text) or is_domain_run(text) or unsegmented_tail(text) is not None):
        return MIXED if mixed_beats(text, text.count(" ")) else " "
    if sum(map(text.count, MIXED_CHARS)) >= 2 and is_mixed_list(text):
        return MIXED
    return None


def is_term_run(text: str, separator: str, fewest: int) -> bool:
    """Does the text end in a run of terms: after its last sentence end (a list may be glued to
    prose), ``fewest`` separators or more join pieces of TERM_PIECE characters or less (median),
    with few function words (under one word in ten; prose has a third or more)?"""
    tail = text[after_last_sentence(text) :]
    return tail.count(separator) >= fewest and median_piece(tail, separator) <= TERM_PIECE and function_word_share(tail) < 0.1


def after_last_sentence(text: str) -> int:
    """Where the text after its last sentence end (before the last character) begins; 0 if none.
    (Searched backwards at C speed: this runs on prose lines with many commas.)"""
    end = len(text) - 1
    at = max(text.rfind(". ", 0, end), text.rfind("! ", 0, end), text.rfind("? ", 0, end))
    at = at + 2 if at >= 0 else 0
    if not text.isascii():
        for mark in "。！？":
            found = text.rfind(mark, 0, end)
            if found >= at:
                at = found + 1
    return at


def unsegmented_tail(text: str) -> int | None:
    """Where a run of space-separated Chinese, Japanese or Thai words glued after the text's last
    sentence begins (a pool glued to a paragraph of another script), or None."""
    if text.isascii():
        return None
    start = after_last_sentence(text)
    tail = text[start:]
    if start == 0 or tail.count(" ") < MIN_ITEMS - 1 or not is_unsegmented_heavy(tail):
        return None
    return start


def mixed_beats(text: str, count: int) -> bool:
    """Does a mix of separators join far more pieces than the one separator found ``count`` times?
    ('阜仙州 长凤区 长上旗、平梅县；仁灵县，城昌市|开河市': the spaces alone would make items of
    several names each.) Asked of text outside ASCII only: the mixes of full-width marks and
    spaces between unspaced-script words that pools are written with; an ASCII line with a pipe
    and a comma is a menu or prose far more often."""
    if text.isascii() or sum(1 for char in MIXED_CHARS if char in text) + (" " in text) < 2:
        return False
    return len(MIXED_SEPARATOR.findall(text)) >= 2 * count + 2 and is_mixed_list(text)


def is_mixed_list(text: str) -> bool:
    """Several kinds of separator, together joining at least MIN_ITEMS short pieces, one of them
    no punctuation of prose (Chinese sentences mix '，', '、' and '；' by themselves)."""
    separators = [match.group().strip() for match in MIXED_SEPARATOR.finditer(text)]
    kinds = set(separators)
    if len(separators) < MIN_ITEMS - 1 or len(kinds) < 2 or kinds <= PROSE_SEPARATORS:
        return False
    lengths = sorted(map(len, MIXED_SEPARATOR.split(text)))
    return lengths[len(lengths) // 2] <= MIXED_MAX_PIECE


def split_pieces(text: str, separator: str) -> list[tuple[int, str]]:
    """(offset, piece) of the pieces between separators."""
    pieces, offset = [], 0
    if separator == MIXED:
        for match in MIXED_SEPARATOR.finditer(text):
            pieces.append((offset, text[offset : match.start()]))
            offset = match.end()
        pieces.append((offset, text[offset:]))
        return pieces
    for piece in text.split(separator):
        pieces.append((offset, piece))
        offset += len(piece) + len(separator)
    return pieces


def median_piece(text: str, separator: str) -> int:
    lengths = sorted(map(len, text.split(separator)))
    return lengths[len(lengths) // 2]


def is_domain_run(text: str) -> bool:
    """Web addresses separated by spaces (a link farm without separators), maybe glued to text."""
    return domain_run(text) is not None


def domain_run(text: str) -> tuple[int, int] | None:
    """[start, end) of the longest run of MIN_ITEMS or more white-space separated domain names."""
    if text.count(".") < MIN_ITEMS:
        return None
    best, run_start, run_end, count = None, -1, -1, 0
    for match in NON_SPACE.finditer(text):
        if DOMAIN.match(match.group().strip(ITEM_PUNCTUATION)):
            if count == 0:
                run_start = match.start()
            count += 1
            run_end = match.end()
            if count >= MIN_ITEMS and (best is None or run_end - run_start > best[1] - best[0]):
                best = (run_start, run_end)
        else:
            count = 0
    return best


def is_unsegmented_heavy(text: str) -> bool:
    """Mostly Chinese, Japanese or Thai letters (scripts that do not put spaces between words,
    so that a space between two of them separates items)."""
    return not text.isascii() and len(UNSEGMENTED_CHARS.findall(text)) >= 0.6 * len(text.replace(" ", ""))


def find_list(text: str, separator: str | None = None) -> ListShape | None:
    """The separator-joined run in ``text`` with its label, or None when there is none
    (``separator``: what :func:`choose_separator` says of ``text``, when known)."""
    separator = separator or choose_separator(text)
    if separator is None:
        return None
    pieces = split_pieces(text, separator)
    glued_tail = False  # the list is a run of unspaced-script words glued after a sentence of prose
    if separator == " " and not is_unsegmented_heavy(text):  # a run of domain names, maybe glued to text
        run = domain_run(text)
        tail = unsegmented_tail(text) if run is None else None
        if run is None and tail is None:
            return None
        if run is None:
            run, glued_tail = (tail, len(text)), True
        pieces = [(match.start(), match.group()) for match in NON_SPACE.finditer(text, run[0], run[1])]
    trailing = not pieces[-1][1].strip()
    if trailing:
        pieces.pop()
    elif separator not in (MIXED, " ") and separator.strip() != separator and pieces[-1][1].rstrip().endswith(separator.strip()):
        # 'a - b - c -': a spaced separator left dangling at the end is a trailing separator too
        trailing = True
        offset, last = pieces[-1]
        pieces[-1] = (offset, last.rstrip()[: -len(separator.strip())])
    if len(pieces) < MIN_ITEMS:
        return None
    longest = SEPARATORS.get(separator, (MIXED_MAX_PIECE if separator == MIXED else 40, 0))[0]
    if separator in TERM_SEPARATORS and median_piece(text, separator) > longest:
        longest = TERM_PIECE  # a run of terms (choose_separator): search phrases run longer than names
    pieces = trailing_run(pieces, longest)
    lengths = sorted(len(p.strip()) for _, p in pieces[1:-1]) or [1]
    typical = lengths[len(lengths) // 2]

    # The first piece may carry honest text before the list, and a label: "... said. Tags: item".
    first_offset, first = pieces[0]
    run_start = first_offset + len(first) - len(first.lstrip())
    after_sentence = False  # the run starts right after a finished sentence (a list glued to prose)
    for match in SENTENCE_END.finditer(first):
        run_start = first_offset + match.end()
        after_sentence = True
    label = ""
    label_match = None
    for label_match in LABEL_END.finditer(first, run_start - first_offset):
        pass
    if label_match is not None and label_match.start() - (run_start - first_offset) <= 40:
        label = first[run_start - first_offset : label_match.start()].strip()
        first_item = first[label_match.end() :]
    else:
        first_item = first[run_start - first_offset :]
        if len(first_item.strip()) > max(3 * typical, 30):  # a sentence glued before the first item
            run_start = pieces[1][0]
            first_item = ""
    items = [first_item.strip()] + [p.strip() for _, p in pieces[1:]]
    if trailing:
        run_end = len(text.rstrip())
    else:
        run_end = len(text.rstrip())
        last_offset, last = pieces[-1]
        if len(last.strip()) > max(3 * typical, 30) and (SENTENCE_END.search(last) or last.count(" ") >= 5):
            items.pop()  # honest text glued after the list: the run ends with the last separator
            previous_offset, previous = pieces[-2]
            previous_end = previous_offset + len(previous)
            run_end = previous_end + len(text[previous_end:last_offset].rstrip())
    while run_end > 0 and text[run_end - 1].isspace():
        run_end -= 1
    while run_start < run_end and text[run_start].isspace():
        run_start += 1
    items = [item for item in items if item]
    if len(items) < MIN_ITEMS or run_end <= run_start:
        return None
    before = text[:run_start].strip()
    ends_sentence = bool(SENTENCE_END.search(text[-2:]))
    typical_words = sorted(item.count(" ") for item in items)[len(items) // 2] + 1
    lead_in = items[0].count(" ") + 1 > typical_words + 1 or (len(before) >= 10 and not after_sentence)
    embedded = (ends_sentence and not label and (lead_in or CONJUNCTION.search(items[-1]) is not None)) or any(
        SENTENCE_END.search(item[:-1]) for item in items[1:-1]
    )
    if glued_tail:
        embedded = False
    glued = (after_sentence or glued_tail) and not embedded and len(before) >= 40
    return ListShape(separator, items, label, run_start, run_end, trailing, embedded, glued)


def trailing_run(pieces: list[tuple[int, str]], max_piece: int) -> list[tuple[int, str]]:
    """The pieces from the last long or sentence-holding one on, when a long run of short ones follows.

    A list glued after prose that has commas of its own ('..., the senator said. Adams, Brown, ...')
    splits into prose pieces and list pieces; the list is the run of short pieces at the end, and
    the piece before it (kept as the run's first piece) holds the end of the prose.
    """
    k = len(pieces)
    while k > 0:
        piece = pieces[k - 1][1].strip()
        if len(piece) > max_piece or SENTENCE_END.search(piece[:-1]):
            break
        k -= 1
    if 0 < k and len(pieces) - k >= MIN_ITEMS + 3:
        return pieces[k - 1 :]
    return pieces


def common_share(items: list[str], key) -> tuple[str, float]:
    """The most common key among items (each item counted once) and the share of items having it.

    Ties go to the key seen first: counting a set would break them in hash order, which differs
    between processes, and the same input must give the same finding (and event id) everywhere.
    """
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(dict.fromkeys(key(item), 1))
    if not counts:
        return "", 0.0
    value, count = counts.most_common(1)[0]
    return value, count / len(items)


def last_unit(item: str) -> list[str]:
    """Gazetteer suffix: the last character of CJK names (县, 市), the last word of Latin ones (County)."""
    if CJK_CHAR.match(item[-1:]):
        return [item[-1]]
    words = item.split()
    return [words[-1].lower()] if len(words) > 1 else []


def item_keywords(item: str) -> list[str]:
    """Words of an item (Latin) or its character bigrams (CJK), for the repeated-keyword cue."""
    if CJK_CHAR.search(item):
        chars = "".join(CJK_CHAR.findall(item))
        return [chars[i : i + 2] for i in range(len(chars) - 1)]
    return [w.lower() for w in LATIN_WORD.findall(item)]


def is_name(item: str) -> bool:
    """A proper name: every word capitalized (Latin, Cyrillic), or a run of CJK characters."""
    words = item.split()
    return bool(words) and len(words) <= 4 and all(word[:1].isupper() or CJK_CHAR.match(word) for word in words)


def searches_shape(items: list[str]) -> bool:
    """Most items are lower-case phrases of two words or more (search phrases, not buttons)."""
    phrases = sum(1 for item in items if item == item.lower() and " " in item.strip())
    return phrases >= 0.6 * len(items)


def menu_item_share(items: list[str]) -> float:
    """Share of the items that are mostly interface words ('Share on Facebook', 'Follow us'): a
    row of buttons; a search phrase that names a network ('buy instagram followers') is none."""
    menu_items = 0
    for item in items:
        words = LATIN_WORD.findall(item) or [item]
        hits = sum(len(term.text.split()) for _, term in MENU_MATCHER.find(item.lower()))
        menu_items += 2 * hits > len(words)
    return menu_items / len(items)


def is_short_item(item: str) -> bool:
    """As short as a name or a keyword: 12 Chinese characters, 30 Thai letters, or five words."""
    if CJK_CHAR.search(item):
        return len(item) <= (30 if THAI_CHAR.search(item) else 12)
    return item.count(" ") <= 4 and len(item) <= 40


class SeoLists(Detector):
    """Separator-joined lists: spider pools, keyword lists, link farms (see the module docstring)."""

    name = DETECTOR
    CUES = {
        "items_8": FOR, "items_15": FOR, "items_30": FOR, "enumeration_in_sentence": AGAINST, "sentence_items": AGAINST,
        "short_items": FOR, "numbers": AGAINST, "script_mismatch": FOR, "script_mismatch_8": FOR, "script_mismatch_15": FOR,
        "alphabet_mismatch": FOR, "seo_label": FOR, "link_label": FOR, "place_names": FOR, "some_place_names": FOR,
        "name_list": FOR, "names_joined_by_pipes": FOR, "trailing_separator": FOR, "keyword_in_every_item": FOR,
        "domain_names": FOR, "all_links": EITHER, "promotion_terms": FOR, "hidden": FOR, "menu_words": AGAINST,
        "page_chrome": AGAINST, "between_paragraphs": FOR, "glued_after_prose": FOR, "items_used_by_article": AGAINST,
        "unknown_names": FOR, "own_domain": AGAINST, "page_supports_items": AGAINST, "unsupported_items": FOR,
        "function_words": AGAINST, "code": AGAINST, "table_row": AGAINST, "repeated_on_page": AGAINST, "page_edge": EITHER,
        "lowercase_items": FOR, "phrase_items": FOR, "no_function_words": FOR, "throwaway_domains": FOR,
        "unrelated_keyword_list": FOR, "article_supports_items": AGAINST, "reporting_language": AGAINST,
        "ends_a_sentence": AGAINST, "known_items": AGAINST, "unknown_items": FOR, "article_about_kind": AGAINST,
        "lowercase_phrases": FOR, "sibling_lists": AGAINST, "items_named_on_page": AGAINST,
        "bracketed_items": AGAINST, "shared_name_endings": FOR, "keyword_links_to_other_sites": FOR,
    }

    def candidates(self, ctx: PageContext) -> list[int]:
        return ctx.probes.lists

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        verdict = self.score_list(ctx, index)
        if verdict is not None:
            yield verdict

    def score_list(self, ctx: PageContext, index: int) -> Verdict | None:
        block = ctx.blocks[index]
        shape = find_list(block.text, ctx.probes.separators.get(index))
        if shape is None:
            return None
        items = shape.items[:MAX_SCORED_ITEMS]
        count = len(items)
        list_text = block.text[shape.start : shape.end]
        cues = Cues()
        # 1. What the list itself shows: its shape, label, vocabulary and items (no page needed).
        cues.add("items_8", count >= 8, f"{count} items")
        cues.add("items_15", count >= 15, f"{count} items")
        cues.add("items_30", count >= 30, f"{count} items")
        short = sum(1 for item in items if is_short_item(item)) / count
        if shape.embedded:
            cues.add("enumeration_in_sentence", 1, "enumeration inside a sentence")
        elif short < 0.8:
            cues.add("sentence_items", 1, "items are sentences")
        else:
            cues.add("short_items", 1, "short items")
        numeric = sum(1 for item in items if len(DIGIT.findall(item)) * 2 >= len(item)) / count
        # Honest enumerations nest ('flour (wheat flour, malted barley flour), sugar'); keyword
        # pools are flat.
        bracketed = sum(1 for item in items if "(" in item or ")" in item) / count
        cues.add("bracketed_items", 4 * bracketed, "items in brackets (an enumeration that nests)")
        cues.add("numbers", numeric >= 0.4, "numbers (a table)")
        terms = ctx.block_terms(index)
        promo_kind, promo_weight = terms.promotion()
        label_weight = label_strength(shape)
        # Nested, like the item counts: an SEO-only label (蜘蛛池) is a link-list label and more, so
        # the fit cannot weigh the stronger evidence below the weaker one (few training lists carry
        # an SEO-only label, and those are spam on every other count too).
        cues.add("link_label", label_weight > 0, "link-list label")
        cues.add("seo_label", label_weight >= 3, f"SEO label {shape.label[:20]!r}")
        if promo_weight >= 3:
            cues.add("promotion_terms", min(1.0, 0.15 * promo_weight), f"{promo_kind} terms")
        cues.add("hidden", block.hidden, "hidden")
        cues.add("trailing_separator", shape.trailing_separator, "trailing separator")
        function_words = function_word_share(list_text) if self.weighs(ctx, "function_words", "no_function_words", "unrelated_keyword_list") else 0.0
        cues.add("function_words", 3 * function_words, "function words (prose)")
        cues.add("no_function_words", function_words == 0, "no function words")
        lowercase = lowercase_share(items)  # search phrases are written in lower case, menus and names are capitalized
        if lowercase is not None:
            cues.add("lowercase_items", lowercase, "lower-case items")
        latin = [item for item in items if LATIN_WORD.search(item)]
        if latin:
            cues.add("phrase_items", sum(1 for item in latin if 2 <= item.count(" ") + 1 <= 5) / len(latin), "phrases of two to five words")
            # Search phrases: lower case and several words each, where an honest enumeration lists
            # single words ('kale, spinach, tomatoes') and menus and names are capitalized.
            searches = sum(1 for item in latin if item == item.lower() and 2 <= item.count(" ") + 1 <= 6) / count
            cues.add("lowercase_phrases", searches, f"{searches:.0%} lower-case search phrases")
        cues.add("page_edge", not 0.1 <= ctx.position(index) <= 0.9, "at the page's edge")

        keyword, keyword_share = common_share(items, item_keywords) if count >= 6 and short >= 0.9 else ("", 0.0)
        places = place_share(items) if count >= 8 else 0.0
        name_unit = common_name_unit(items) if count >= 8 else ""
        if name_unit and name_unit == keyword and places < 0.6:
            name_unit = ""  # the shared word is a keyword (cheap jerseys), not a place unit
        # 'Linwood | Calton Township | Haywood District': places with and without their unit.
        # (The first item may carry a label written without a colon: 'Related searches Hayton Township'.)
        all_names = places >= 0.3 and short >= 0.9 and all(is_name(item) for item in items[1:])
        place_cue = "place_names" if places >= 0.6 else "some_place_names" if places >= 0.3 and not name_unit else "name_list"
        may_be_gazetteer = places >= 0.6 or bool(name_unit) or all_names
        may_be_stuffed = keyword_share >= 0.6 and len(keyword) >= 2 and keyword != name_unit
        endings = name_ending_share(items) if count >= 8 and short >= 0.9 and not may_be_gazetteer else 0.0

        domain_items = [item.strip(ITEM_PUNCTUATION).lower() for item in items if "." in item and DOMAIN.match(item.strip(ITEM_PUNCTUATION))]
        link_farm = len(domain_items) >= 0.5 * count and count >= MIN_ITEMS
        if link_farm:
            cues.add("domain_names", 1, "domain names")
            names = [name.split("://")[-1].removeprefix("www.").rstrip("/") for name in domain_items]
            own = sum(1 for name in names if ctx.is_own_domain(name)) / len(names)
            cues.add("own_domain", 3 * own, f"{own:.0%} on the site's own domain")
            cheap = sum(1 for name in names if is_throwaway(name)) / len(names)
            cues.add("throwaway_domains", cheap, f"{cheap:.0%} on throwaway domains")
        else:
            cues.add("all_links", block.link_density >= 0.8 and not block.in_chrome and count >= 8, "all links")
            if ctx.is_html and block.link_density >= 0.5:
                elsewhere = keyword_links_elsewhere(ctx, index, count)
                cues.add("keyword_links_to_other_sites", elsewhere >= 0.5, f"{elsewhere:.0%} of the items link to sites of their own under words that do not name them")
        menu = 0.0 if link_farm else len(MENU_MATCHER.find(list_text)) / count  # 'top', 'shop' inside names
        if menu >= 0.25 and searches_shape(items):
            menu = menu_item_share(items)  # 'buy instagram followers' names a network, it is no button
        cues.add("menu_words", menu >= 0.25, "menu words")
        cues.add("glued_after_prose", count >= 8 and short >= 0.9 and shape.glued, "glued after a sentence of prose")
        possible: list[str | tuple[str, ...]] = list(PAGE_RELATIVE_CUES)
        if may_be_gazetteer:
            possible += [place_cue, "names_joined_by_pipes"]
        if may_be_stuffed:
            possible.append("keyword_in_every_item")
        if endings >= SHARED_ENDINGS:
            possible.append("shared_name_endings")
        if count >= 8 and short >= 0.9:
            possible.append("between_paragraphs")
        if count >= 6 and not (ctx.is_latin_page and NON_LATIN_LETTER.search(list_text) is None):
            possible += ["script_mismatch", "script_mismatch_8", "script_mismatch_15"]
        elif count >= 8:
            possible.append("alphabet_mismatch")
        if self.hopeless(ctx, cues, possible):
            return None  # cannot reach even 'flagged': skip comparing it with the page (most menus end here)

        # 2. How the list stands to the page: script, the article's words, markup role, position.
        mismatch = script_mismatch(ctx, index, list_text, items)
        if mismatch:  # a handful of foreign links can be a partner footer; dozens are a spider pool
            cues.add("script_mismatch", 1, mismatch)
            cues.add("script_mismatch_8", count >= 8, mismatch)
            cues.add("script_mismatch_15", count >= 15, mismatch)
        else:
            foreign = alphabet_mismatch(ctx, list_text, count)
            cues.add("alphabet_mismatch", bool(foreign), foreign)
        gazetteer = places >= 0.6 or (bool(name_unit) and not ctx.used_in_prose(index, name_unit)) or all_names
        if gazetteer:
            label = f"place names ({places:.0%} end or start with an administrative unit)" if place_cue != "name_list" else f"name list (…{name_unit})"
            cues.add(place_cue, 1, label)
            cues.add("names_joined_by_pipes", shape.separator in PIPES and not block.in_chrome, "names joined by pipes")
        cues.add("shared_name_endings", endings >= SHARED_ENDINGS, f"names sharing a few endings ({endings:.0%}: place-name suffixes)")
        stuffed = may_be_stuffed and not ctx.used_in_prose(index, keyword)
        cues.add("keyword_in_every_item", stuffed, f"keyword {keyword!r} in every item, not in the article")
        if menu < 0.25 and block.in_chrome and not block.hidden and not mismatch and label_weight < 3 and promo_weight < 3 and not link_farm:
            cues.add("page_chrome", 1, "page chrome")  # (hidden text is no chrome anyone sees)
        if self.weighs(ctx, "between_paragraphs"):
            cues.add("between_paragraphs", count >= 8 and short >= 0.9 and between_paragraphs(ctx, index), "between two paragraphs of the article")
        if self.weighs(ctx, "code", "unrelated_keyword_list"):
            # (on the items alone: a ';' or ',' between items is no code mark)
            cues.add("code", max(2 * code_share(" ".join(items)), is_code_block(block)), "code or markup")
        cues.add("table_row", is_table_row(block, ctx.source(index)), "table cells")
        cues.add("repeated_on_page", ctx.repeats(index), "the same block elsewhere on the page")
        if self.weighs(ctx, "sibling_lists"):
            siblings = sibling_lists(ctx, index)
            cues.add("sibling_lists", siblings / 3, f"{siblings} other lists of the same make on the page")
        cues.add("reporting_language", min(3, len(NEWS_MATCHER.find(list_text))) / 3, "reporting language")
        cues.add("ends_a_sentence", list_text.rstrip().endswith(("。", "！", "？", ".", "!", "?")) and not DOMAIN.match(items[-1]), "ends a sentence")
        if promo_weight >= 3 and self.weighs(ctx, "article_about_kind"):
            cues.add("article_about_kind", topic_of_article(ctx, index, promo_kind), f"article is about {promo_kind}")
        if self.hopeless(ctx, cues, PAGE_RELATIVE_CUES):
            return None  # even unrelated to the page, it stays below 'flagged': skip comparing its words

        # 3. Whether the page's own text names what the list names (the costliest comparisons).
        if not mismatch and self.weighs(ctx, "items_used_by_article", "unknown_names"):
            probes = [item for item in items if len(item) >= 2][:16]
            shared = sum(1 for item in probes if ctx.appears_outside(index, item)) / max(1, len(probes))
            if shared >= 0.4:
                cues.add("items_used_by_article", 1, "items used by the article")
            elif count >= 15 and short >= 0.9 and menu < 0.1 and shared < 0.1 and not block.in_chrome:
                cues.add("unknown_names", 1, "long list of names the article never uses")
        if link_farm:  # the page names its partners elsewhere; the words inside the names say nothing
            support = sum(1 for name in names if ctx.appears_outside(index, name, lowered=True)) / len(names)
        else:
            support = ctx.support(index, list_text)
        if support is not None:
            cues.add("page_supports_items", support, f"the page uses {support:.0%} of the list's words elsewhere")
            cues.add("unsupported_items", support < 0.1, "the list's words appear nowhere else on the page")
            known = known_item_share(ctx, items)
            if known is not None:
                cues.add("known_items", known, f"the page names {known:.0%} of the items elsewhere")
                cues.add("unknown_items", 1 - known, f"{1 - known:.0%} of the items named nowhere else")
                # A tag line or a product's variants: most items are what the page itself names.
                cues.add("items_named_on_page", known >= 0.6, f"the page names {known:.0%} of the items elsewhere")
            if self.weighs(ctx, "article_supports_items"):
                article = ctx.article_support(index, list_text)
                cues.add("article_supports_items", article or 0.0, f"the article uses {article or 0:.0%} of the list's words")
            keyword_list = short >= 0.9 and not shape.embedded and function_words < 0.15 and menu < 0.25 and not block.in_chrome
            unrelated = (known is not None and known < 0.3) or support < 0.1
            cues.add("unrelated_keyword_list", keyword_list and unrelated and "code" not in cues, "a list of terms unrelated to the page")

        if promo_weight >= 4:
            kind = promo_kind
        elif link_farm:
            kind = "link_farm"
        elif stuffed and not gazetteer and not mismatch and label_weight < 3:
            kind = "keyword_stuffing"
        else:
            kind = "seo_injection"
        part = None if (shape.start, shape.end) == (0, len(block.text)) else (shape.start, shape.end)
        return self.verdict(index, kind, cues, part)


# A link to another site in the block's markup: its host and its anchor (markup and all).
OUTBOUND_LINK = re.compile(r"""<a\b[^>]{0,500}?\bhref\s*=\s*["']?https?://([^/"'\s>?#:]{1,253})[^>]{0,500}>(.{0,300}?)</a\s*>""", re.I | re.S)
MARKUP_TAG = re.compile(r"<[^>]{0,500}>")
MAX_LINK_SOURCE = 20000


def keyword_links_elsewhere(ctx: PageContext, index: int, count: int) -> float:
    """Distinct other sites the list's links point to under anchors that do not name them, per item.

    What a link list is for shows in its markup: a site's menus and tag lines link to its own
    pages, a blogroll or a partner row names each site it links to ('Daring Fireball' ->
    daringfireball.net), a share row links to a few networks. A link pool bought for search engines
    puts a keyword on each link ('term papers for sale' -> 365king.org), each to a site of its own:
    the keyword is what the links are paid for, so the spammer cannot leave it out."""
    hosts = set()
    for match in OUTBOUND_LINK.finditer(ctx.source(index), 0, MAX_LINK_SOURCE):
        host = match.group(1).lower().removeprefix("www.")
        if ctx.is_own_domain(host):
            continue
        anchor = MARKUP_TAG.sub(" ", match.group(2)).lower()
        words = [word for word in CONTENT_WORD.findall(anchor) if word not in FUNCTION_WORDS]
        name = host.rpartition(".")[0]
        if words and not any(word in name for word in words):
            hosts.add(host)
    return min(1.0, len(hosts) / max(1, count))


def sibling_lists(ctx: PageContext, index: int) -> int:
    """How many other candidate lists of the page (up to 3) share this one's separator and script
    (spaced or not). A site's navigation comes in sets (provinces, ministries, cities; a shop's
    categories, brands, sizes); an injected pool mostly stands alone."""
    makes = ctx.memo.get("list_makes")
    if makes is None:
        texts = ctx.texts
        makes = ctx.memo["list_makes"] = {i: (separator, is_unsegmented_heavy(texts[i])) for i, separator in ctx.probes.separators.items()}
    make = makes.get(index)
    return min(3, sum(1 for i, other in makes.items() if other == make and i != index))


# The cues measured against the rest of the page, which cost most, that can raise the score.
PAGE_RELATIVE_CUES = ("unknown_names", "unsupported_items", "unknown_items", "unrelated_keyword_list")


def known_item_share(ctx: PageContext, items: list[str]) -> float | None:
    """Share of the items whose most specific word (the longest word of four or more letters that
    is no function word; a Chinese or Thai item as a whole) the page uses in its other, unsuspected
    blocks. A tag line or a product's variants name what the page is about; a keyword pool does not."""
    rest = ctx.support_text
    keys = []
    for item in items[:MAX_SCORED_ITEMS]:
        lowered = item.lower()
        if CJK_CHAR.search(lowered):
            keys.append(lowered.strip())
            continue
        words = [word for word in CONTENT_WORD.findall(lowered) if word not in FUNCTION_WORDS]
        if words:
            keys.append(" " + max(words, key=len))
    if not keys:
        return None
    return sum(1 for key in keys if key in rest) / len(keys)


def between_paragraphs(ctx: PageContext, index: int) -> bool:
    """The list interrupts the article: the blocks right before and after it are prose paragraphs."""
    texts = ctx.texts

    def is_paragraph(i: int) -> bool:
        return 0 <= i < len(texts) and len(texts[i]) >= 80 and is_sentence_like(texts[i])

    return is_paragraph(index - 1) and is_paragraph(index + 1)


def script_mismatch(ctx: PageContext, index: int, list_text: str, items: list[str]) -> str:
    """'han list on a latin page' when the list is written in another script than the page."""
    if len(items) < 6 or (ctx.is_latin_page and NON_LATIN_LETTER.search(list_text) is None):
        return ""  # (a Latin page and a list without a letter of another script: the common case)
    list_script, list_share = ("latin", 1.0) if list_text.isascii() else dominant_script(script_profile(list_text))
    page_script, page_letters = ctx.script_outside(index)
    if not list_script or not page_script or list_script == page_script or list_share < 0.8 or page_letters < 150:
        return ""
    mixed = sum(1 for item in items if script_profile(item).get(page_script, 0)) / len(items)
    return f"{list_script} list on a {page_script} page" if mixed <= 0.2 else ""


def non_ascii_share(text: str) -> float:
    """Extra UTF-8 bytes per character: ~0 for English, 0.3+ for Vietnamese or Polish letters."""
    return (len(text.encode("utf-8")) - len(text)) / max(1, len(text))


def alphabet_mismatch(ctx: PageContext, list_text: str, count: int) -> str:
    """A Latin-script list whose diacritics differ sharply from the Latin-script page around it."""
    if count < 8 or not ctx.is_latin_page and not list_text.isascii():
        return ""
    page_share = (len(ctx.encoded) - len(ctx.joined)) / max(1, len(ctx.joined))
    list_share = non_ascii_share(list_text)
    if abs(list_share - page_share) < 0.15:
        return ""
    script, script_share = dominant_script(script_profile(list_text))
    if list_share - page_share >= 0.15 and script == "latin" and script_share >= 0.95:
        return "accented-Latin list on a plain-Latin page"
    if page_share - list_share >= 0.2 and list_text.isascii() and ctx.is_latin_page is False:
        return "plain-Latin list on an accented-Latin page"
    return ""


def place_share(items: list[str]) -> float:
    """Share of items that end (or start) with an administrative unit: 县, 市, County, Huyện, ..."""
    found = 0
    for item in items:
        lowered = item.lower()
        if lowered[-1:] in PLACE_SUFFIX_CHARS or lowered.rsplit(" ", 1)[-1] in PLACE_SUFFIX_WORDS:
            found += 1
        elif lowered.split(" ", 1)[0] in PLACE_PREFIXES or " ".join(lowered.split(" ", 2)[:2]) in PLACE_PREFIXES:
            found += 1
    return found / len(items)


def load_place_units() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    suffix_chars, suffix_words, prefixes = set(), set(), set()
    for where, unit in read_table("spam_place_units.txt"):
        if where == "prefix":
            prefixes.add(unit)
        elif len(unit) == 1:
            suffix_chars.add(unit)
        else:
            suffix_words.add(unit)
    return frozenset(suffix_chars), frozenset(suffix_words), frozenset(prefixes)


PLACE_SUFFIX_CHARS, PLACE_SUFFIX_WORDS, PLACE_PREFIXES = load_place_units()


# Place names of one country share a few endings (-ск/-ино/-овка, -ville/-ton/-burg): the three
# commonest two-letter endings of a list of names cover this share of them or more; a menu, a list of
# people or the states of a country spread their endings wider (under half).
SHARED_ENDINGS = 0.6


def name_ending_share(items: list[str]) -> float:
    """Share of the items that end in one of the three commonest two-letter endings, when (nearly)
    every item is a proper name in a spaced script (0 otherwise). A gazetteer without administrative
    units still shows its morphology: toponyms are built with a handful of suffixes, while a
    list of people, products or menu entries ends in anything. (Chinese names are read by their
    units instead: :func:`place_share`.)"""
    names = [item.split()[-1].lower() for item in items if is_name(item) and not CJK_CHAR.search(item)]
    if len(names) < MIN_ITEMS + 3 or len(names) < 0.9 * len(items):
        return 0.0
    endings = Counter(name[-2:] for name in names if len(name) >= 4)
    return sum(count for _, count in endings.most_common(3)) / len(names)


def common_name_unit(items: list[str]) -> str:
    """The unit most names share when the items look like a gazetteer, else ''.

    Place-name lists end in a few administrative suffixes (县/市/区, County/City) or start with a
    few prefixes (Huyện, Thị xã): three units cover most items.
    """
    endings = Counter(unit for item in items for unit in last_unit(item))
    with_unit = sum(endings.values())
    if with_unit >= 0.6 * len(items) and sum(c for _, c in endings.most_common(3)) >= 0.7 * with_unit:
        unit, count = endings.most_common(1)[0]
        if count >= 0.3 * len(items):
            return unit
    starts = Counter(item.split()[0].lower() for item in items if " " in item and not CJK_CHAR.match(item))
    if starts:
        unit, count = starts.most_common(1)[0]
        if count >= 0.4 * len(items) and sum(c for _, c in starts.most_common(3)) >= 0.7 * len(items):
            return unit
    return ""


def label_strength(shape: ListShape) -> float:
    """3 for an SEO-only label (蜘蛛池), 0.5 for a label honest sites use too (友情链接), else 0."""
    if not shape.label:
        return 0.0
    weights = [term.weight for _, term in MATCHER.find(shape.label.lower()) if term.kind.startswith("seo_")]
    return max(weights, default=0.0)
