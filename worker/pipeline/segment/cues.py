"""Credit cues: the words that announce who wrote, reported, edited or photographed a story.

"By", "Editor:", "Photo:", "记者", "编辑：", "Von", "Par", "Автор:"... (``data/bylines.json``).
Word cues count only where a segment of the line opens and need a space after them; colon cues
count after any space; CJK cues may follow an outlet's name directly ("光明日报记者"). Found
without a big regex alternation (slow on every line): the words after each segment start and
before each colon are looked up. Used by :mod:`.bylines` and :mod:`.credits`.
"""

from __future__ import annotations

import re


from worker.pipeline.segment.names import is_cjk, is_outlet
from worker.pipeline.textfacts import load_json

MAX_TRAILING_CREDIT_CHARS = 120
TABLES = load_json("bylines.json")
# Cue -> role. Word cues ('By', 'Von') count only where a segment opens (start of the text, after a
# separator or a date) and need a space after them; colon cues ('Editor:') count after any space.
# 'source' cues credit an outlet rather than a person; 'user' cues a forum user name (any case,
# digits allowed), read as the author.
CUES: dict[str, str] = TABLES["cues"]
# CJK cues: may follow an outlet name directly ("光明日报记者"); a colon after them is optional.
CJK_CUES: dict[str, str] = TABLES["cjk_cues"]
# CJK cues that need a colon after them (alone, they are common words: '图片', '来源', '翻译').
CJK_CUES_NEEDING_COLON = frozenset(TABLES["cjk_cues_needing_colon"])
# Characters after which a new byline segment may start.
SEGMENT_OPENERS = frozenset("|｜/·•;；,，([（【「—–-:：□■●")


def cue_alternation(cues) -> str:
    return "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))


# Latin cues are found without a big regex alternation (slow on every line): word cues ('By',
# 'Reporting by') are looked up among the first words after each segment start, colon cues
# ('Editor:', 'Photo credit:') among the words before each colon.
WORD_CUES = {cue: role for cue, role in CUES.items() if not cue.endswith(":")}
COLON_CUES = {cue.replace(" :", ":"): role for cue, role in CUES.items() if cue.endswith(":")}
WORD_CUE_FIRST_WORDS = frozenset(cue.split(" ")[0] for cue in WORD_CUES)
SEGMENT_OPENING_CHARS = "([|·•;/—–-"
# A word cue glued to the separator before it: '(Reporting by', '|by'
GLUED_CUE_WORD = re.compile(
    r"[(\[|·•;/—–-](?:%s)\s" % "|".join(sorted(map(re.escape, WORD_CUE_FIRST_WORDS), key=len, reverse=True))
)
MAX_CUE_WORDS = 3
CJK_CUE_PATTERN = re.compile(rf"(?P<cue>{cue_alternation(CJK_CUES)})\s{{0,3}}[：:/｜|]?\s{{0,3}}")
TRAILING_PAREN = re.compile(r"[(（\[【]\s{0,3}(?P<inner>[^()（）\[\]【】]{2,%d})\s{0,3}[)）\]】]\W{0,3}$" % MAX_TRAILING_CREDIT_CHARS)
PHOTO_CUE_AT_END = re.compile(
    r"(?:^|(?<=[\s.!?)”\"a-z]))(?P<cue>Photo(?:graph)?s?(?: by| credit)?\s?:?|Image(?: credit)?\s?:|Credit\s?:|Picture\s?:|"
    r"Foto\s?:|Fotos\s?:|Фото\s?:|Image copyright|Images? via|Pictured by|摄影\s?[：:/]|图片来源\s?[：:]|图片\s?[：:]|图\s?/)"
    # The cue ends with a colon or a slash, or a space follows it ("...New Photos" is no cue).
    r"(?:(?<=[:：/])|\s)\s{0,2}(?P<credit>[^\n]{1,%d})$" % MAX_TRAILING_CREDIT_CHARS
)
PHOTO_WORD = re.compile("Photo|photo|PHOTO|Image|image|Credit|credit|Picture|Foto|Фото|摄影|图")  # cheap test first
CREDIT_CUE = re.compile(
    r"(?:AP |AFP |Reuters |EPA )?(?:Photo(?:graph)?s?(?: by| credit)?|Images?(?: by| credit)?|Credit|Picture|Foto|Fotos|Фото)\s?:?\s{0,3}"
)


def find_cues(text: str) -> list[tuple[int, int, str]]:
    """(cue start, names start, role) of every cue in ``text`` that opens a segment, in order."""
    found = _latin_cues(text)
    if not text.isascii():
        for match in CJK_CUE_PATTERN.finditer(text):
            if _cjk_cue_stands_alone(text, match):
                found.append((match.start("cue"), match.end(), CJK_CUES[match["cue"]]))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for cue in found:
        if not kept or cue[0] >= kept[-1][1]:
            kept.append(cue)
    return kept


def _latin_cues(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    if not WORD_CUE_FIRST_WORDS.isdisjoint(text.split()) or GLUED_CUE_WORD.search(text):
        found = _word_cues(text)
    if ":" in text:
        found.extend(_colon_cues(text, len(found)))
    return found


def _word_cues(text: str) -> list[tuple[int, int, str]]:
    """'By ...', '(Reporting by ...', '| by ...': word cues where a segment opens."""
    found: list[tuple[int, int, str]] = []
    offset = 0
    previous = ""
    for word in text.split(" "):
        bare = word.lstrip(SEGMENT_OPENING_CHARS) if word[:1] in SEGMENT_OPENING_CHARS else word
        if bare in WORD_CUE_FIRST_WORDS and (
            offset == 0 or bare != word or previous[-1:] in SEGMENT_OPENING_CHARS or previous[-1:].isdigit()
        ):
            start = offset + len(word) - len(bare)
            words = text[start:start + 40].split(" ", MAX_CUE_WORDS)
            for count in range(min(MAX_CUE_WORDS, len(words) - 1), 0, -1):
                phrase = " ".join(words[:count])
                colon = phrase.endswith((":", "：")) and phrase[:-1] in WORD_CUES  # "Written by: ..."
                if phrase in WORD_CUES or colon:
                    names_start = start + len(phrase)
                    phrase = phrase[:-1] if colon else phrase
                    while names_start < len(text) and text[names_start] == " ":
                        names_start += 1
                    found.append((start, names_start, WORD_CUES[phrase]))
                    break
            if len(found) > 8:
                break
        offset += len(word) + 1
        if word:
            previous = word
    return found


def _colon_cues(text: str, already: int) -> list[tuple[int, int, str]]:
    """'Editor: ...', 'Photo credit: ...', 'Texte : ...': colon cues after a space or a separator."""
    found: list[tuple[int, int, str]] = []
    colon = text.find(":")
    while colon != -1 and already + len(found) < 16:
        before = text[max(0, colon - 30):colon]
        spaced = before.endswith(" ")  # French 'Texte :'
        words = before.rstrip().split(" ")
        for count in range(min(MAX_CUE_WORDS, len(words)), 0, -1):
            phrase = " ".join(words[-count:])
            role = COLON_CUES.get(phrase + ":")
            if role is None and phrase.isupper():  # 'SOURCE:', 'PHOTO:'
                role = COLON_CUES.get(phrase.capitalize() + ":")
            if role is not None:
                start = colon - len(phrase) - spaced
                if start == 0 or not text[start - 1].isalpha():
                    names_start = colon + 1
                    while names_start < len(text) and text[names_start] == " ":
                        names_start += 1
                    found.append((start, names_start, role))
                break
        colon = text.find(":", colon + 1)
    return found


def _cjk_cue_stands_alone(text: str, match: re.Match) -> bool:
    """'记者 王五', '编辑：苏亮', '光明日报记者 ...' count; '记者调查', '该作者文章', '“来源：' do not."""
    cue = match["cue"]
    after = text[match.end("cue"):match.end("cue") + 1]
    if not cue.endswith(("/", "｜", "：")):
        if after in ("：", ":"):
            pass
        elif after.isspace() and cue not in CJK_CUES_NEEDING_COLON:
            pass
        else:
            return False
    start = match.start("cue")
    if start == 0:
        return True
    previous = text[start - 1]
    if previous.isspace() or previous.isdigit() or previous in SEGMENT_OPENERS or previous in "（【「《□■●◆〔":
        return True
    if is_cjk(previous):  # an outlet right before the cue: '光明日报记者', '松花江网编辑'
        run_start = start
        while run_start > 0 and is_cjk(text[run_start - 1]) and start - run_start < 20:
            run_start -= 1
        return is_outlet(text[run_start:start]) or text[run_start:start] in ("本报", "本台", "本刊", "本网")
    return False
