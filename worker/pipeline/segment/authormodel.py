"""The article's author when the header rules found none, chosen among nearby lines by a fitted model.

The byline rules (:mod:`.bylines`, read by :mod:`.header`) want a cue ("By", "Von", "文/") and a
line in the header. On the wcxb tune pages the first author's name is in some line of the page
text on 91% of pages, but the rules name the author on 18% from text: most authors stand on a
line of their own ("Andrew King"), carry credentials ("Dylan Bailey, MS, RD"), are glued to their
cue ("ByNina Pineda") or share the line with a date or a reading time, and many sit a little away
from the header. So every line in a window around the body's start that yields personal names
(:func:`names_in_line`: the byline parser, else a cue stripped and names read, else a line that is
only a name and its credentials, else the name or forum handle before the date of a dated line:
"Mike Kappel May 18, 2016", "longshot · 03/03/2026", else a cue's short rest read whole ("By News
Desk", "by ibby"), a poster's cue ("started by pelex"), a name that is one segment of a line
("Aaron Ricadela | Senior Writer | July 2, 2025"), or a user name alone or with what forums print
beside it ("Ejp55230 Discussion starter", "FutureBSD said:")) is a candidate; a small tree ensemble per
input kind scores it from :data:`FEATURES` (how the names were read, where the line sits against
the body and the title, a date on it or beside it, a bare cue line above it ("By"), repeats,
whether the page names the person again elsewhere: an author box, a bio, its class; how likely
the page is a forum, whose author is its first poster's user name, a word alone on a line that on
other pages is a menu item: such lines are candidates on forum pages only); a title far
above the body brings the lines beside it into the window, and the best candidate's names become the
authors when its probability reaches the fitted threshold.

Weights and thresholds are data (``data/author_model.json``), fitted by
``python -m bench.authortrain`` on the tune fold; without that file the step changes nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from operator import attrgetter

from worker.pipeline.model import BlockKind, Contributor
from worker.pipeline.page import Page
from worker.pipeline.segment import dates
from worker.pipeline.segment.bylines import bare_author_cue, parse_byline
from worker.pipeline.segment.names import NAME_STOP_WORDS, USER_NAME, all_caps, parse_latin_names
from worker.pipeline.segment.ranking import RankerStep
from worker.pipeline.textfacts import whole_word_count

MODEL_FILE = "author_model.json"
WINDOW_BEFORE = 15
WINDOW_AFTER = 5
# Lines above and below a title that sits outside that window (a table of contents or a teaser
# between headline and body), where its byline is.
TITLE_REACH_BEFORE, TITLE_REACH_AFTER = 3, 6
MAX_LINE_CHARS = 160
MAX_BARE_CHARS = 80  # a line of only names and credentials is short and starts with a capital
# A text without a space this long or shorter is at most one name token (names.LATIN_TOKEN reads a
# letter and up to 30 more characters before it cuts a run of letters in two).
MAX_NAME_TOKEN_CHARS = 31
AUTHOR_ROLES = frozenset(("author", "reporter", "contributor"))
# A cue before the names: "Written by", "Posted by", "Author:", "By:", and "By" glued to a capital.
CUE = re.compile(
    r"^\s*(?:(?:written|posted|reviewed|published|words|story|text|article|report(?:ed)?)\s+by|author(?:s|ed by)?|by)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
GLUED_CUE = re.compile(r"^(?:By|BY)(?=[A-Z][a-z])")
CREDENTIAL_TAIL = re.compile(r",\s*[A-Z][A-Za-z.]{0,6}(?:,\s*[A-Z][A-Za-z.]{0,6})*\s*$")
DIGIT = re.compile(r"\d")
BLOCK_TEXT = attrgetter("text")
KINDS = (BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK)
# How the names of a line were read, one column each.
HOW = ("byline", "cue", "bare", "dated", "segment", "handle")
# After a cue, a short rest read whole when it is no personal name ("By News Desk", "by ibby",
# "By 3i Global", "Written By Audiophile On"): desks, sites and user names are authors too.
MAX_CUED_REST_WORDS = 4
MAX_CUED_REST_CHARS = 40
# Segments of a line ("Aaron Ricadela | Senior Writer | July 2, 2025", "109 Comments | Jill Winger |
# Last Updated: ...", "Dec 26, 2025 • Mahua Das in Project Management"), one of which is a name.
MAX_SEGMENTED_CHARS = 100  # (such lines are short: a byline, a forum's post header)
LINE_SEGMENTS = re.compile(r"\s*[|·•/]\s*|\s[-–—]\s")
NAME_THEN_WORDS = re.compile(r"\s+(?:in|on|at|for)\s")
# A forum's poster: a user name alone on its line, or with what forums print beside it ("JGD
# Members", "Ejp55230 Discussion starter", "FutureBSD said:", "Need2KnowLion 2 years ago#1").
POSTER_TAIL = re.compile(
    r"\s+(?:members?|moderator|administrator|admin|discussion starter|thread starter|op|said:?|wrote:?|says:?|"
    r"\d+\s+\w+\s+ago\S*|\|\s*\w+)\s*$",
    re.IGNORECASE,
)
MAX_HANDLE_LINE_CHARS = 60  # a user name and what a forum prints beside it
USER_NAMES_FROM = 0.5  # the page's forum probability from which a line that is only a user name is a candidate
# Cues that name a forum thread's poster ("Discussion in 'X' started by pelex", "Originally
# Posted by HOSTLAR", "submitted 17 hours ago by InsaneSnow45").
POSTER_CUE = re.compile(r"(?:^|\s)(?:started|posted|submitted[\w\s]{0,24}?)\s+by\s+", re.IGNORECASE)
# What stands beside a date on a dated line: separators, and a handle's repeat in brackets
# ("amondale (Amondale) November 8, 2024" as forums print a poster).
DATED_SEPARATORS = " \t|·•,-–—/:"
BRACKETED_REPEAT = re.compile(r"^(\S+)\s*\((\S+)\)$")
# Occurrences of the candidate's first name elsewhere on the page that count (an author box, "More
# from Jane Doe", a bio "Jane Doe is a ..."): more say nothing new.
MAX_NAMED_ELSEWHERE = 3

FEATURES = (
    "read_as_byline",
    "read_after_cue",
    "read_as_bare_name",
    "names",
    "log_chars",
    "share_of_line_in_names",
    "blocks_before_body",
    "before_body",
    "near_title",
    "after_title",
    "has_digit",
    "has_date",
    "date_beside",
    "repeated_on_page",
    "all_caps",
    "has_separator",
    "kind_prose",
    "kind_short",
    "kind_tiny",
    "kind_junk",
    "rules_found_people",
    "cue_line_above",
    "beside_far_title",
    "read_beside_date",
    "one_word_handle",
    "named_elsewhere",
    "read_in_segment",
    "read_as_handle",
    "forum_page",
)


def names_in_line(text: str, user_names: bool = True) -> tuple[list[str], str | None]:
    """The personal names a line gives, and how they were read (one of HOW), or ([], None);
    ``user_names``: a user name alone on its line (a forum's poster) counts too."""
    text = text.strip()
    if not text or len(text) > MAX_LINE_CHARS:
        return [], None
    byline = parse_byline(text)
    if byline is not None:
        people = [person.name for person in byline.contributors if person.role in AUTHOR_ROLES]
        if people:
            return people, "byline"
    glued = GLUED_CUE.match(text)
    cue = glued or CUE.match(text)
    if cue is not None and cue.end() < len(text):
        names, _ = parse_latin_names(text[cue.end():])
        if len(names) == 1 and " " not in names[0]:
            # one word read as a name, more words before the separator: the whole is the name
            # ("By Ask the Doctors", "Written By Audiophile On")
            rest = _cued_rest(text[cue.end():])
            names = [rest] if rest and " " in rest else names
        if names:
            return names, "cue"
    if len(text) <= MAX_BARE_CHARS and text[:1].isupper() and DIGIT.search(text) is None:
        bare = CREDENTIAL_TAIL.sub("", text).strip()
        # A line that is only names (one to three people, each of two words or more: "Home" is no
        # name). The names' words are read between spaces, so a line without one names nobody of
        # two words, unless it is longer than MAX_NAME_TOKEN_CHARS (a longer run of letters is cut
        # into two tokens): most menu items and headings are never parsed.
        if " " in bare or len(bare) > MAX_NAME_TOKEN_CHARS:
            names, consumed = parse_latin_names(bare)
            if names and consumed >= len(bare) - 1 and len(names) <= 3 and all(" " in name for name in names):
                return names, "bare"
    if DIGIT.search(text) is not None:
        names = _names_beside_date(text)
        if names:
            return names, "dated"
    if cue is not None and cue.end() < len(text):
        rest = _cued_rest(text[cue.end():])
        if rest:
            return [rest], "cue"
    if len(text) > MAX_SEGMENTED_CHARS:
        return [], None
    if " " not in text:  # (most lines that get here: a word, a menu item)
        if user_names and len(text) <= MAX_NAME_TOKEN_CHARS and USER_NAME.fullmatch(text) and text.casefold() not in NAME_STOP_WORDS:
            return [text], "handle"
        return [], None
    poster = POSTER_CUE.search(text) if (" by " in text or " By " in text or " BY " in text) else None
    if poster is not None:
        user = USER_NAME.match(text, poster.end())
        if user is not None and user.group().casefold() not in NAME_STOP_WORDS:
            return [user.group()], "handle"
    if LINE_SEGMENTS.search(text) is not None:
        for segment in LINE_SEGMENTS.split(text):
            segment = NAME_THEN_WORDS.split(segment, 1)[0].strip()
            if " " in segment and len(segment) <= MAX_CUED_REST_CHARS and segment[:1].isupper() and DIGIT.search(segment) is None:
                names, consumed = parse_latin_names(segment)
                if len(names) == 1 and " " in names[0] and consumed >= len(segment) - 1:
                    return names, "segment"
    if user_names and len(text) <= MAX_HANDLE_LINE_CHARS:
        handle = POSTER_TAIL.sub("", text)
        if len(handle) <= MAX_NAME_TOKEN_CHARS and USER_NAME.fullmatch(handle) and handle.casefold() not in NAME_STOP_WORDS:
            return [handle], "handle"
    return [], None


def _cued_rest(rest: str) -> str | None:
    """What follows a cue, up to a separator or a date, when it is short enough to be a name."""
    rest = LINE_SEGMENTS.split(rest, 1)[0]
    match = dates.find_date(rest) if DIGIT.search(rest) is not None else None
    if match is not None:
        rest = rest[: match.start]
    rest = rest.strip(DATED_SEPARATORS)
    if not rest or len(rest) > MAX_CUED_REST_CHARS or len(rest.split()) > MAX_CUED_REST_WORDS:
        return None
    return rest if rest.split()[0].casefold() not in NAME_STOP_WORDS or len(rest.split()) > 1 else None


def _names_beside_date(text: str) -> list[str]:
    """The name a dated line gives before its date ("Mike Kappel May 18, 2016", "longshot ·
    03/03/2026 19:44", a forum's "amondale (Amondale) November 8, 2024, 7:33pm"): one to three
    personal names, or one handle (a single word, as forums and comment threads name people)."""
    match = dates.find_date(text)
    if match is None or match.start == 0 or match.cue is not None:
        return []  # (no name before the date, or a word saying what the date is: "Updated May 3")
    before = text[: match.start].strip(DATED_SEPARATORS)
    if not before:
        return []
    names, consumed = parse_latin_names(before)
    if names and consumed >= len(before) - 1 and len(names) <= 3:
        return names
    repeat = BRACKETED_REPEAT.match(before)
    if repeat is not None and repeat.group(1).casefold() == repeat.group(2).casefold():
        before = repeat.group(1)
    if USER_NAME.fullmatch(before) and before.casefold() not in NAME_STOP_WORDS:
        return [before]
    return []


def candidates(page: Page) -> tuple[list[list[str]], list[list[float]]]:
    """The candidate lines' names and feature rows."""
    blocks = page.blocks
    if not blocks:
        return [], []
    start = page.body[0] if page.body else page.region[0]
    low, high = max(0, start - WINDOW_BEFORE), min(len(blocks), start + WINDOW_AFTER + 1)
    title = (page.result.title or "").strip()
    title_at = next((index for index in range(low, high) if title and blocks[index].text.strip() == title), None)
    lines = list(range(low, high))
    far_title = None
    if title and title_at is None:
        far_title = next((index for index in range(0, low) if blocks[index].text.strip() == title), None)
        if far_title is not None:
            beside = range(max(0, far_title - TITLE_REACH_BEFORE), min(low, far_title + TITLE_REACH_AFTER + 1))
            lines = [*beside, *lines]
            title_at = far_title
    counts = Counter(map(BLOCK_TEXT, blocks))
    page_text: str | None = None  # the page's text, case-folded, read once when a name is looked up
    on_page: dict[str, int] = {}  # how often each name stands in it (a menu word is a candidate on many lines)
    rules_found = float(any(person.role in AUTHOR_ROLES for person in page.header.contributors)) if page.header else 0.0
    dated = {}

    def has_date(index: int) -> bool:
        if index not in dated:
            text = blocks[index].text if 0 <= index < len(blocks) else ""
            dated[index] = DIGIT.search(text) is not None and len(text) <= MAX_LINE_CHARS and dates.find_date(text) is not None
        return dated[index]

    forum_page = page.page_type.get("forum", 0.0)
    # A word alone on a line is a poster's user name on a forum, a menu item elsewhere.
    user_names = forum_page >= USER_NAMES_FROM
    found, rows = [], []
    for index in lines:
        text = blocks[index].text.strip()
        names, how = names_in_line(text, user_names)
        if not names:
            continue
        kind = blocks[index].kind
        if page_text is None:
            page_text = "\n".join(map(BLOCK_TEXT, blocks)).casefold()
        # the name as a whole word ('Tom' is not in 'Tomorrow') in other lines than this one's
        # copies (exact repeats are counted apart)
        first = names[0].casefold()
        if first not in on_page:
            on_page[first] = whole_word_count(first, page_text)
        elsewhere = on_page[first] - whole_word_count(first, text.casefold()) * counts[blocks[index].text]
        rows.append(
            [
                *(float(how == wanted) for wanted in HOW[:3]),
                float(len(names)),
                math.log1p(len(text)),
                min(1.0, sum(len(name) for name in names) / len(text)),
                max(-1.0, min(4.0, (start - index) / 10)),
                float(index < start),
                float(title_at is not None and abs(index - title_at) <= 3),
                float(title_at is not None and index > title_at),
                float(DIGIT.search(text) is not None),
                float(has_date(index)),
                float(has_date(index - 1) or has_date(index + 1)),
                float(counts[blocks[index].text] > 1),
                float(all_caps(text, 3)),
                float("|" in text or "·" in text or "•" in text),
                *(float(kind == wanted) for wanted in KINDS),
                rules_found,
                float(index > 0 and bare_author_cue(blocks[index - 1].text)),
                float(far_title is not None and index < low),
                float(how == "dated"),
                float(len(names) == 1 and " " not in names[0]),
                math.log1p(min(MAX_NAMED_ELSEWHERE, max(0, elsewhere))),
                float(how == "segment"),
                float(how == "handle"),
                forum_page,
            ]
        )
        found.append(names)
    return found, rows


class ChooseAuthors(RankerStep):
    """When the header rules credited no author, the fitted model's best line names them."""

    name = "authors"
    model_file = MODEL_FILE
    features = FEATURES
    command = "python -m bench.authortrain"

    def run(self, page: Page) -> None:
        ranker = self.ranker(page.raw.is_html)
        if ranker is None or page.result.quarantined or page.header is None:
            return
        if any(person.role in AUTHOR_ROLES for person in page.header.contributors):
            return
        found, rows = candidates(page)
        best = ranker.best(rows)
        if best is not None:
            page.header.contributors = [Contributor(name, "author") for name in found[best]] + page.header.contributors
