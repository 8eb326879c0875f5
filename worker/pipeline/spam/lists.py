"""Separator-joined lists that exist for search engines: spider pools, keyword lists, link farms.

A hacked page's SEO block is a run of many short items joined by ``|``, ``、``, commas or spaces,
with no sentence structure, often behind a label (主站蜘蛛池模板, 友情链接, site map), and unrelated to
the article: in another script or alphabet, or made of names and keywords the article never uses.
Honest pages have lists too (menus and footers with pipes, tag lines, places hit by a flood, tables
of numbers), so no single cue decides: the score adds up cues for (many items, script or diacritics
mismatch, SEO label, place names recognised by their administrative units 县/市/County/Huyện (not by
a gazetteer, so names that no longer exist count too), a keyword repeated in every item that the
article never uses, domain names, promotion words, hidden markup, trailing separator) and against
(few items, sentence-like items, an enumeration inside a sentence, numbers, menu words, items the
article itself uses, page chrome). A foreign-script list scales with its length: a handful of
foreign links can be a partner footer, dozens are a spider pool.

:func:`find_list` also finds where the list starts and ends inside the block, so a list glued to an
honest sentence is cut out alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from worker.pipeline.spam.context import PageContext, is_sentence_like
from worker.pipeline.spam.detector import Cues, Detector, Verdict
from worker.pipeline.spam.vocab import MATCHER, MENU_MATCHER
from worker.pipeline.textfacts import HAN, KANA, UNSEGMENTED, dominant_script, read_table, script_profile

DETECTOR = "seo_lists"
# Separator -> (longest typical piece in chars, fewest separators) for a block to be a candidate.
# Commas are everywhere in prose, so a comma list must be longer and denser than a pipe list.
SEPARATORS = {
    "|": (60, 4), "｜": (60, 4), "丨": (60, 4), "、": (20, 5), ",": (24, 6), "•": (60, 4), "·": (40, 4),
    " / ": (30, 4), ";": (40, 5), "；": (30, 5), " - ": (40, 4), "▪": (60, 4), "»": (60, 4),
}
MIN_ITEMS = 5
MAX_SCORED_ITEMS = 500  # statistics of a longer list are taken on its first 500 items
SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？]")
LABEL_END = re.compile(r"[:：]\s*")
DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}/?$", re.I)
DIGIT = re.compile(r"\d")
LATIN_WORD = re.compile(r"[^\W\d_]{3,}")
CJK_CHAR = re.compile(f"[{UNSEGMENTED}]")
CONJUNCTION = re.compile(r"(?:^|\s)(?:and|or|und|oder|et|ou|y|e|o|и|или|dan|atau|và|hoặc|ve|veya)\s|[和及与等或]")
DOMAIN_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}(?![\w.])", re.I)
HAN_KANA = re.compile(f"[{KANA}{HAN}]")
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


def is_candidate(text: str) -> bool:
    """Cheap test: enough of one separator, densely enough, to be worth :func:`find_list`."""
    return choose_separator(text) is not None


def choose_separator(text: str) -> str | None:
    """The separator that joins most short pieces of ``text`` (median piece under its limit)."""
    best, best_count = None, MIN_ITEMS - 2
    for separator, (max_piece, fewest) in SEPARATORS.items():
        count = text.count(separator)
        if count >= fewest and count > best_count and (len(text) <= max_piece * (count + 1) or median_piece(text, separator) <= max_piece):
            best, best_count = separator, count
    if best is None and text.count(" ") >= MIN_ITEMS - 1 and (is_cjk_heavy(text) or is_domain_run(text)):
        return " "
    return best


def median_piece(text: str, separator: str) -> int:
    lengths = sorted(map(len, text.split(separator)))
    return lengths[len(lengths) // 2]


def is_domain_run(text: str) -> bool:
    """Mostly web addresses separated by spaces (a link farm without separators)."""
    tokens = text.count(" ") + 1
    return tokens <= 200 and len(DOMAIN_TOKEN.findall(text)) >= max(MIN_ITEMS, 0.6 * tokens)


def is_cjk_heavy(text: str) -> bool:
    """Mostly Chinese/Japanese characters (scripts that do not put spaces between words)."""
    return not text.isascii() and len(HAN_KANA.findall(text)) >= 0.6 * len(text.replace(" ", ""))


def find_list(text: str) -> ListShape | None:
    """The separator-joined run in ``text`` with its label, or None when there is none."""
    separator = choose_separator(text)
    if separator is None:
        return None
    pieces, offset = [], 0
    for piece in text.split(separator):
        pieces.append((offset, piece))
        offset += len(piece) + len(separator)
    trailing = not pieces[-1][1].strip()
    if trailing:
        pieces.pop()
    if len(pieces) < MIN_ITEMS:
        return None
    pieces = trailing_run(pieces, SEPARATORS.get(separator, (40, 0))[0])
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
            run_start = first_offset + len(first) + len(separator)
            first_item = ""
    items = [first_item.strip()] + [p.strip() for _, p in pieces[1:]]
    if trailing:
        run_end = len(text.rstrip())
    else:
        run_end = len(text.rstrip())
        last_offset, last = pieces[-1]
        if len(last.strip()) > max(3 * typical, 30) and (SENTENCE_END.search(last) or last.count(" ") >= 5):
            items.pop()  # honest text glued after the list: the run ends with the last separator
            run_end = last_offset - len(separator) + len(separator.rstrip())
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
    glued = after_sentence and not embedded and len(before) >= 40
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


def is_short_item(item: str) -> bool:
    return len(item) <= 12 if CJK_CHAR.search(item) else item.count(" ") <= 4 and len(item) <= 40


class SeoLists(Detector):
    """Separator-joined lists: spider pools, keyword lists, link farms (see the module docstring)."""

    name = DETECTOR
    CUES = (
        "items_8", "items_15", "items_30", "enumeration_in_sentence", "sentence_items", "short_items", "numbers",
        "script_mismatch", "script_mismatch_8", "script_mismatch_15", "alphabet_mismatch", "seo_label", "link_label",
        "place_names", "some_place_names", "name_list", "names_joined_by_pipes", "trailing_separator",
        "keyword_in_every_item", "domain_names", "all_links", "promotion_terms", "hidden", "menu_words", "page_chrome",
        "between_paragraphs", "glued_after_prose", "items_used_by_article", "unknown_names",
    )

    def candidates(self, ctx: PageContext) -> list[int]:
        return ctx.probes.lists

    def examine(self, ctx: PageContext, index: int) -> Iterator[Verdict]:
        verdict = self.score_list(ctx, index)
        if verdict is not None:
            yield verdict

    def score_list(self, ctx: PageContext, index: int) -> Verdict | None:
        block = ctx.blocks[index]
        shape = find_list(block.text)
        if shape is None:
            return None
        items = shape.items[:MAX_SCORED_ITEMS]
        count = len(items)
        cues = Cues()
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
        cues.add("numbers", numeric >= 0.4, "numbers (a table)")
        # The cheap cues next: label, vocabulary, markup.
        terms = ctx.block_terms(index)
        promo_kind, promo_weight = terms.promotion()
        label_weight = label_strength(shape)
        if label_weight >= 3:
            cues.add("seo_label", 1, f"SEO label {shape.label[:20]!r}")
        elif label_weight > 0:
            cues.add("link_label", 1, "link-list label")
        if promo_weight >= 3:
            cues.add("promotion_terms", min(1.0, 0.15 * promo_weight), f"{promo_kind} terms")
        cues.add("hidden", block.hidden, "hidden")
        cues.add("trailing_separator", shape.trailing_separator, "trailing separator")
        list_text = block.text[shape.start : shape.end]
        if self.hopeless(ctx, cues, possible_cues(ctx, shape, list_text, short)):
            return None  # cannot reach even 'flagged': skip the costlier cues (most menus end here)

        mismatch = script_mismatch(ctx, index, list_text, items)
        if mismatch:  # a handful of foreign links can be a partner footer; dozens are a spider pool
            cues.add("script_mismatch", 1, mismatch)
            cues.add("script_mismatch_8", count >= 8, mismatch)
            cues.add("script_mismatch_15", count >= 15, mismatch)
        else:
            foreign = alphabet_mismatch(ctx, list_text, count)
            cues.add("alphabet_mismatch", bool(foreign), foreign)

        keyword, keyword_share = common_share(items, item_keywords) if count >= 6 and short >= 0.9 else ("", 0.0)
        places = place_share(items) if count >= 8 else 0.0
        name_unit = common_name_unit(items) if count >= 8 else ""
        if name_unit and name_unit == keyword and places < 0.6:
            name_unit = ""  # the shared word is a keyword (cheap jerseys), not a place unit
        gazetteer = places >= 0.6 or (bool(name_unit) and not ctx.used_in_prose(index, name_unit))
        if not gazetteer and places >= 0.3 and short >= 0.9 and all(is_name(item) for item in items):
            gazetteer = True  # 'Linwood | Calton Township | Haywood District | ...': places with and without their unit
        if gazetteer:
            place_label = f"place names ({places:.0%} end or start with an administrative unit)"
            if places >= 0.6:
                cues.add("place_names", 1, place_label)
            elif places >= 0.3 and not name_unit:
                cues.add("some_place_names", 1, place_label)
            else:
                cues.add("name_list", 1, f"name list (…{name_unit})")
            cues.add("names_joined_by_pipes", shape.separator in PIPES and not block.in_chrome, "names joined by pipes")

        stuffed = keyword_share >= 0.6 and len(keyword) >= 2 and keyword != name_unit and not ctx.used_in_prose(index, keyword)
        cues.add("keyword_in_every_item", stuffed, f"keyword {keyword!r} in every item, not in the article")

        domains = sum(1 for item in items if DOMAIN.match(item.strip(ITEM_PUNCTUATION))) / count
        link_farm = domains >= 0.5 and count >= MIN_ITEMS
        if link_farm:
            cues.add("domain_names", 1, "domain names")
        else:
            cues.add("all_links", block.link_density >= 0.8 and not block.in_chrome and count >= 8, "all links")

        menu = 0.0 if link_farm else len(MENU_MATCHER.find(list_text)) / count  # 'top', 'shop' inside names
        if menu >= 0.25:
            cues.add("menu_words", 1, "menu words")
        elif block.in_chrome and not block.hidden and not mismatch and label_weight < 3 and promo_weight < 3 and not link_farm:
            cues.add("page_chrome", 1, "page chrome")  # (hidden text is no chrome anyone sees)
        cues.add("between_paragraphs", count >= 8 and short >= 0.9 and between_paragraphs(ctx, index), "between two paragraphs of the article")
        cues.add("glued_after_prose", count >= 8 and short >= 0.9 and shape.glued, "glued after a sentence of prose")

        if not mismatch and not self.hopeless(ctx, cues, ["unknown_names"]):
            probes = [item for item in items if len(item) >= 2][:24]
            shared = sum(1 for item in probes if ctx.appears_outside(index, item)) / max(1, len(probes))
            if shared >= 0.4:
                cues.add("items_used_by_article", 1, "items used by the article")
            elif count >= 15 and short >= 0.9 and menu < 0.1 and shared < 0.1 and not block.in_chrome:
                cues.add("unknown_names", 1, "long list of names the article never uses")

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


def between_paragraphs(ctx: PageContext, index: int) -> bool:
    """The list interrupts the article: the blocks right before and after it are prose paragraphs."""
    texts = ctx.texts

    def is_paragraph(i: int) -> bool:
        return 0 <= i < len(texts) and len(texts[i]) >= 80 and is_sentence_like(texts[i])

    return is_paragraph(index - 1) and is_paragraph(index + 1)


def possible_cues(ctx: PageContext, shape: ListShape, list_text: str, short: float) -> list[str]:
    """The costlier cues of :meth:`SeoLists.score_list` that this list can still show at all."""
    count = len(shape.items)
    possible = ["menu_words", "page_chrome", "items_used_by_article"]  # (negative weights: they add nothing)
    if not (list_text.isascii() and ctx.is_latin_page) and count >= 6:
        possible += ["script_mismatch", "script_mismatch_8", "script_mismatch_15"]
    if count >= 8 and (not list_text.isascii() or not ctx.is_latin_page):
        possible.append("alphabet_mismatch")
    if count >= 8:
        possible += ["place_names", "some_place_names", "name_list", "names_joined_by_pipes", "all_links"]
        if short >= 0.9:
            possible += ["between_paragraphs", "glued_after_prose"]
    if count >= 6 and short >= 0.9:
        possible.append("keyword_in_every_item")
    if count >= 15:
        possible.append("unknown_names")
    if "." in list_text:
        possible.append("domain_names")
    return possible


def script_mismatch(ctx: PageContext, index: int, list_text: str, items: list[str]) -> str:
    """'han list on a latin page' when the list is written in another script than the page."""
    if len(items) < 6:
        return ""
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
    page_share = non_ascii_share(ctx.joined) if len(ctx.joined) < 20_000 else non_ascii_share(ctx.joined[::4])
    list_share = non_ascii_share(list_text)
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
