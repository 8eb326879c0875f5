"""Bylines and credits: who wrote, reported, edited or photographed a story, and which outlet it credits.

The header reader hands candidate lines (or blocks) to :func:`parse_byline` (captions go to
:func:`.credits.parse_photo_credit`). It is built for precision over recall: a line of body text
that happens to contain "by" or a colon must not come back as a byline, so a byline is read only

- after a *cue* that opens a segment of the line ("By", "Editor:", "Photo:", "记者", "编辑：",
  "Von", "Par", "Автор:" ... see :mod:`.cues`), before a Korean reporter
  suffix ("홍길동 기자"), or inside a trailing parenthesis of a longer block ("（记者 胡晓蓉）",
  "(Reporting by ...; Editing by ...)", "... province. (Xu Peiqin / For China Daily)");
- as names that look like names (:mod:`.names`): one to four capitalized tokens (particles such as van/de/bin,
  initials and hyphens allowed; all-caps names are title-cased), or two to four Han characters
  ("王 五" spaced out is one name), several joined by commas, "and", "、" and the like;
- when what follows the names is a separator, a date, an outlet ("..., Reuters", "| Fox News",
  "/ For China Daily"), or a few words of no consequence ("ECNS App Download"); a sentence going
  on after the "name" ("Image: Jose Mourinho, left, has replaced ...") is no byline.

"By Reuters" or "By The Associated Press" credits an outlet, not a person. An outlet with no cue
is taken as the credited source only next to a date at the edge of the line
("2018-01-11 09:27China Daily Editor: ...", "2003-7-24 钱江晚报"), and only when it looks like an
outlet: a known agency, a name ending in an outlet word ("Daily", "News", "日报", "网"), or a title
in 《》. Photo agencies (Getty Images, AP Photo) are part of a photo credit, never the story's source.

Every result carries its span in the text, so the caller can tell how much of a line it covers.
All patterns are bounded (linear time on untrusted text); cue and outlet words are data (``data/bylines.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.pipeline.segment import dates
from worker.pipeline.model import Contributor
from worker.pipeline.textfacts import HANGUL
from worker.pipeline.segment.names import (
    NOT_A_SOURCE,
    UNSPACED_OR_HANGUL,
    clean_outlet,
    is_cjk,
    is_cjk_name,
    is_outlet,
    leading_outlet,
    may_name_outlet,
    outlet_after_names,
    parse_latin_names,
)
from worker.pipeline.segment.names import CJK_NAME_SUFFIXES, parse_cjk_names
from worker.pipeline.segment.cues import (
    CJK_CUES_NEEDING_COLON,
    CJK_CUE_PATTERN,
    COLON_CUES,
    GLUED_CUE_WORD,
    TRAILING_PAREN,
    WORD_CUE_FIRST_WORDS,
    find_cues,
)
from worker.pipeline.segment.credits import TRAILING_WINDOW, credit_people, parse_photo_credit

MAX_BYLINE_CHARS = 160  # a byline line is short; longer blocks are only searched for a trailing credit
COPYRIGHT_OPENINGS = ("©", "Copyright", "COPYRIGHT", "copyright", "(c)", "(C)", "版权", "版權", "Ⓒ")  # '© 2019 by X' is no byline

# --------------------------------------------------------------------------------------------------
# Data (the vocabulary is in data/bylines.json; the names' and outlets' part is read by .names)
# --------------------------------------------------------------------------------------------------






# --------------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------------




# Separators between the segments of a byline line.
# A line this short that is only an author cue ("By", "Written By") names the next line's people.
MAX_BARE_CUE_CHARS = 20
AUTHOR_CUE_VERBS = frozenset(("written", "posted", "article", "story", "words", "text", "reported", "authored", "published"))
BARE_AUTHOR_CUES = frozenset(("by", "von", "por", "par", "di", "door", "oleh", "author", "authors", "autor", "auteur", "autore"))
SEGMENT_BREAK = re.compile(r"\s{2,}|\s?[|·•;]\s?|\s[—–-]\s|\u3000+|\t")


# An opening author cue glued to the name or followed by a colon: "ByDaryl Austin", "Written
# by:Elise Nass", "by: Ziyi Xu" (the cue tables know "By" and "Written by" before a space).
GLUED_OPENING_CUE = re.compile(r"^((?:[Ww]ritten |[Pp]osted )?(?:[Bb]y|BY))(?:\s*:\s*|(?=[A-Z][a-z]))(?=\S)")

# Patterns of the helpers below, compiled once.
LEADING_ARTICLE = re.compile(r"(?:The|THE|the)\s")
# A user name after a "user" cue (a forum's "Thread starter"): letters, digits and . _ @ -.
USER_NAME = re.compile(r"[^\W_][\w.@\-]{1,39}(?![\w.@\-])")
KOREAN_NAME_SEPARATOR = re.compile(r"[\s,、·]+")
SUFFIXED_BYLINE = re.compile(
    rf"\s{{0,3}}(?P<names>[{HANGUL}]{{2,4}}(?:[\s,、·]{{1,2}}[{HANGUL}]{{2,4}}){{0,3}})\s?(?P<suffix>기자|특파원)(?![{HANGUL}])"
)


@dataclass(slots=True)
class Byline:
    """The people and the outlet one line credits, and the span of the credit in that line."""

    contributors: list[Contributor] = field(default_factory=list)
    source: str | None = None  # credited outlet or agency ('China Daily', 'Reuters', '新华社')
    start: int = 0  # span of the byline within the text it was found in
    end: int = 0


# --------------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------------


def parse_byline(text: str) -> Byline | None:
    """Contributors and source credited in one line/block of text, or None if it is no byline."""
    if not text or text.startswith(COPYRIGHT_OPENINGS):
        return None
    glued = GLUED_OPENING_CUE.match(text)
    if glued is not None:
        # "ByDaryl Austin", "Written by:Elise Nass", "by: Ziyi Xu": read as "By Daryl Austin"; the
        # span is given back in the line's own characters.
        spaced = f"{glued.group(1)} {text[glued.end():]}"
        byline = parse_byline(spaced)
        if byline is not None:
            shift = len(spaced) - len(text)
            byline.start, byline.end = max(0, byline.start - shift) if byline.start else 0, max(0, byline.end - shift)
        return byline
    if len(text) > MAX_BYLINE_CHARS:
        return _trailing_parenthesis_byline(text)
    if not _could_be_byline(text):
        return None
    byline = _parse_segments(text)
    if byline is not None:
        _widen_to_brackets(text, byline)
    else:
        byline = _trailing_parenthesis_byline(text)
    if byline is None and len(text) <= 80:
        byline = _parenthesized_credit_line(text)
    return byline


def bare_author_cue(text: str) -> bool:
    """A line that is an author cue and nothing else ("By", "Written By", "Author:", "Von"): the
    names stand on the next line."""
    words = text.strip().rstrip(":：").casefold().split()
    return (
        0 < len(words) <= 3
        and len(text) <= MAX_BARE_CUE_CHARS
        and words[-1] in BARE_AUTHOR_CUES
        and all(word in AUTHOR_CUE_VERBS for word in words[:-1])  # not "Fact Checked By", "Photo by"
    )


def opens_with_cue(text: str) -> bool:
    """A cheap test for a byline line: the text opens with a cue ("By ...", "Editor: ...", "作者：").

    For callers that need to know where a page's byline lines are without reading them (reading is
    :func:`parse_byline`'s job, and costs more).
    """
    head = text[:40]
    first_word = head.split(" ", 1)[0]
    if first_word in WORD_CUE_FIRST_WORDS and " " in head:
        return True
    colon = head.find(":")
    if colon > 0:
        cue = head[:colon].rstrip()
        if (cue + ":") in COLON_CUES or (cue.isupper() and (cue.capitalize() + ":") in COLON_CUES):
            return True
    if head.isascii():
        return False
    cjk = CJK_CUE_PATTERN.match(head)
    return cjk is not None and (cjk.end() > cjk.end("cue") or cjk["cue"] not in CJK_CUES_NEEDING_COLON)


def _could_be_byline(text: str) -> bool:
    """A cheap test that most lines fail: no cue word, no colon (but a clock's), no CJK, no date, no
    bracket."""
    if not text.isascii() and UNSPACED_OR_HANGUL.search(text):
        return True  # CJK cues ("记者", "编辑：") and Korean suffixes ("기자") need no separator
    colon = text.find(":")
    while colon != -1:
        if not (0 < colon < len(text) - 1 and text[colon - 1].isdigit() and text[colon + 1].isdigit()):
            return True  # a colon that is not a clock's ('Editor:', not '8:03')
        colon = text.find(":", colon + 1)
    if not WORD_CUE_FIRST_WORDS.isdisjoint(text.split()):
        return True
    tail = text[-4:]
    if ")" in tail or "]" in tail or text[:1] in "([":
        return True
    if len(text) <= 100 and ("19" in text or "20" in text):
        return True
    return GLUED_CUE_WORD.search(text) is not None




# --------------------------------------------------------------------------------------------------
# Bylines: segments, cues, names
# --------------------------------------------------------------------------------------------------


def _parse_segments(text: str) -> Byline | None:
    cues = find_cues(text)
    if not cues:
        return _suffixed_names(text) or _dated_outlet(text)
    contributors: list[Contributor] = []
    source: str | None = None
    start = end = None
    for index, (cue_start, names_start, role) in enumerate(cues):
        scope_end = cues[index + 1][0] if index + 1 < len(cues) else len(text)
        parsed = _parse_names_after_cue(text, names_start, scope_end, role)
        if parsed is None:
            continue
        names, outlet, parsed_end = parsed
        if role == "source":
            if outlet and source is None:
                source = outlet
        else:
            contributors.extend(Contributor(name=name, role=name_role) for name, name_role in names)
            if outlet and source is None and role in ("author", "reporter"):
                source = outlet
        start = cue_start if start is None else start
        end = parsed_end
    if start is None:
        return None
    prefix_source, prefix_start = _outlet_before(text, cues[0][0])
    if prefix_source is not None:
        source = source or prefix_source
        start = min(start, prefix_start)
    if not contributors and source is None:
        return None
    return Byline(contributors=_unique(contributors), source=source, start=start, end=end)












def _parse_names_after_cue(text: str, start: int, end: int, role: str) -> tuple[list[tuple[str, str]], str | None, int] | None:
    """Names (with roles) and an outlet after a cue, and where they end; None if no byline follows."""
    scope = text[start:end]
    segment_break = SEGMENT_BREAK.search(scope)
    head = scope[: segment_break.start()] if segment_break else scope
    if role == "source":
        outlet = clean_outlet(head)
        return ([], outlet, start + len(head.rstrip())) if outlet else None
    if role == "user":  # a forum's "Thread starter jdoe42": a user name, one token of any case
        names, consumed = parse_latin_names(head)
        if len(names) == 1 and " " in names[0]:  # ... or a person's name ("Post by Jane Doe")
            return [(names[0], "author")], None, start + consumed
        user = USER_NAME.match(head)
        return ([(user.group(), "author")], None, start + user.end()) if user else None
    if is_cjk(head[:1]):
        return parse_cjk_names(text, start, end, role)
    names, consumed = parse_latin_names(head)
    if not names:
        return _outlet_as_author(head, start) if role in ("author", "reporter") else None
    rest = head[consumed:]
    outlet, rest_consumed = outlet_after_names(rest)
    consumed += rest_consumed
    if not _rest_is_harmless(head[consumed:]):
        return None
    end_in_text = start + len(head[:consumed].rstrip())
    if outlet is None and segment_break is not None and role in ("author", "reporter"):
        # "By JANE DOE | Associated Press": an outlet alone in the next segment
        following = scope[segment_break.end():]
        next_break = SEGMENT_BREAK.search(following)
        next_segment = (following[: next_break.start()] if next_break else following).strip()
        if is_outlet(next_segment):
            outlet = next_segment
            end_in_text = start + segment_break.end() + following.find(next_segment) + len(next_segment)
    if role == "photographer":
        outlet = None  # the agency of a photo credit is not the story's source
    return [(name, role) for name in names], outlet, end_in_text


def _outlet_as_author(head: str, start: int) -> tuple[list[tuple[str, str]], str | None, int] | None:
    """'By The Associated Press', 'By Reuters', 'By JERUSALEM POST STAFF': an outlet, no person."""
    article = LEADING_ARTICLE.match(head)
    offset = article.end() if article else 0
    outlet = leading_outlet(head[offset:])
    if outlet is None:
        return None
    consumed = offset + len(outlet)
    rest = head[consumed:].strip()
    if rest.lower() in ("staff", "staff reports", "staff report", "wire", "wire service", "reports"):
        rest = ""
    if not _rest_is_harmless(rest):
        return None
    return [], outlet, start + consumed






















def _rest_is_harmless(rest: str) -> bool:
    """Whether what follows the names leaves this a byline (not a sentence that goes on)."""
    rest = rest.strip(" ,.:-–—/|")
    if not rest:
        return True
    date = dates.find_date(rest)
    if date is not None:
        before = rest[: date.start].split()
        return len(before) <= 3
    words = rest.split()
    if rest.startswith(("@", "(")):
        return True
    if words[0] in ("in", "at", "en", "em", "a", "à", "aus", "from") and len(words) <= 4:
        return True  # "Reporting by X in London"
    # page furniture glued to the byline ("ECNS App Download"): a few capitalized words
    return len(words) <= 4 and all(word[0].isupper() or not word[0].isalpha() for word in words)








def _outlet_before(text: str, cue_start: int) -> tuple[str | None, int]:
    """An outlet between the start of the line (or a leading date) and the first cue ('China Daily Editor:')."""
    prefix = text[:cue_start]
    if not prefix.strip():
        return None, cue_start
    offset = 0
    date = dates.find_date(prefix)
    if date is not None and not prefix[: date.start].strip(" \u3000[(【"):
        offset = date.end
    candidate = prefix[offset:].strip(" \u3000,|·-–—:：□■●◆")
    if not candidate or ":" in candidate or "：" in candidate or SEGMENT_BREAK.search(candidate) or candidate in NOT_A_SOURCE:
        return None, cue_start
    candidate_start = text.find(candidate, offset)
    if is_outlet(candidate) or is_outlet(candidate.strip("《》[]【】 ")):
        return candidate.strip("[]【】 "), candidate_start
    return None, cue_start


def _suffixed_names(text: str) -> Byline | None:
    """'홍길동 기자', '김철수·이영희 기자': Korean names before the reporter word."""
    if text.isascii():
        return None
    suffixed = SUFFIXED_BYLINE.match(text)
    if suffixed is None:
        return None
    names = [name for name in KOREAN_NAME_SEPARATOR.split(suffixed["names"]) if name]
    if not all(is_cjk_name(name) for name in names):
        return None
    role = CJK_NAME_SUFFIXES[suffixed["suffix"]]
    return Byline(contributors=[Contributor(name=name, role=role) for name in names],
                  start=suffixed.start("names"), end=suffixed.end())




def _dated_outlet(text: str) -> Byline | None:
    """'2003-7-24 钱江晚报', 'Reuters November 18, 2019': an outlet next to a date, at the line's edge."""
    if len(text) > 100 or not ("19" in text or "20" in text) or not may_name_outlet(text):
        return None
    date = dates.find_date(text)
    if date is None:
        return None
    before = text[: date.start].strip(" \u3000,|·-–—/")
    after = text[date.end:].strip(" \u3000,|·-–—/")
    for candidate, is_before in ((after, False), (before, True)):
        if not candidate:
            continue
        head = SEGMENT_BREAK.split(candidate)[-1 if is_before else 0].strip().rstrip(".")
        if is_outlet(head) or (head.startswith("《") and head.endswith("》")):
            start = text.find(head)
            return Byline(source=head.strip("《》") if head.startswith("《") else head, start=start, end=start + len(head))
    return None




def _trailing_parenthesis_byline(text: str) -> Byline | None:
    """'...（记者 胡晓蓉）', '(Reporting by X; Editing by Y)' at the end of a block."""
    tail = text[-4:]
    if ")" not in tail and "）" not in tail and "]" not in tail and "】" not in tail:
        return None
    paren = TRAILING_PAREN.search(text, max(0, len(text) - TRAILING_WINDOW))
    if paren is None:
        return None
    inner_start = paren.start("inner")
    inner = paren["inner"]
    byline = _parse_segments(inner)
    if byline is None or not byline.contributors:
        photographers = credit_people(inner.strip())  # '... province. (Xu Peiqin / For China Daily)'
        if photographers:
            return Byline(contributors=photographers, start=paren.start(), end=paren.end())
        return None
    return Byline(contributors=byline.contributors, source=byline.source,
                  start=paren.start(), end=paren.end() if byline.end >= len(inner.rstrip()) - 1 else inner_start + byline.end)


def _widen_to_brackets(text: str, byline: Byline) -> None:
    """'（记者 胡晓蓉）': a byline alone in brackets spans the brackets too."""
    before = text[:byline.start].rstrip()
    after = text[byline.end:].lstrip()
    if before[-1:] in ("(", "（", "[", "【") and after[:1] in (")", "）", "]", "】"):
        byline.start = len(before) - 1
        byline.end = len(text) - len(after) + 1


def _parenthesized_credit_line(text: str) -> Byline | None:
    """A line that is only a photo credit: '(Xu Peiqin / For China Daily)'."""
    stripped = text.strip()
    if not stripped.startswith(("(", "（")):
        return None
    credit = parse_photo_credit(stripped)
    if credit is None or credit[0] or not credit[2]:
        return None
    return Byline(contributors=credit[2], start=text.find(stripped), end=text.find(stripped) + len(stripped))


# --------------------------------------------------------------------------------------------------
# Photo credits
# --------------------------------------------------------------------------------------------------










# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------




def _unique(contributors: list[Contributor]) -> list[Contributor]:
    seen: set[tuple[str, str]] = set()
    unique: list[Contributor] = []
    for contributor in contributors:
        key = (contributor.name, contributor.role)
        if key not in seen:
            seen.add(key)
            unique.append(contributor)
    return unique
