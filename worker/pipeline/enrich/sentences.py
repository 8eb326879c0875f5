"""Sentence splitting: one paragraph in, its sentences (with offsets into the paragraph) out.

Every sentence is a substring of the paragraph (``paragraph[start:end] == text``), stripped of
surrounding white space, in order and non-overlapping; together they cover every non-space
character. Nothing is rewritten, so offsets stay exact.

The splitter is rule-based and built for speed (it runs on every paragraph of every page):

1. One regex pass finds *candidates*: a run of terminal punctuation (``. ! ? … 。 ！ ？ । ۔ ؟ ። ။``,
   plus ``;`` in Greek and ``:``/``։`` in Armenian) with the closing quotes, brackets and
   ``[12]``-style footnote marks that belong to it.
2. Each candidate is judged from a little context, as a careful reader would:

   - a lower-case word after the punctuation continues the sentence (``Yahoo! in``, ``co. at``);
   - digits inside a token never split (``1.49``, ``$66.5``, ``jane.doe@example.com``);
   - after a *title* (``Mr.``, ``Dr.``, ``Gen.``, ``z.``) we never split; after an abbreviation
     that may end a sentence (``Inc.``, ``U.S.``, ``etc.``) or an initial (``E.``) we split only
     when the next word is a typical sentence starter (``The``, ``He``, ``How``);
     the lists are data (``data/sentences_abbreviations.json``), per language;
   - ellipses follow the typographic conventions (``. . .`` is an omission, four dots end a
     sentence, ``[...]`` never does);
   - CJK and other full stops end a sentence whatever follows, except inside title brackets
     (``《摔跤吧！爸爸》``) or before a Japanese quotative particle (``「…。」と``);
   - text inside a matched pair of quotes or brackets (up to MAX_PROTECTED_SPAN characters) is
     not split: ``"We lost. We will be back," he said.`` stays whole, as in the golden rules;
   - an attribution after a quoted question does not start a sentence (``"Why?" Schiff asked.``);
   - a lost space is repaired in reading only (``Tuesday.Mr. Smith``, but not ``www.site.Com``).

3. A few structural boundaries need no punctuation: inline enumerations (``1. … 2. …``,
   ``a) … b) …``; only when the markers count up), bullets (``•``), and line breaks that start a
   capitalised line.

Every regex is a simple character class or a bounded sequence, and every look-around is bounded,
so a paragraph costs time linear in its length. Most paragraphs (one sentence, no structure) are
answered after a single regex search; in the others, the cheap verdicts are taken inline and the
text is searched for quotes and brackets only where a boundary could lie inside them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from worker.pipeline.enrich.spans import (
    CLOSERS,
    HARD_STOPS,
    LATIN_STOPS,
    OPENERS,
    has_bullet,
    is_protected,
    list_item_starts,
    protected_spans,
    quote_pattern,
    structural_boundaries,
)
from worker.pipeline.model import Sentence
from worker.pipeline.textfacts import HIRAGANA, SCRIPT_LETTER, is_unspaced_char, load_json


# Extra full stops of some languages: the Greek question mark is ';', Armenian uses ':' / '։'.
EXTRA_STOPS = {"el": ";;", "hy": ":։"}
DASHES = "-‐‑‒–—―"


def _candidate_pattern(extra_stops: str, ascii_text: bool = False) -> re.Pattern[str]:
    """The candidates' regex; with ``ascii_text``, the same regex for ASCII text only, without the
    non-ASCII characters, which they cannot contain (a small character class is scanned for much
    faster)."""
    stops, closers = LATIN_STOPS + HARD_STOPS + extra_stops, CLOSERS
    guillemet_after_space = r"(?: [»”](?=\s|$))?"
    if ascii_text:
        stops, closers = _ascii(stops), _ascii(closers)
        guillemet_after_space = ""
    stops, closers = re.escape(stops), re.escape(closers)
    return re.compile(
        rf"(?P<stop>[{stops}](?:(?: \.){{2,8}}|[{stops}]*))"
        rf"(?P<close>(?:[{closers}]|\[\d{{1,3}}\])*{guillemet_after_space})"
    )


def _ascii(characters: str) -> str:
    return "".join(c for c in characters if c.isascii())


CANDIDATES = {lang: _candidate_pattern(stops) for lang, stops in EXTRA_STOPS.items()}
DEFAULT_CANDIDATES = _candidate_pattern("")
ASCII_CANDIDATES = {lang: _candidate_pattern(stops, ascii_text=True) for lang, stops in EXTRA_STOPS.items()}
DEFAULT_ASCII_CANDIDATES = _candidate_pattern("", ascii_text=True)

WORD_EDGE = OPENERS + CLOSERS + DASHES
DIGIT = re.compile(r"\d")
LETTERS = re.compile(r"[^\W\d_]+")
ATTRIBUTION = re.compile(r"((?:[A-Z][\w'’.-]{0,30} ){1,3})([a-z]{2,12})\b")
# A list marker standing alone: 1.  2)  (a)  iv.  Q.
MARKER_ONLY = re.compile(r"[\s•‣⁃◦▪▫●■►▸]*\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})(?:\.\)|[.)])?\)?")
HIRAGANA_CHAR = re.compile(f"[{HIRAGANA}]")
ARMENIAN_LETTER = SCRIPT_LETTER["armenian"]
GREEK_LETTER = SCRIPT_LETTER["greek"]
ROMAN_NUMERAL = re.compile(r"[IVXLC]{1,6}")
CONTINUATION_PUNCT = set(",，、;；:：)）」』”»]】〕" + CLOSERS)


@dataclass(slots=True, frozen=True)
class LanguageRules:
    titles: frozenset[str]
    abbreviations: frozenset[str]
    starters: frozenset[str]
    speech_verbs: frozenset[str]
    ordinal_dot: bool
    candidates: re.Pattern[str]
    ascii_candidates: re.Pattern[str]  # the same, for ASCII text
    short_forms: frozenset[str] = frozenset()  # titles and abbreviations

    def __post_init__(self) -> None:
        object.__setattr__(self, "short_forms", self.titles | self.abbreviations)


def _load_rules() -> tuple[dict[str, LanguageRules], LanguageRules]:
    data = load_json("sentences_abbreviations.json")
    common, english = data["common"], data["en"]
    ordinal = set(data["ordinal_dot"])
    rules = {}
    for lang, entry in data.items():
        if lang.startswith("_") or lang in ("common", "ordinal_dot"):
            continue
        rules[lang] = LanguageRules(
            titles=frozenset(common["titles"] + entry.get("titles", [])),
            abbreviations=frozenset(common["abbreviations"] + entry.get("abbreviations", [])),
            starters=frozenset(english["starters"] + entry.get("starters", [])),
            speech_verbs=frozenset(english["speech_verbs"] + entry.get("speech_verbs", [])),
            ordinal_dot=lang in ordinal,
            candidates=CANDIDATES.get(lang, DEFAULT_CANDIDATES),
            ascii_candidates=ASCII_CANDIDATES.get(lang, DEFAULT_ASCII_CANDIDATES),
        )
    for lang in EXTRA_STOPS:
        rules.setdefault(lang, LanguageRules(
            titles=frozenset(common["titles"]), abbreviations=frozenset(common["abbreviations"]),
            starters=frozenset(english["starters"]), speech_verbs=frozenset(english["speech_verbs"]),
            ordinal_dot=False, candidates=CANDIDATES[lang], ascii_candidates=ASCII_CANDIDATES[lang]))
    return rules, rules["en"]


RULES_BY_LANGUAGE, DEFAULT_RULES = _load_rules()


def rules_for(language: str | None, text: str = "") -> LanguageRules:
    """The rules of ``language`` (ISO 639-1, any region suffix ignored); English-like otherwise.
    Without a language, Armenian or Greek script in ``text`` selects those languages' full stops."""
    rules = RULES_BY_LANGUAGE.get(language) if language else None
    if rules:
        return rules
    if not language:
        if not text.isascii():
            if ARMENIAN_LETTER.search(text):
                return RULES_BY_LANGUAGE["hy"]
            if GREEK_LETTER.search(text):
                return RULES_BY_LANGUAGE["el"]
        return DEFAULT_RULES
    return RULES_BY_LANGUAGE.get(language[:2].lower(), DEFAULT_RULES)


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split one paragraph into sentences; see the module docstring."""
    rules = RULES_BY_LANGUAGE.get(language) if language else None
    if rules is None:
        rules = rules_for(language, text)
    candidates = rules.ascii_candidates if text.isascii() else rules.candidates
    first = candidates.search(text)
    lists_checked = ")" in text and text.count(") ") >= 2  # '1) … 2) …', '(a) … (b) …' need no full stop
    # no line break, inline list or bullet can start a sentence here
    unstructured = not lists_checked and "\n" not in text and (text.isascii() or not has_bullet(text))
    if unstructured and (first is None or first.end() >= len(text)):  # the common one-sentence paragraph
        if text and not text[0].isspace() and not text[-1].isspace():
            return [Sentence(text, 0, len(text))]
        return _slice(text, [])
    structural = [] if unstructured else structural_boundaries(text, lists_checked)
    ends, saw_marker = _candidate_ends(text, rules, structural, first.start() if first else len(text))
    if saw_marker and not lists_checked:  # '1. The first item 2. The second': look for a list
        items = list_item_starts(text)
        if items:
            structural = sorted(set(structural).union(items))
            ends, _ = _candidate_ends(text, rules, structural)
    if structural:
        ends = sorted(set(ends).union(structural))
    return _slice(text, ends)


def _candidate_ends(text: str, rules: LanguageRules, structural: list[int], first: int = 0) -> tuple[list[int], bool]:
    """Ends of the sentences that punctuation closes (looking from ``first``, where the first
    candidate is), and whether a '1.'-like marker was seen.

    The cheap verdicts (a lower-case word follows, a decimal, a period before a capital) are
    taken inline: this loop runs for every candidate of every paragraph."""
    n = len(text)
    ends: list[int] = []
    last_end = 0
    protected = None
    first_quote = -1  # the first quote/bracket of the text, -1 while none is found before quote_searched
    quote_searched = 0
    next_quote = next_quote_from = -1  # the first quote/bracket at or after next_quote_from (n: none)
    saw_marker = False
    quotes = None  # the pattern of the quotes/brackets that can delimit a protected span, once needed
    candidates = rules.ascii_candidates if text.isascii() else rules.candidates
    for match in candidates.finditer(text, first):
        stop_start, end = match.span()
        if end >= n:
            break
        following = text[end]
        if following == " ":
            ch = text[end + 1] if end + 1 < n else ""
            if ch.islower() and not text[end + 2:end + 3].isupper():
                continue  # a lower-case word continues the sentence (any kind of stop)
            period = text[stop_start] == "."
            if period and not saw_marker and (
                    stop_start < 2 or text[stop_start - 1].isdigit() or not text[stop_start - 2].isalpha()):
                saw_marker = _ends_list_marker(text, stop_start)
            if ch.isupper() and period and match.end(1) == stop_start + 1:  # '. A' (group 1: the stop)
                if not _period_ends_sentence(text, stop_start, end + 1, rules):
                    continue
                boundary = end
            else:
                boundary = _judge(text, match, rules)
                if boundary is None:
                    continue
        else:
            if following.isdigit() and text[stop_start - 1].isdigit():
                continue  # 1.49, 27.10.14
            if not saw_marker and following.isspace():
                saw_marker = _ends_list_marker(text, stop_start)
            boundary = _judge(text, match, rules)
            if boundary is None:
                continue
        # A quote or bracket can enclose the candidate only if one stands before it and one at or
        # after the boundary (every protected span closes on a quote or bracket). The text is
        # searched for them only as far as the candidates need.
        if first_quote < 0 and quote_searched < stop_start:
            if quotes is None:
                quotes = quote_pattern(text)
            quote = quotes.search(text, quote_searched, stop_start)
            if quote is None:
                quote_searched = stop_start
            else:
                first_quote = quote.start()
        if 0 <= first_quote < stop_start:
            if not next_quote_from <= boundary <= next_quote:
                quote = quotes.search(text, boundary)
                next_quote, next_quote_from = (quote.start() if quote else n), boundary
            if next_quote < n:
                if protected is None:
                    protected = protected_spans(text, quotes)
                if protected and is_protected(protected, stop_start, boundary):
                    continue
        if boundary - last_end <= 12 or structural:  # short enough to be a list marker alone
            sentence_start = last_end
            if structural:
                i = bisect_right(structural, stop_start)
                if i:
                    sentence_start = max(sentence_start, structural[i - 1])
            if boundary - sentence_start <= 12 and MARKER_ONLY.fullmatch(text[sentence_start:boundary].strip()):
                continue  # '1.' / 'a.' / 'Q.' opens a list item, it does not end a sentence
        ends.append(boundary)
        last_end = boundary
    return ends, saw_marker


def _ends_list_marker(text: str, stop_start: int) -> bool:
    """Is the '.' at stop_start the end of a '1.'/'a.'-like token?"""
    if text[stop_start] != "." or not (stop_start < 2 or text[stop_start - 1].isdigit() or not text[stop_start - 2].isalpha()):
        return False  # the usual case: a word of two or more letters
    token_start = text.rfind(" ", stop_start - 5 if stop_start > 5 else 0, stop_start) + 1
    return stop_start - token_start <= 4 and MARKER_ONLY.fullmatch(text, token_start, stop_start) is not None


def _slice(text: str, ends: list[int]) -> list[Sentence]:
    """The sentences between consecutive ends, without their surrounding white space."""
    n = len(text)
    if not ends and n and not text[0].isspace() and not text[-1].isspace():
        return [Sentence(text, 0, n)]
    out = []
    start = 0
    for end in (*ends, n):
        if end <= start:
            continue
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            out.append(Sentence(text[start:stop], start, stop))
        start = end
    return out


# --- judging one candidate -------------------------------------------------------------------


def _judge(text: str, match: re.Match[str], rules: LanguageRules) -> int | None:
    """Where the sentence ends if this candidate is a boundary, else None."""
    stop = match.group("stop")
    end = match.end()
    n = len(text)
    following = text[end]
    if stop == "." and following == " " and end + 1 < n:  # the common case, decided quickly
        ch = text[end + 1]
        if ch.isupper():
            return end if _period_ends_sentence(text, match.start(), end + 1, rules) else None
        if ch.islower() and not (end + 2 < n and text[end + 2].isupper()):
            return None
    stop_start = match.start()
    if stop[-1] in HARD_STOPS or stop[0] in HARD_STOPS:
        return _judge_hard_stop(text, match)
    if stop[0] in ":;։;":  # Armenian / Greek full stops: need a space after them
        if not following.isspace():
            return None
        nxt = _next_visible(text, end)
        return None if nxt is None or _is_lower(text, nxt) else end
    if not following.isspace():
        if _is_cjk(following) and stop[0] != ".":
            return end
        if stop == ".":
            return _judge_glued_period(text, stop_start, end)
        return None
    k = _next_visible(text, end)
    if k is None:
        return None
    ch = text[k]
    if ch in DASHES:  # 'voila! -- you' continues, 'see? - Posted' starts anew
        j = k
        while j < n and (text[j] in DASHES or text[j] == " "):
            j += 1
        if not (j < n and text[j].isalpha() and not _is_lower(text, j)):
            return None
        if stop == ".":
            return end if _period_ends_sentence(text, stop_start, j, rules) else None
        return end
    if _is_lower(text, k):
        return None
    if not (ch.isalnum()):
        # '...en toen' after a full stop begins a sentence; other symbols ('№', ',,') do not
        if stop == "." and (ch == "…" or text.startswith("...", k)):
            return end
        return None
    if "!" in stop or "?" in stop or stop[0] in "‼⁇⁈⁉":
        if match.group("close") and _attribution_follows(text, k, rules):
            return None  # '"Why?" Smith asked.'
        return end
    if stop[0] == "." and " " in stop:
        return _judge_spaced_ellipsis(text, stop_start, end, stop, ch)
    if stop == "…" or stop == "...":
        if stop_start and text[stop_start - 1] in "[(":
            return None  # '[...]' marks an omission
        return end if ch.isalpha() else None
    if stop == ".":
        return end if _period_ends_sentence(text, stop_start, k, rules) else None
    return end  # '..', '....': an abbreviation or ellipsis plus the sentence's own period


def _attribution_follows(text: str, k: int, rules: LanguageRules) -> bool:
    """Do up to three capitalised words and a speech verb ('Schiff asked') follow position k?"""
    words = ATTRIBUTION.match(text, k)
    return (words is not None and words.group(2) in rules.speech_verbs
            and _next_word(text, k) not in rules.starters)  # '"Why?" The Senate said no.' is two


def _judge_hard_stop(text: str, match: re.Match[str]) -> int | None:
    stop = match.group("stop")
    stop_start, end = match.start(), match.end()
    if stop == "．" and stop_start and text[stop_start - 1].isdigit() and text[end].isdigit():
        return None  # full-width decimal point: ３．２９
    k = _next_visible(text, end)
    if k is None:
        return None
    ch = text[k]
    if ch in CONTINUATION_PUNCT or _is_lower(text, k):
        return None
    if match.group("close") and HIRAGANA_CHAR.match(ch):
        return None  # 「…。」と言った: the quote is part of the sentence
    return end


def _judge_glued_period(text: str, stop_start: int, end: int) -> int | None:
    """'Tuesday.Mr. Smith', 'word.XVIII' (a lost space) or 'consultation.11 12 Take' (footnotes)."""
    n = len(text)
    if stop_start < 2:
        return None
    before, before2, nxt = text[stop_start - 1], text[stop_start - 2], text[end]
    word_before = (before.islower() and before2.isalpha()) or (before.isdigit() and before2.isdigit())
    if nxt.isdigit() and ((before.isalpha() and before2.isalpha()) or before == ")"):
        j = end
        while j < n and j - end < 12 and (text[j].isdigit() or text[j] in " ,–-"):
            j += 1
        k = j
        while k > end and not text[k - 1].isdigit():
            k -= 1
        if j < n and text[j - 1] == " " and text[j].isupper():
            return k
        return None
    if not (word_before and nxt.isupper() and end + 1 < n):
        return None
    j = end + 1
    while j < n and text[j].isupper():
        j += 1
    if not (j < n and ((j == end + 1 and text[j].islower()) or text[j].isspace())):
        return None
    lowest, highest = max(0, stop_start - 60), min(n, end + 60)  # URLs/addresses are read near the period
    token_start = text.rfind(" ", lowest, stop_start) + 1 or lowest
    token_end = text.find(" ", end, highest)
    token = text[token_start:token_end if token_end >= 0 else highest]
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return None
    rest = LETTERS.match(text, end)
    if rest and text.startswith(".", rest.end()) and rest.end() + 1 < n and text[rest.end() + 1].islower():
        return None  # 'testurl.Awesome.com': a host name
    return end


def _judge_spaced_ellipsis(text: str, stop_start: int, end: int, stop: str, ch: str) -> int | None:
    """'. . .' is an omission; 'word. . . .' is a period then an omission; '. . . .' ends."""
    dots = stop.count(".")
    if dots < 4 or not ch.isalpha():
        return None
    attached = stop_start > 0 and not text[stop_start - 1].isspace()
    return stop_start + 1 if attached else end


def _period_ends_sentence(text: str, stop_start: int, k: int, rules: LanguageRules) -> bool:
    """Does the '.' at stop_start end a sentence, given that the next visible character (at k) is
    a capital, a caseless letter or a digit?"""
    word = _word_before(text, stop_start)
    if not word:
        return True
    lower = word.lower()
    if lower not in rules.short_forms and len(word) > 1 and word.isalpha() and not rules.ordinal_dot:
        return True  # the usual case, a plain word: '... said. The'
    next_is_digit = text[k].isdigit()
    if lower in rules.titles:
        return False
    if next_is_digit:
        if lower in rules.abbreviations or (len(word) == 1 and word.isalpha()):
            return False  # 'No. 5', 'p. 55', 'Jan. 20'
        return True
    if not word.isalpha() and DIGIT.search(word):
        if rules.ordinal_dot and word.isdigit() and len(word) <= 3:
            return _next_word(text, k) in rules.starters  # 'am 12. Juni'
        return True
    if len(word) == 1 or "." in word or lower in rules.abbreviations:
        # initials (E. Smith), initialisms (U.S. Government), abbreviations (Co. It closed)
        if lower in ("a.m", "p.m"):
            return True
        next_word = _next_word(text, k)
        if len(next_word) == 1 and text.startswith(".", k + 1):
            return False  # a chain of initials: А. И. Семенов, z. B.
        return next_word in rules.starters
    if rules.ordinal_dot and ROMAN_NUMERAL.fullmatch(word):
        return _next_word(text, k) in rules.starters  # 'XII. Pluku'
    return True


def _word_before(text: str, stop_start: int) -> str:
    """The token before a period, without quotes/brackets around it or an elided article."""
    lowest = stop_start - 40 if stop_start > 40 else 0  # longer tokens are no abbreviations
    token = text[text.rfind(" ", lowest, stop_start) + 1:stop_start]
    if "\n" in token or "\t" in token:
        token = token.split()[-1] if token.strip() else ""
    # (stripping with a long list of characters is slow; a word usually has none to strip)
    word = token if token[:1].isalnum() and token[-1:].isalnum() else token.strip(WORD_EDGE)
    if "'" in word or "’" in word:
        apostrophe = max(word.rfind("'"), word.rfind("’"))
        if 0 < apostrophe <= 4 and apostrophe < len(word) - 1:
            word = word[apostrophe + 1:]  # l'Ing. -> Ing
    return word


def _next_word(text: str, k: int) -> str:
    match = LETTERS.match(text, k)
    return match.group() if match else ""


def _next_visible(text: str, i: int) -> int | None:
    """Index of the first character after white space and opening quotes/brackets, or None."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    while i < n and text[i] in OPENERS:
        i += 1
    return i if i < n else None


def _is_lower(text: str, i: int) -> bool:
    """A lower-case letter that starts a word (not 'iPhone'/'eBay', which behave like names)."""
    if not text[i].islower():
        return False
    return not (i + 1 < len(text) and text[i + 1].isupper())


def _is_cjk(ch: str) -> bool:
    return is_unspaced_char(ch)


# --- quotes and brackets ---------------------------------------------------------------------












# --- boundaries that need no punctuation ------------------------------------------------------












