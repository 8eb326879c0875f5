"""Photo credits: who took a picture, and the caption it belongs to.

Page text shows credits as "Photo: Damian Dovarganes, AP", "Workers at a store. (Xu Peiqin / For
China Daily)", "Name/Getty Images" or "张三 摄". :func:`parse_photo_credit` splits a caption from
its credit and reads the photographers (agencies such as Getty Images or AP Photo are part of the
credit, never people); :mod:`.captions` decides where to ask.
"""

from __future__ import annotations

import re

from worker.pipeline.model import Contributor
from worker.pipeline.segment.cues import (
    CJK_CUE_PATTERN,
    CREDIT_CUE,
    MAX_TRAILING_CREDIT_CHARS,
    PHOTO_CUE_AT_END,
    PHOTO_WORD,
    TRAILING_PAREN,
)
from worker.pipeline.segment.names import (
    AGENCY_NAMES,
    CREDENTIALS,
    KNOWN_OUTLETS,
    PHOTO_AGENCIES,
    is_cjk,
    is_organization,
    is_outlet,
    parse_latin_names,
)
from worker.pipeline.segment.names import parse_cjk_names

TRAILING_WINDOW = MAX_TRAILING_CREDIT_CHARS + 12  # a trailing credit is looked for in this many last characters
CREDIT_POSITION_WORDS = re.compile(r",?\s(?:left|right|center|centre|top|bottom|above|below|from left|l|r)(?=,|\s(?:and|&)\s|\s?/|\s?$)")
CREDIT_SLASH = re.compile(r"\s?/\s?")
SENTENCE_STOP = re.compile(r"[.!?”\"]")


def parse_photo_credit(text: str) -> tuple[str, str, list[Contributor]] | None:
    """Split a caption into (caption text, credit, photographers), or None if it ends with no credit.

    Credits are a trailing parenthesis ("... province. (Xu Peiqin / For China Daily)",
    "(AP Photo/Evan Vucci)", "（新华社记者 张三 摄）"), a trailing cue ("Photo: X/Getty Images",
    "...treatmentCredit: EPA", "图片来源：视觉中国"), or a trailing "Name / Agency" after the last
    sentence. A caption that is only a credit gives an empty caption text.
    """
    if not text or len(text) > 2000:
        return None
    ending = text[-4:]
    paren = None
    if ")" in ending or "）" in ending or "]" in ending or "】" in ending:
        paren = TRAILING_PAREN.search(text, max(0, len(text) - TRAILING_WINDOW))
    if paren is not None:
        credit = paren["inner"].strip()
        people = credit_people(credit)
        if people is not None:
            return text[: paren.start()].rstrip(), credit, people
    tail_start = max(0, len(text) - MAX_TRAILING_CREDIT_CHARS - 25)
    tail = text[tail_start:]
    cue = PHOTO_CUE_AT_END.search(text, tail_start) if PHOTO_WORD.search(tail) else None
    if cue is not None:
        credit = cue["credit"].strip().rstrip(".")
        if credit and _looks_like_credit_body(credit):
            people = credit_people(credit, cued=True) or []
            return text[: cue.start()].rstrip(), credit, people
    glued = _trailing_name_slash_agency(text)
    if glued is not None:
        return glued
    return None


def credit_people(credit: str, cued: bool = False) -> list[Contributor] | None:
    """Photographers named in a credit string; None if the string is no credit at all."""
    credit = credit.strip()
    cue = CREDIT_CUE.match(credit)
    if cue is not None and cue.end() > 0:
        rest = credit[cue.end():]
        if cue.group().startswith(("AP ", "AFP ", "Reuters ", "EPA ")) and rest.startswith("/"):
            rest = rest[1:]
        cued = True
    else:
        rest = credit
    if is_cjk(rest[:1]) or "摄" in rest:
        return _cjk_credit_people(rest, cued)
    if not cued and "/" not in rest and not is_organization(rest) and rest not in PHOTO_AGENCIES:
        return None  # '(Turbo)', '(left)': a parenthesis, not a credit
    rest = CREDIT_POSITION_WORDS.sub("", rest)  # 'Richard Shotwell, left, and Mark Von Holden'
    parts = [part.strip() for part in CREDIT_SLASH.split(rest, maxsplit=3) if part.strip()]
    if not parts:
        return None
    people: list[Contributor] = []
    agency_seen = False
    for part in parts:
        bare = part[4:] if part.lower().startswith("for ") else part
        if cued and any(" " in person.name for person in people):
            agency_seen = True  # "Photo: Mark Von Holden/Invision/AP": after a full name, agencies
            continue
        if is_organization(bare) or bare.rstrip(".") in PHOTO_AGENCIES or bare.split(",")[0] in PHOTO_AGENCIES \
                or bare.split()[0] in PHOTO_AGENCIES:  # "AP file", "Getty Images for Netflix"
            agency_seen = True
            continue
        names, consumed = parse_latin_names(part)
        tail = part[consumed:].strip(" ,")
        if names and (not tail or is_outlet(tail) or tail in PHOTO_AGENCIES or tail.split(",")[0].strip() in ("STF", "Staff") or tail.rstrip(".") in CREDENTIALS):
            people.extend(Contributor(name=name, role="photographer") for name in names)
        elif not cued:
            return None
    if not cued:
        # '(Logout / Ubah)': without a photo word, a credit needs an agency and full names
        if not agency_seen:
            return None
        people = [person for person in people if " " in person.name]
    if people or agency_seen or cued:
        return people
    return None


def _cjk_credit_people(rest: str, cued: bool = False) -> list[Contributor] | None:
    """'新华社记者 张三 摄', '张三/摄', '视觉中国': photographers of a CJK credit ([] for an agency)."""
    if is_outlet(rest.strip()) or rest.strip() in PHOTO_AGENCIES:
        return []
    match = CJK_CUE_PATTERN.search(rest, 0, 12)
    if match is None and not cued and not rest.rstrip().endswith(("摄", "攝")):
        return None  # '(摘自《...》)', '(代码查询)': a parenthesis, not a credit
    start = match.end() if match else 0
    parsed = parse_cjk_names(rest, start, len(rest), "photographer")
    if parsed is None:
        return None
    return [Contributor(name=name, role="photographer") for name, _ in parsed[0] if not is_outlet(name)]


def _looks_like_credit_body(credit: str) -> bool:
    if len(credit) > MAX_TRAILING_CREDIT_CHARS or credit.count(". ") > 1:
        return False
    words = credit.split()
    return len(words) <= 8


def _trailing_name_slash_agency(text: str) -> tuple[str, str, list[Contributor]] | None:
    """'...in 2019.J. Scott Applewhite / AP file', '...in New York.Reuters': a credit glued to the caption."""
    tail = text[-80:]
    if "/" not in tail and text[-40:].rsplit(".", 1)[-1].strip() not in AGENCY_NAMES:
        return None
    # the credit starts after the last sentence end; for "2019.J. Scott" that is the '.' after the digit
    for stop in SENTENCE_STOP.finditer(text, max(0, len(text) - 80), len(text) - 1):
        index = stop.start()
        if (index == 0 or not text[index - 1].isupper()) and text[index + 1:index + 2].strip():
            candidate = text[index + 1:].strip()
            if "/" in candidate and len(candidate) <= 60:
                people = credit_people(candidate)
                if people:
                    return text[: index + 1].rstrip(), candidate, people
            if candidate in KNOWN_OUTLETS or candidate in PHOTO_AGENCIES:
                return text[: index + 1].rstrip(), candidate, []
    return None
