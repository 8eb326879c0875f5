"""The body region: where on the page the article runs, from the blocks' classes (:mod:`.classify`).

1. **The main region** (:func:`weights`, :func:`main_region`): every block gets a weight and the
   body is the contiguous run of blocks with the largest total (a maximum-sum subarray). Prose adds
   its size; other blocks cost, more and more along a run of them, so that a subheading or an ad
   label between paragraphs is cheap to bridge and a menu or a teaser list is not; a paragraph with
   no paragraph next to it is worth less (teaser lists and comment threads alternate one short line
   with one summary). The region spans the article and stops where chrome takes over.
2. **Lists** (:func:`list_items`): an article's tour dates, rankings, steps and result tables are
   lines too short for prose, but they come as runs of items with numbers rising one by one, a
   shared bullet, or a shared "number, separator" shape ("June 9 – Tampa, FL"); menus and teaser
   lists rarely do. List items add a little to the region instead of costing, and are kept.
3. **Where the article ends** (:func:`article_end`, :func:`body_region`): inside the region, the
   first short line that opens a comment thread, a "related"/"more"/"newsletter" section (a
   multilingual list of such headings), or the first of a run of time-stamped lines (every post of
   a thread carries one) ends the article, unless the article visibly goes on (a full paragraph,
   or paragraphs of the article's own size, follow: then the heading was an inline "Related: ..."
   link or a teaser box inside the article). The region is searched again before that point.
4. **Context-sensitive keep** (:func:`body_blocks`): inside the region, prose and list items are
   kept, and so are short blocks in a short gap between paragraphs and a tiny block alone between
   two paragraphs (subheadings); junk and legal notices are dropped.

:func:`find_body` runs them all. This is in the spirit of jusText (context-sensitive classes) and
body-text extraction by maximum subarray. The helpers work on the page's kinds and sizes read once
from the blocks into local lists (indexing a list is cheaper than an attribute in these loops).
"""

from __future__ import annotations

import re

from worker.pipeline.model import Block, BlockKind
from worker.pipeline.textfacts import load_json
from worker.pipeline.segment.classify import MIN_PROSE_WORDS, MIN_SENTENCE_WORDS, legal_notice

PROSE, SHORT, TINY, JUNK = BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK
CUES = load_json("boilerplate_cues.json")  # page furniture vocabulary, several languages
# Marks a list item (that is not prose) in the region search's private copy of the kinds.
LISTED = "listed"

# A stretch of consecutive non-prose blocks this long (or shorter) between two prose blocks is an
# in-body gap (subheading, quote, ad label), longer gaps are chrome.
MAX_BODY_GAP = 3
# Weights of the maximum-sum region search.
SHORT_COST = 1.5
JUNK_COST = 5.0
ISOLATED_PROSE_SHARE = 0.45
MAX_RUN_FACTOR = 3
# What a line of an enumerated or bulleted list adds to the region (a little: lists continue
# an article, they do not make one).
LIST_ITEM_WEIGHT = 1.0
# A list: at least this many items in a row ("1)", "2)", "3)"... or "•"), with at most
# MAX_ITEM_GAP other lines (a link, a note) between two items.
MIN_LIST_ITEMS = 3
MAX_ITEM_GAP = 2
BULLETS = frozenset("*•·▪►‣◦-–—")
# Dated or numbered entries: a number among the first characters, then one of these separators.
ENTRY_SEPARATORS = (" -- ", " – ", " — ", " - ", " @ ", " | ", "\t")
ENTRY_HEAD_CHARS = 16
DIGIT = re.compile(r"\d")
MAX_ENTRY_CHARS = 160
# What may follow an item's number: "1)", "2.", "3:", "4ª", "5a etapa", "6° lugar" (or a space).
ITEM_NUMBER_ENDS = frozenset(").:ªºa°")


def weights(kinds: list, sizes: list[float]) -> list[float]:
    """What each block adds to a candidate body region.

    Prose adds its size; other blocks cost, and each further block of a run of non-prose blocks
    costs more than the one before (up to a cap): a subheading or an ad label between paragraphs
    is cheap to bridge, a list of teaser headlines is not. A prose block with no prose neighbour
    is worth much less: articles come in runs of paragraphs, while teaser lists and comment
    threads alternate one headline or name line with one summary or comment. An item of a list
    (kind LISTED, see :func:`find_body`) adds a little and breaks a run.
    """
    padded = [JUNK, *kinds, JUNK]
    result: list[float] = []
    append = result.append
    prose, listed, short = PROSE, LISTED, SHORT
    run = 0
    for previous, kind, following, size in zip(padded, kinds, padded[2:], sizes):
        if kind == prose:
            run = 0
            if previous != prose and following != prose:
                size = size * ISOLATED_PROSE_SHARE - SHORT_COST
            append(size)
        elif kind == listed:
            run = 0
            append(LIST_ITEM_WEIGHT)
        else:
            if run < MAX_RUN_FACTOR:
                run += 1
            append(-run * (SHORT_COST if kind == short else JUNK_COST))
    return result


def main_region(weights: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run of blocks with the largest total weight (Kadane)."""
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, value in enumerate(weights):
        if running <= 0:
            running, start = value, index
        else:
            running += value
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


def body_blocks(kinds: list, start: int, end: int, items: list[int] | None = None) -> list[int]:
    """Indices kept as body inside the region [start, end): prose, list items (``items``: their
    indices; junk among them excepted), short blocks in short gaps, and a tiny block alone
    between two paragraphs (menus come in runs, subheadings alone)."""
    kept: list[int] = []
    anchors = [kind == PROSE for kind in kinds]
    for index in items or ():
        if kinds[index] != JUNK:
            anchors[index] = True
    index = start
    while index < end:
        if anchors[index]:
            kept.append(index)
            index += 1
            continue
        gap_end = index
        while gap_end < end and not anchors[gap_end]:
            gap_end += 1
        bounded = kept and gap_end < end
        if bounded and gap_end - index == 1 and kinds[index] == TINY:
            kept.append(index)  # a lone terse line between paragraphs: a subheading
        elif bounded and gap_end - index <= MAX_BODY_GAP:
            kept.extend(i for i in range(index, gap_end) if kinds[i] == SHORT)
        index = gap_end
    return kept

# ---------------------------------------------------------------------------------------------
# Where the article ends

# Short lines that open what follows an article, in many languages: the comment thread, "related"
# and "more" teaser lists, newsletter and sharing prompts, the author's bio. General knowledge of
# how news sites label these sections, lowercased, matched at the start of a short line.
END_CUES = tuple(CUES["end_cues"])
# The cues by their first two characters, longest first: a line is looked up, not scanned.
END_CUES_BY_HEAD: dict[str, tuple[str, ...]] = {
    head: tuple(sorted((cue for cue in END_CUES if cue[:2] == head), key=len, reverse=True))
    for head in {cue[:2] for cue in END_CUES}
}
# A count of comments or responses ("34 responses to ...", "[ 167 comments ]", "10 thoughts on ...").
COMMENT_COUNT = re.compile(
    r"^\W{0,3}\d{1,6}\s{1,3}(?:comments?|responses?|replies|reply|thoughts|reactions|kommentare|commentaires|comentarios|comentários|commenti|reacties|комментари\w{0,3})\b",
    re.IGNORECASE,
)
# A time of day or a relative time: comment threads stamp every comment with one.
CLOCK_TIME = re.compile(r"(?<!\d)[012]?\d[:h][0-5]\d(?!\d)")
RELATIVE_TIME = re.compile(
    r"\d{1,3}\s{0,2}(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\s{1,2}ago\b"
    r"|\bvor\s{1,2}\d|\bil y a\s{1,2}\d|\bhace\s{1,2}\d|\bhá\s{1,2}\d|\d\s{0,2}(?:分钟|小时|天)前|\d{1,3}\s{1,2}[а-яё]{1,12}\s{1,2}назад",
    re.IGNORECASE,
)
# Every relative time names one of these words ("ago", "vor", "il y a"...): a line without any
# cannot match RELATIVE_TIME, and this test is much cheaper than the regex. Parts of the words,
# lowercased, cut to letters that str.lower and the regex's IGNORECASE fold alike (IGNORECASE
# also folds "ı" and "İ" to "i", and "ᲁ" to "д").
RELATIVE_TIME_WORDS = ("ago", "vor", "l y a", "hace", "há", "前", "наза")
# Words of subscription prompts ("Subscribe to our newsletter", "Sign up for..."), found anywhere
# in a short paragraph, lowercased.
SUBSCRIPTION_WORDS = tuple(CUES["subscription_words"])
MAX_PROMPT_WORDS = 25
# Lines this short may open a section or stamp a comment.
MAX_CUE_CHARS = 80
# A stamp run: at least this many time stamps, each within STAMP_REACH blocks of the previous one.
MIN_STAMPS = 3
STAMP_REACH = 12
# An article must already have this many words of prose before a cue may end it.
MIN_ARTICLE_WORDS = 60
# A cue is only an inline link ("Related: ...", "Read more") or a teaser box inside the article
# when the article goes on after it: within CONTINUATION_REACH blocks, a paragraph of
# CONTINUATION_WORDS words, or two in a row of at least CONTINUATION_SHARE of the article's median
# paragraph; or, further on (after a teaser box), a run of CONTINUATION_RUN such paragraphs.
# Teasers, bios and prompts after an article are headlines and one- or two-sentence summaries.
CONTINUATION_REACH = 8
CONTINUATION_WORDS = 30
CONTINUATION_SHARE = 0.5
CONTINUATION_RUN = 3


def end_cue(text: str) -> bool:
    """Whether a short line opens a comments/related/newsletter section."""
    if len(text) > MAX_CUE_CHARS:
        return False
    lowered = text.lower().lstrip(" [(#*-–—•|")
    for cue in END_CUES_BY_HEAD.get(lowered[:2], ()):
        if lowered.startswith(cue):
            # The cue is the line, or a whole word of it ("related:", not "relatedly").
            size = len(cue)
            return len(lowered) == size or not lowered[size].isalnum() or not cue[-1].isalnum()
    return lowered[:1].isdecimal() and COMMENT_COUNT.match(lowered) is not None


def _subscription_prompt(text: str) -> bool:
    """Whether a (short) paragraph asks the reader to subscribe or sign up."""
    lowered = text.lower()
    for word in SUBSCRIPTION_WORDS:
        if word in lowered:
            return True
    return False


def time_stamp(text: str) -> bool:
    """Whether a short line carries a time of day or a relative time ("2 days ago at 07:52 am")."""
    if len(text) > MAX_CUE_CHARS:
        return False
    digit = DIGIT.search(text)
    if digit is None:  # every stamp has a number
        return False
    if CLOCK_TIME.search(text, digit.start()) is not None:  # a time of day starts with a digit
        return True
    lowered = text.lower()
    for word in RELATIVE_TIME_WORDS:
        if word in lowered:
            return RELATIVE_TIME.search(text) is not None
    return False


def article_end(blocks: list[Block], kinds: list, sizes: list[float], start: int, end: int) -> int:
    """Where the article ends inside the region [start, end): the first section cue or the first
    time stamp of a run of them (a comment thread), once enough prose has been read; else ``end``."""
    prose_words = 0.0
    prose_sizes: list[float] = []
    stamps: list[int] = []
    for index in range(start, end):
        kind = kinds[index]
        if kind == PROSE and sizes[index] >= MIN_SENTENCE_WORDS:
            text = blocks[index].text
            if prose_words >= MIN_ARTICLE_WORDS:
                if text[0].isdecimal() and COMMENT_COUNT.match(text):
                    return index  # "34 responses to <title>" reads like a sentence, but opens the thread
                if sizes[index] <= MAX_PROMPT_WORDS and _subscription_prompt(text) and not _article_goes_on(
                    blocks, kinds, sizes, index + 1, end, prose_sizes
                ):
                    return index
            prose_words += sizes[index]
            prose_sizes.append(sizes[index])
            continue
        if prose_words < MIN_ARTICLE_WORDS:
            continue
        text = blocks[index].text
        if len(text) > MAX_CUE_CHARS:
            continue  # too long to open a section or to be a time stamp
        if end_cue(text) and not _article_goes_on(blocks, kinds, sizes, index + 1, end, prose_sizes):
            return index
        if kind == SHORT and time_stamp(text):
            if stamps and index - stamps[-1] > STAMP_REACH:
                stamps = []
            stamps.append(index)
            if len(stamps) >= MIN_STAMPS:
                return stamps[0]
    if stamps:  # a thread may start inside the region and go on after it
        for index in range(end, min(len(blocks), stamps[-1] + STAMP_REACH * (MIN_STAMPS - len(stamps)) + 1)):
            if kinds[index] == SHORT and time_stamp(blocks[index].text):
                if index - stamps[-1] > STAMP_REACH:
                    break
                stamps.append(index)
                if len(stamps) >= MIN_STAMPS:
                    return stamps[0]
    return end


def _article_goes_on(blocks: list[Block], kinds: list, sizes: list[float], start: int, end: int, article_sizes: list[float]) -> bool:
    """Whether the article goes on after a section cue at ``start - 1`` (the cue was an inline link
    or a box of teasers inside the article): a full paragraph, or two paragraphs in a row of the
    article's own paragraph size, follows within CONTINUATION_REACH blocks; or a run of
    CONTINUATION_RUN such paragraphs follows before the next cue (after a box of teasers)."""
    typical = max(MIN_PROSE_WORDS, sorted(article_sizes)[len(article_sizes) // 2] * CONTINUATION_SHARE)
    near_end = min(end, start + CONTINUATION_REACH)
    run = 0
    previous = 0.0
    for index in range(start, end):
        if kinds[index] != PROSE:
            if index >= near_end and end_cue(blocks[index].text):
                return False  # another section starts before the article would go on
            run, previous = 0, 0.0
            continue
        size = sizes[index]
        if index < near_end and (size >= CONTINUATION_WORDS or min(size, previous) >= typical):
            return True
        run = run + 1 if size >= typical else 0
        if run >= CONTINUATION_RUN:
            return True
        previous = size
    return False


def find_body(blocks: list[Block]) -> tuple[list[int], int, int, list[int]]:
    """The indices of the body's blocks, the region [start, end) they come from, and the indices of
    the page's list items."""
    kinds = [block.kind for block in blocks]
    sizes = [block.words for block in blocks]
    items = list_items(blocks, kinds)
    start, end = body_region(blocks, kinds, sizes, items)
    body = [index for index in body_blocks(kinds, start, end, items) if not legal_notice(blocks[index].text)]
    return body, start, end, items


def body_region(blocks: list[Block], kinds: list, sizes: list[float], items: list[int] | None = None) -> tuple[int, int]:
    """The body region: the best-scoring stretch, cut where the article ends and searched again
    inside what is left (so that the last lines before a comment thread are weighed anew).
    ``items`` are the indices of list items."""
    if items:
        listed = kinds.copy()
        for index in items:
            if listed[index] != PROSE:
                listed[index] = LISTED
        block_weights = weights(listed, sizes)
    else:
        block_weights = weights(kinds, sizes)
    start, end = main_region(block_weights)
    cut = article_end(blocks, kinds, sizes, start, end)
    if cut < end:
        inner_start, inner_end = main_region(block_weights[start:cut])
        if inner_end > inner_start:
            return start + inner_start, start + inner_end
    return start, end


def list_items(blocks: list[Block], kinds: list) -> list[int]:
    """Indices of the items of lists: enumerated ("1) ...", "2. ...", "3a ...": numbers rising one
    by one), bulleted (lines opening with the same bullet) or dated entries (consecutive lines with
    a number early on and the same separator after it: "June 9 – Tampa, FL"), at least
    MIN_LIST_ITEMS items each, with the few lines between two items. A page's menus and teaser
    lists seldom have that shape; an article's tour dates, rankings, steps and product lists do.
    Items are short lines (or, for numbered items, paragraphs): one- and two-word lines and junk
    are only passed over."""
    flags: list[int] = []
    run: list[int] = []  # indices of the items of the current numbered run
    last_number = 0
    bullet_run: list[int] = []
    bullet = ""
    entry_run: list[int] = []
    separator = ""
    short, prose = SHORT, PROSE
    for index, kind in enumerate(kinds):
        if kind != short and kind != prose:
            continue
        text = blocks[index].text
        first = text[0]
        entry_separator = _entry_separator(text) if kind == short and len(text) <= MAX_ENTRY_CHARS else ""
        if entry_separator:
            if entry_run and entry_separator == separator and index == entry_run[-1] + 1:
                entry_run.append(index)
            else:
                _flag_run(flags, entry_run)
                entry_run, separator = [index], entry_separator
        if first.isdecimal():
            number = _item_number(text)
            if number is not None:
                if run and number == last_number + 1 and index - run[-1] <= MAX_ITEM_GAP + 1:
                    run.append(index)
                else:
                    _flag_run(flags, run)
                    run = [index]
                last_number = number
        elif first in BULLETS and len(text) > 2 and text[1] == " ":
            if bullet_run and first == bullet and index - bullet_run[-1] <= MAX_ITEM_GAP + 1:
                bullet_run.append(index)
            else:
                _flag_run(flags, bullet_run)
                bullet_run, bullet = [index], first
    _flag_run(flags, run)
    _flag_run(flags, bullet_run)
    _flag_run(flags, entry_run)
    return sorted(set(flags)) if flags else flags


def _entry_separator(text: str) -> str:
    """For a dated or numbered entry ("June 9 – Tampa, FL @ Arena", "3. Team 2 - 1 Rival"): the
    separator after its number; else ''. Lines of a schedule, a results table or a timeline
    share one."""
    if len(text) > MAX_ENTRY_CHARS:
        return ""
    digit = DIGIT.search(text, 0, ENTRY_HEAD_CHARS)
    if digit is None:
        return ""
    for separator in ENTRY_SEPARATORS:
        if text.find(separator, digit.end()) >= 0:
            return separator
    return ""


def _item_number(text: str) -> int | None:
    """The number a list item opens with ("12) ...", "3. ...", "1a etapa", "7 Kyle Busch 5040")."""
    digits = 0
    while digits < len(text) and digits < 4 and text[digits].isdecimal():
        digits += 1
    if digits > 3 or digits == len(text):
        return None
    after = text[digits]
    if after == " " or after in ITEM_NUMBER_ENDS:
        return int(text[:digits])
    return None


def _flag_run(flags: list[int], run: list[int]) -> None:
    if len(run) >= MIN_LIST_ITEMS:
        flags.extend(range(run[0], run[-1] + 1))
