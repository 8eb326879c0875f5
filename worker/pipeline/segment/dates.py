"""Publication dates in page text: find them and read them.

A news page shows its date in one of a few dozen layouts ("Nov. 19, 2019 8:03 am ET",
"19 novembre 2019", "2019年11月19日 08:03", "19.11.2019, 23:06", "2018-01-11 09:27China Daily",
ISO 8601 ...). :func:`find_date` looks for the first one in a line or block of text and returns a
:class:`DateMatch` (the fields as the page shows them, the zone if the text names one, and the span).
:mod:`.timestamps` turns a match into the model's :class:`PublishedDate` (with its absolute form
when the zone is known) and reads the machine-readable dates pages declare.

How it is built, and why:

- Speed. The segment step calls :func:`find_date` on dozens of lines per page, so almost every call
  must end after a cheap test: a full date needs a four-digit year, so a long line without "19" or
  "20" returns at once. In lines that pass, the scan finds the four-digit years and reads the
  layouts around each one with anchored patterns (a regex alternation of 200 month names, tried at
  every position, costs ten times more); time, zone and cue words are then read next to the date.
  :func:`find_date` stops at the first date no "updated" cue introduces, and reads a line with a
  year once for several steps (a small bounded memo: the steps read the same header lines).
- Safety. Page text is untrusted: every pattern is a fixed sequence of bounded pieces (no nested
  quantifiers), so matching is linear in the line length.
- Data. Month names (14 languages), zone abbreviations and cue words are data (``data/dates.json``).
- Judgement calls. Years before :data:`MIN_YEAR` are not publication dates of web pages. When a
  reference time (``fetched_at``) is given, dates more than :data:`FUTURE_SLACK` after it are
  rejected (a page cannot be published after it was fetched), and relative dates ("3 hours ago")
  are resolved against it, as are dates shown without a year ('Nov 18', flagged ``year_inferred``);
  without one, neither is read. Two-digit years ('11/13/19') count only next to a time, and these
  three weaker forms only on short lines (datelines, not prose). Purely numeric dates
  whose order is ambiguous (``06/02/2022``) are read month-first when written with '/', day-first
  with '.' or '-', unless the caller says ``day_first`` (see :func:`guess_day_first`, which reads
  the order off the unambiguous numeric dates of the same page). "CST" is US Central time and
  "IST" India time, as on most English-language pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from worker.pipeline.textfacts import load_json

MIN_YEAR = 1990
MAX_YEAR = 2099  # without a reference time
FUTURE_SLACK = timedelta(days=2)  # zones and clock skew: a page may look a day ahead of the fetcher
# A text whose first 64 four-digit numbers are no dates (tables, number soup) is no date line: stop
# there, which bounds the cost of a call on huge lines.
MAX_YEARS_EXAMINED = 64

# --------------------------------------------------------------------------------------------------
# Data (the vocabulary is in data/dates.json)
# --------------------------------------------------------------------------------------------------

TABLES = load_json("dates.json")

# Month names, lowercase: per language, the twelve full names in order, then abbreviations (each the
# start of its month's name, unless listed in _IRREGULAR_ABBREVIATIONS). A name shared by several
# languages means the same month in all of them (a test checks this).
_MONTHS_BY_LANGUAGE: dict[str, list[str]] = TABLES["months_by_language"]  # [full names, abbreviations]
_IRREGULAR_ABBREVIATIONS = TABLES["irregular_abbreviations"]


def _build_month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for full, abbreviations in _MONTHS_BY_LANGUAGE.values():
        full_names = full.split()
        for number, name in enumerate(full_names, start=1):
            names.setdefault(name, number)
        for abbreviation in abbreviations.split():
            number = _IRREGULAR_ABBREVIATIONS.get(abbreviation) or next(
                i for i, name in enumerate(full_names, start=1) if name.startswith(abbreviation)
            )
            names.setdefault(abbreviation, number)
    return names


MONTH_NAMES: dict[str, int] = _build_month_names()

# Time zone abbreviations: a fixed UTC offset in minutes, or an IANA zone (generic names whose
# offset depends on the date: 'ET' is EST in winter and EDT in summer).
ZONE_OFFSETS: dict[str, int] = TABLES["zone_offsets"]
ZONE_NAMES: dict[str, str] = TABLES["zone_names"]

# Words before a date that say what it is.
UPDATED_CUES = tuple(TABLES["updated_cues"])
PUBLISHED_CUES = tuple(TABLES["published_cues"])

# Relative dates ("3 hours ago"): unit word -> (timedelta keyword, whether the result has a time).
RELATIVE_UNITS: dict[str, list] = TABLES["relative_units"]  # [timedelta keyword, has a time]
_NUMBER_WORDS = TABLES["number_words"]

# --------------------------------------------------------------------------------------------------
# Patterns (all bounded: fixed pieces, optional parts, short bounded repeats)
# --------------------------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
# Every full date has a four-digit year: the scan finds years, then reads the layouts around each.
YEAR_PATTERN = re.compile(rf"(?<!\d){_YEAR}")
# After a year: no further digit, except a time glued to it ("NOV 20 20194:29 AM").
GLUED_TIME_PATTERN = re.compile(r"\d{1,2}:\d\d")
# Layouts that start with the year: 2019-11-19, 2019/11/19, 2019.11.19, 2019. 11. 19. / 2019年11月19日
YMD_PATTERN = re.compile(
    rf"(?<![\d.])(?P<y>{_YEAR})(?P<sep>[-/.])\s?(?P<m>[01]?\d)(?P=sep)\s?(?P<d>[0-3]?\d)(?!\d|[-/.]\d)"
)
CJK_PATTERN = re.compile(rf"(?P<y>{_YEAR})\s?[年년]\s?(?P<m>[01]?\d)\s?[月월]\s?(?P<d>[0-3]?\d)\s?[日일号號]")
# Layouts that end with the year, matched on a short window that ends where the year starts:
# 19.11.2019, 11/19/2019, 19-11-2019
NUMERIC_BEFORE_YEAR = re.compile(r"(?<![\d.,/:-])(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)$")
# 19 November 2019, 19. November 2019, 19 de noviembre de 2019, 20 Nov, 2019, 24 сентября 2018
DAY_MONTH_BEFORE_YEAR = re.compile(
    r"(?<![\w.])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s?(?:de\s)?(?P<month>[^\W\d_]{3,12})\.?,?\s?(?:de\s|del\s)?$",
    re.IGNORECASE,
)
# November 20, 2019, Nov. 19, 2019, NOV 15, 2019
MONTH_DAY_BEFORE_YEAR = re.compile(
    r"(?<!\w)(?P<month>[^\W\d_]{3,12})\.?\s?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s?$", re.IGNORECASE
)
# The same with the month glued to the word before it, as page text loses the space between two
# elements ("by Jeffrey ZeldmanNovember 20, 2007"): a capitalized month right after a small letter.
GLUED_MONTH_DAY_BEFORE_YEAR = re.compile(r"(?<=[a-z])(?P<month>[A-Z][a-z]{2,11})\.?\s?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s?$")
_NUMERIC_WINDOW = 6
_WORDY_WINDOW = 24

# 'Z' (UTC) only right after the time, as ISO 8601 writes it; after a space it is some other word.
_ZONE_ABBREVIATIONS = "|".join(sorted((*(z for z in ZONE_OFFSETS if z != "Z"), *ZONE_NAMES), key=len, reverse=True))
# A zone after a time: a named zone, or a numeric offset (alone or after GMT/UTC): +08:00, GMT+8, -0500.
_ZONE = (
    rf"(?P<offset>(?:GMT|UTC)?\s?[+\-−]\d\d:?\d\d(?!\d)|(?:GMT|UTC)\s?[+\-−]\d{{1,2}}(?!\d))"
    rf"|(?P<zone>{_ZONE_ABBREVIATIONS})(?![a-z])"
)
_AMPM = r"(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![a-z])"
_DAYPART = r"(?P<daypart>上午|下午|午前|午後|오전|오후|早上|晚上|凌晨|中午)"
# A CJK weekday between date and time: 星期二, 周二, （火）, (화)
_CJK_WEEKDAY = r"(?:[（(]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][）)]?|[（(][月火水木金土日월화수목금토일][）)])"
TIME_AFTER_PATTERN = re.compile(
    r"(?:T|\s{0,3}[,.@|/·•\-–—]?\s{0,3}(?:at\s|AT\s|At\s|um\s|à\s|a\slas\s|às\s|alle\s|om\s|kl\.?\s|в\s|o\s)?\s{0,2})"
    rf"(?:{_CJK_WEEKDAY}\s{{0,2}})?{_DAYPART}?\s?(?P<hour>[0-2]?\d)[:：h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:[.,]\d{{1,9}})?)?(?!\d)"
    rf"(?:(?P<zulu>Z)(?![A-Za-z])|(?:\s?{_AMPM})?(?:\s?\(?(?:{_ZONE}))?)"
)
# 8時3分, 8点30分, 오후 3시 5분 (after an optional weekday)
CJK_TIME_AFTER_PATTERN = re.compile(
    rf"\s{{0,2}}(?:{_CJK_WEEKDAY}\s{{0,2}})?{_DAYPART}?\s?(?P<hour>[0-2]?\d)\s?[時时点點시]\s?(?P<minute>[0-5]?\d)\s?[分분]"
    r"(?:\s?(?P<second>[0-5]?\d)\s?[秒초])?"
)
# The Guardian's "18.54 GMT": a dotted time only counts with a zone or am/pm after it.
DOTTED_TIME_AFTER_PATTERN = re.compile(
    rf"\s{{1,3}}(?P<hour>[0-2]?\d)\.(?P<minute>[0-5]\d)(?!\d)\s?(?:{_AMPM}|{_ZONE})"
)
ZONE_AFTER_PATTERN = re.compile(rf"\s?\(?(?:{_ZONE})")
# A time right before the date ("Posted: Fri 6:45 PM, Feb 16, 2018", "12:03 GMT, Nov 20, 2019");
# matched against a short window that ends where the date starts.
TIME_BEFORE_PATTERN = re.compile(
    rf"(?<![\d:])(?P<hour>[0-2]?\d)[:：h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?!\d)(?:\s?{_AMPM})?(?:\s?(?:{_ZONE}))?"
    r"[\s,|·(\-–—]{0,4}(?:[^\W\d_]{2,9}\.?,?\s{0,2})?$"
)
RELATIVE_PATTERN = re.compile(
    r"(?P<number>\d{1,3}|an?|one)\s?(?P<unit>mins?|minutes?|hrs?|hours?|days?|weeks?)\s(?:ago)(?![a-z])"
    r"|(?P<cjk_number>\d{1,3})\s?(?P<cjk_unit>分钟|分鐘|小时|小時|天|周|分|時間|日|분|시간|일)\s?(?:前|전)"
    r"|vor\s(?P<de_number>\d{1,3})\s(?P<de_unit>Minuten|Stunden?|Tagen?)"
    r"|hace\s(?P<es_number>\d{1,3})\s(?P<es_unit>minutos|horas?|días)"
    r"|há\s(?P<pt_number>\d{1,3})\s(?P<pt_unit>minutos|horas?|dias)"
    r"|il\sy\sa\s(?P<fr_number>\d{1,3})\s(?P<fr_unit>minutes|heures?|jours)"
    r"|(?P<ru_number>\d{1,3})\s(?P<ru_unit>минуты?|минут|часа|часов|час|дня|дней|день)\sназад",
    re.IGNORECASE,
)
# Two-digit years ('11/13/19 11:00AM', '16:17 05.11.18') count only next to a time.
SHORT_YEAR_PATTERN = re.compile(
    r"(?<![\d.,/:-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<yy>\d\d)(?!\d|[/.]\d)"
)
# A day number of a date without a year ('Nov 18', '13 Aug', 'November 20th'), resolved against the
# reference time.
DAY_NUMBER_PATTERN = re.compile(r"(?<![\d.,:/-])[0-3]?\d(?:st|nd|rd|th|er)?(?![\d:/-]|\.\d)")
# Dates with a two-digit year, relative dates and dates without a year are only read on short lines,
# where they are datelines rather than prose.
MAX_FALLBACK_LINE = 80
DATELINE_SEPARATORS = frozenset("|•·-–—/,(")
# Cheap tests that let most lines skip the fallbacks.
_RELATIVE_HINT = re.compile("ago|AGO|Ago|前|전|vor |hace |há |il y a|назад")
_DIGIT = re.compile(r"\d")
# Any of the cue words, in one scan of the lowercase text before a date.
UPDATED_CUE = re.compile("|".join(map(re.escape, UPDATED_CUES)))
PUBLISHED_CUE = re.compile("|".join(map(re.escape, PUBLISHED_CUES)))
# ISO 8601 as declared in markup: 2019-11-19, 2019-11-19T08:03, ...:00.000+08:00, ...Z, 20191119T080300Z
# For guess_day_first: numeric dates whose first or second number is a day above 12.
_NUMERIC_DATE = re.compile(rf"(?<![\d.])([0-3]?\d)[/.-]([0-3]?\d)[/.-]{_YEAR}(?!\d)")


# --------------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class DateMatch:
    """A date (and maybe time) found in a piece of text."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None  # when the text itself shows a zone ('ET', '+08:00', 'GMT')
    zone_name: str | None = None  # IANA name when the text shows a named zone ('ET' -> America/New_York)
    start: int = 0  # span of the match in the text (date, time and zone)
    end: int = 0
    cue: str | None = None  # 'published' | 'updated' when a word before the date says so
    relative: bool = False  # computed from "3 hours ago" and the reference time
    year_inferred: bool = False  # 'Nov 18' with no year: the year was taken from the reference time

    @property
    def has_time(self) -> bool:
        return self.hour is not None


def find_date(text: str, fetched_at: datetime | None = None, *, day_first: bool | None = None) -> DateMatch | None:
    """The first publication-like date in ``text`` (one line or block), or None.

    Of several dates, the first one that no "updated" cue introduces wins (else the first).
    ``fetched_at`` (aware) bounds plausible dates and resolves relative ones; ``day_first``
    settles ambiguous numeric dates (None: month-first with '/', day-first with '.' and '-').
    """
    if len(text) <= MEMO_MAX_CHARS and ("20" in text or "19" in text):
        key = (text, fetched_at, day_first)
        found = _memo.get(key, _NOT_READ)
        if found is _NOT_READ:
            if len(_memo) >= MEMO_MAX_ENTRIES:
                _memo.clear()
            found = _memo[key] = _first_date(text, fetched_at, day_first)
        return found
    return _first_date(text, fetched_at, day_first)


# The header, title, author and date steps each read the lines around the body's start: a fifth
# of a page's calls repeat one made for the same page moments before, and they are the costly
# ones (lines with a year, which the scan reads). A line with a year is read once: its result
# (a frozen DateMatch, or None) is kept in a memo, which only saves time. It is bounded in entries
# and in the length of the texts it keeps; cleared when full, it holds about one page's header
# lines (on the AEB page texts, 98% of its hits are lines of the page being read).
MEMO_MAX_ENTRIES = 64
MEMO_MAX_CHARS = 200
_memo: dict[tuple[str, datetime | None, bool | None], DateMatch | None] = {}
_NOT_READ = object()


def clear_memo() -> None:
    """Forget the lines read so far (for benchmarks that run a step again on the same page)."""
    _memo.clear()


def _first_date(text: str, fetched_at: datetime | None, day_first: bool | None) -> DateMatch | None:
    matches = _dates(text, fetched_at, day_first, stop_at_first=True)
    for match in matches:
        if match.cue != "updated":
            return match
    return matches[0] if matches else None


def find_dates(text: str, fetched_at: datetime | None = None, *, day_first: bool | None = None) -> list[DateMatch]:
    """All plausible dates in ``text``, in order (relative or year-less ones only when there is no other)."""
    return _dates(text, fetched_at, day_first)


def _dates(text: str, fetched_at: datetime | None, day_first: bool | None, stop_at_first: bool = False) -> list[DateMatch]:
    """The dates of ``text`` in order; with ``stop_at_first``, only up to the first one no "updated"
    cue introduces (all :func:`find_date` needs)."""
    has_year = "20" in text or "19" in text
    short_line = len(text) <= MAX_FALLBACK_LINE
    if not has_year and not short_line:  # the common case: a line of prose without a year
        return []
    found: list[DateMatch] = []
    if has_year:
        previous_end = 0
        for examined, year in enumerate(YEAR_PATTERN.finditer(text)):
            if examined == MAX_YEARS_EXAMINED:
                break
            if year.start() < previous_end:
                continue
            core = _date_core(text, year, day_first)
            if core is not None:
                match = _read_match(text, core, previous_end, fetched_at)
                if match is not None:
                    found.append(match)
                    if stop_at_first and match.cue != "updated":
                        break
                    previous_end = match.end
        if found:
            return found
    if not short_line:
        return found
    fallback = None
    if ":" in text and ("/" in text or "." in text):
        fallback = _find_short_year_date(text, fetched_at, day_first)
    if fallback is None and fetched_at is not None:
        if _RELATIVE_HINT.search(text):
            fallback = _find_relative(text, fetched_at)
        if fallback is None and _DIGIT.search(text):
            fallback = _find_yearless_date(text, fetched_at)
    return [fallback] if fallback is not None else []


def guess_day_first(texts, language: str | None = None) -> bool | None:
    """Whether this page writes numeric dates day-first, from its unambiguous ones ('13/02/2022').

    Falls back to the language: US English writes month-first, most other locales day-first;
    None when there is no evidence either way.
    """
    day_first_votes = month_first_votes = 0
    for text in texts:
        if "/" not in text and "." not in text and "-" not in text:
            continue
        for numeric in _NUMERIC_DATE.finditer(text):
            first, second = int(numeric[1]), int(numeric[2])
            if first > 12 >= second:
                day_first_votes += 1
            elif second > 12 >= first:
                month_first_votes += 1
    if day_first_votes != month_first_votes:
        return day_first_votes > month_first_votes
    if language:
        base = language.lower().replace("_", "-")
        if base in ("en-us", "en") or base.startswith(("zh", "ja", "ko")):
            return None
        return True
    return None


# --------------------------------------------------------------------------------------------------
# Internals
# --------------------------------------------------------------------------------------------------


def _date_core(text: str, year_match: re.Match, day_first: bool | None) -> tuple[int, int, int, int, int] | None:
    """(start, end, year, month, day) of the date layout around one four-digit year, if any."""
    year_start, year_end = year_match.span()
    in_path = year_start > 0 and text[year_start - 1] == "/"  # a URL path: .../2019/11/19/story
    for pattern in (YMD_PATTERN, CJK_PATTERN):
        whole = pattern.match(text, year_start)
        if whole is not None:
            if in_path:
                return None
            return whole.start(), whole.end(), int(whole["y"]), int(whole["m"]), int(whole["d"])
    following = text[year_end:year_end + 2]
    # A digit after the year: a longer number, unless a time is glued to it ("NOV 20 20194:29 AM")
    # or a month name opens the date ("June 14, 20241 yr ago": page text glued the next element).
    glued = following[:1].isdigit() and GLUED_TIME_PATTERN.match(text, year_end) is None
    year = int(year_match.group())
    if glued:
        return _wordy_date(text, year_start, year_end, year)
    numeric = NUMERIC_BEFORE_YEAR.search(text, max(0, year_start - _NUMERIC_WINDOW), year_start)
    if numeric is not None:
        # 1.2.2019.3 is a version number, .../11/19/2019/... a path
        if (following[:1] in "-/." and following[1:2].isdigit()) or text[max(0, numeric.start() - 1):numeric.start()] == "/":
            return None
        month, day = _numeric_order(int(numeric["a"]), int(numeric["b"]), numeric["sep"], day_first)
        return numeric.start(), year_end, year, month, day
    return _wordy_date(text, year_start, year_end, year)


def _wordy_date(text: str, year_start: int, year_end: int, year: int) -> tuple[int, int, int, int, int] | None:
    """(start, end, year, month, day) of a date that names its month before the year, if any."""
    window_start = max(0, year_start - _WORDY_WINDOW)
    for pattern in (DAY_MONTH_BEFORE_YEAR, MONTH_DAY_BEFORE_YEAR, GLUED_MONTH_DAY_BEFORE_YEAR):
        wordy = pattern.search(text, window_start, year_start)
        if wordy is not None:
            month = MONTH_NAMES.get(wordy["month"].lower())
            if month is not None:
                return wordy.start(), year_end, year, month, int(wordy["d"])
    return None


def _numeric_order(first: int, second: int, separator: str, day_first: bool | None) -> tuple[int, int]:
    """(month, day) of a numeric date written first/second/year."""
    if first > 12:
        return second, first
    if second > 12:
        return first, second
    if day_first is None:
        day_first = separator != "/"
    return (second, first) if day_first else (first, second)


def _read_match(text: str, core: tuple[int, int, int, int, int], previous_end: int,
                fetched_at: datetime | None) -> DateMatch | None:
    start, end, year, month, day = core
    if not (MIN_YEAR <= year <= (fetched_at.year + 1 if fetched_at else MAX_YEAR)) or not _valid_day(year, month, day):
        return None
    hour = minute = second = offset = None
    zone_name = None
    timed = TIME_AFTER_PATTERN.match(text, end) or DOTTED_TIME_AFTER_PATTERN.match(text, end)
    if timed is None and not text.isascii():
        timed = CJK_TIME_AFTER_PATTERN.match(text, end)
    clock = _read_time(timed) if timed is not None else None
    if clock is not None:
        hour, minute, second = clock
        offset, zone_name = _read_zone(timed)
        end = timed.end()
    else:
        window_start = max(previous_end, start - 40)
        window = text[window_start:start]
        # (a time has a ':', '：' or 'h' between hour and minute)
        if ":" in window or "：" in window or "h" in window:
            before = TIME_BEFORE_PATTERN.search(text, window_start, start)
        else:
            before = None
        clock = _read_time(before) if before is not None else None
        if clock is not None:
            hour, minute, second = clock
            offset, zone_name = _read_zone(before)
            start = before.start()
    if hour is not None and offset is None and zone_name is None:
        zoned = ZONE_AFTER_PATTERN.match(text, end)
        if zoned is not None:
            offset, zone_name = _read_zone(zoned)
            end = zoned.end()
    match = DateMatch(year, month, day, hour, minute, second, offset, zone_name, start, end,
                      _cue_before(text, start, previous_end))
    if fetched_at is not None and not _not_after(match, fetched_at):
        return None
    return match


def _valid_day(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and day >= 1):
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day <= (29 if leap else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def _read_time(timed: re.Match) -> tuple[int, int, int | None] | None:
    """(hour, minute, second) of a time match on the 24-hour clock; None if impossible (25:00, 13 pm is 13)."""
    groups = timed.groupdict()
    hour, minute = int(groups["hour"]), int(groups["minute"])
    second = int(groups["second"]) if groups.get("second") else None
    ampm = (groups.get("ampm") or "").lower()[:1]
    daypart = groups.get("daypart")
    if ampm == "p" or daypart in ("下午", "午後", "오후", "晚上"):
        if hour < 12:
            hour += 12
    elif (ampm == "a" or daypart in ("上午", "午前", "오전", "凌晨")) and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return hour, minute, second


def _read_zone(timed: re.Match) -> tuple[int | None, str | None]:
    """(UTC offset in minutes, IANA zone) shown with a time, either or both None."""
    groups = timed.groupdict()
    if groups.get("zulu"):
        return 0, None
    if groups.get("offset"):
        return _parse_offset(groups["offset"]), None
    abbreviation = groups.get("zone")
    if not abbreviation:
        return None, None
    if abbreviation in ZONE_OFFSETS:
        return ZONE_OFFSETS[abbreviation], None
    return None, ZONE_NAMES.get(abbreviation)


def _parse_offset(text: str) -> int | None:
    digits = text.replace("GMT", "").replace("UTC", "").replace("−", "-").replace(":", "").strip()
    if digits == "Z":
        return 0
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-").strip()
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) >= 3 else (int(digits), 0)
    if hours > 14 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def _cue_before(text: str, start: int, previous_end: int) -> str | None:
    window = text[max(previous_end, start - 24):start].lower()
    if not window:
        return None
    if UPDATED_CUE.search(window):
        return "updated"
    if PUBLISHED_CUE.search(window):
        return "published"
    return None


def _not_after(match: DateMatch, fetched_at: datetime) -> bool:
    reference = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=timezone.utc)
    latest = (reference + FUTURE_SLACK).date()
    return (match.year, match.month, match.day) <= (latest.year, latest.month, latest.day)


def _find_relative(text: str, fetched_at: datetime) -> DateMatch | None:
    relative = RELATIVE_PATTERN.search(text)
    if relative is None:
        return None
    groups = relative.groupdict()
    number_text = next(groups[name] for name in groups if name.endswith("number") and groups[name])
    unit_text = next(groups[name] for name in groups if name.endswith("unit") and groups[name])
    number = _NUMBER_WORDS.get(number_text.lower()) or int(number_text)
    unit = RELATIVE_UNITS.get(unit_text) or RELATIVE_UNITS.get(unit_text.lower())
    if unit is None:
        return None
    keyword, has_time = unit
    reference = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=timezone.utc)
    moment = reference - timedelta(**{keyword: number})
    offset = reference.utcoffset()
    offset_minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if moment.year < MIN_YEAR:
        return None
    if not has_time:
        return DateMatch(moment.year, moment.month, moment.day, start=relative.start(), end=relative.end(), relative=True)
    return DateMatch(moment.year, moment.month, moment.day, moment.hour, moment.minute, None, offset_minutes, None,
                     relative.start(), relative.end(), relative=True)


def _find_short_year_date(text: str, fetched_at: datetime | None, day_first: bool | None) -> DateMatch | None:
    latest_year = fetched_at.year + 1 if fetched_at else MAX_YEAR
    for examined, short in enumerate(SHORT_YEAR_PATTERN.finditer(text)):
        if examined == 4:
            break
        year = 2000 + int(short["yy"])
        if year > latest_year:
            year -= 100
        month, day = _numeric_order(int(short["a"]), int(short["b"]), short["sep"], day_first)
        match = _read_match(text, (short.start(), short.end(), year, month, day), 0, fetched_at)
        if match is not None and match.hour is not None:
            return match
    return None


def _find_yearless_date(text: str, fetched_at: datetime) -> DateMatch | None:
    """'Nov 18', '13 Aug', 'Updated November 18 at 4:46 PM': a month name next to a day number."""
    reference = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=timezone.utc)
    latest = (reference + FUTURE_SLACK).date()
    for examined, number in enumerate(DAY_NUMBER_PATTERN.finditer(text)):
        if examined == 6:
            break
        day = int(number.group().rstrip("stndrhe"))
        span = _month_next_to(text, number.start(), number.end())
        if span is None or not 1 <= day <= 31:
            continue
        start, end, month = span
        year = latest.year if (month, day) <= (latest.month, latest.day) else latest.year - 1
        match = _read_match(text, (start, end, year, month, day), 0, fetched_at)
        if match is not None and _stands_apart(text, match):
            return replace(match, year_inferred=True)
    return None


def _stands_apart(text: str, match: DateMatch) -> bool:
    """A date without a year counts as a dateline ('Alessio Palumbo • Nov 18', 'Updated Nov 18 at 4:46 PM'),
    not inside a sentence ('Concerns About July 25 Call')."""
    before = text[:match.start].rstrip()
    after = text[match.end:].lstrip()
    before_ok = not before or before[-1] in DATELINE_SEPARATORS or match.cue is not None
    after_ok = not after or after[0] in DATELINE_SEPARATORS
    return before_ok and after_ok


def _month_next_to(text: str, number_start: int, number_end: int) -> tuple[int, int, int] | None:
    """(start, end, month) of 'Nov 18' / '18 Nov' / '18. November' / '18 de noviembre' around a day number."""
    before = text[max(0, number_start - 14):number_start]
    if before.endswith(" "):
        words = before[:-1].rsplit(" ", 1)
        word = words[-1]
        month = MONTH_NAMES.get(word.rstrip(".").lower())
        if month is not None and word[:1].isalpha():
            return number_start - 1 - len(word), number_end, month
    after = text[number_end:number_end + 16]
    offset = 1 if after.startswith(". ") else 0
    if after[offset:offset + 1] == " ":
        rest = after[offset + 1:]
        if rest.startswith("de "):
            rest, offset = rest[3:], offset + 3
        word = rest.split(" ", 1)[0].rstrip(".,")
        month = MONTH_NAMES.get(word.lower())
        if month is not None:
            return number_start, number_end + offset + 1 + len(word), month
    return None
