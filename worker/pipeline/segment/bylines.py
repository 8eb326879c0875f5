"""Bylines and credits: who wrote, reported, edited or photographed a story, and which outlet it credits.

The segment step hands candidate lines (or blocks) to :func:`parse_byline` and captions to
:func:`parse_photo_credit`. Both are built for precision over recall: a line of body text that
happens to contain "by" or a colon must not come back as a byline, so a byline is read only

- after a *cue* that opens a segment of the line ("By", "Editor:", "Photo:", "记者", "编辑：",
  "Von", "Par", "Автор:" ... see :data:`CUES` and :data:`CJK_CUES`), before a Korean reporter
  suffix ("홍길동 기자"), or inside a trailing parenthesis of a longer block ("（记者 胡晓蓉）",
  "(Reporting by ...; Editing by ...)", "... province. (Xu Peiqin / For China Daily)");
- as names that look like names: one to four capitalized tokens (particles such as van/de/bin,
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
All patterns are bounded (linear time on untrusted text); cue and outlet words are data constants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.pipeline.segment import dates
from worker.pipeline.model import Contributor
from worker.pipeline.textfacts import HAN, HANGUL, KANA, UNSPACED

MAX_BYLINE_CHARS = 160  # a byline line is short; longer blocks are only searched for a trailing credit
MAX_TRAILING_CREDIT_CHARS = 120
MAX_NAME_TOKENS = 4
COPYRIGHT_OPENINGS = ("©", "Copyright", "COPYRIGHT", "copyright", "(c)", "(C)", "版权", "版權", "Ⓒ")  # '© 2019 by X' is no byline
TRAILING_WINDOW = MAX_TRAILING_CREDIT_CHARS + 12  # a trailing credit is looked for in this many last characters

# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------

# Cue -> role. Word cues ('By', 'Von') count only where a segment opens (start of the text, after a
# separator or a date) and need a space after them; colon cues ('Editor:') count after any space.
# 'source' cues credit an outlet rather than a person.
CUES: dict[str, str] = {
    # English
    "By": "author", "BY": "author", "by": "author", "Written by": "author", "Words by": "author",
    "Story by": "author", "Text by": "author", "Posted by": "author", "By:": "author", "Author:": "author",
    "Authors:": "author", "Writer:": "author", "Text:": "author", "Words:": "author",
    "Reporting by": "reporter", "reporting by": "reporter", "Reported by": "reporter", "Writing by": "author",
    "additional reporting by": "contributor", "editing by": "editor", "Image Source:": "photographer",
    "Image source:": "photographer", "Reporter:": "reporter", "Reporters:": "reporter",
    "Correspondent:": "reporter", "Additional reporting by": "contributor", "Contributor:": "contributor",
    "Contributors:": "contributor", "Compiled by": "contributor",
    "Editing by": "editor", "Edited by": "editor", "Editor:": "editor", "Editors:": "editor",
    "Chief editor:": "editor", "Editor-in-charge:": "editor", "Editor in charge:": "editor",
    "Photo:": "photographer", "Photos:": "photographer", "Photograph:": "photographer",
    "Photographs:": "photographer", "Photography:": "photographer", "Photo by": "photographer",
    "Photos by": "photographer", "Photographed by": "photographer", "Photo credit:": "photographer",
    "Photo Credit:": "photographer", "Image credit:": "photographer", "Image by": "photographer",
    "Picture:": "photographer", "Pictures:": "photographer", "Picture by": "photographer",
    "Credit:": "photographer", "Image:": "photographer",
    "Translated by": "translator", "Translation:": "translator", "Translator:": "translator",
    "Source:": "source",
    # German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Turkish, Polish
    "Von": "author", "Autor:": "author", "Autorin:": "author", "Foto:": "photographer",
    "Fotos:": "photographer", "Bild:": "photographer", "Redaktion:": "editor", "Übersetzung:": "translator",
    "Quelle:": "source", "Par": "author", "Texte :": "author", "Texte:": "author",
    "Propos recueillis par": "author", "Traduction :": "translator", "Traduction:": "translator",
    "Por": "author", "Texto:": "author", "Redacción:": "editor", "Edición:": "editor",
    "Traducción:": "translator", "Tradução:": "translator", "Reportagem:": "reporter", "Fuente:": "source",
    "Fonte:": "source", "Di": "author", "Testo:": "author", "A cura di": "editor", "Door": "author",
    "Tekst:": "author", "Bron:": "source", "Oleh": "author", "Oleh:": "author", "Penulis:": "author",
    "Pewarta:": "reporter", "Sumber:": "source", "Yazar:": "author", "Muhabir:": "reporter",
    "Kaynak:": "source", "Zdjęcie:": "photographer", "Źródło:": "source",
    # Russian
    "Автор:": "author", "Авторы:": "author", "Текст:": "author", "Фото:": "photographer",
    "Автор фото:": "photographer", "Редактор:": "editor", "Главный редактор:": "editor", "Перевод:": "translator", "Источник:": "source",
}
# CJK cues: may follow an outlet name directly ("光明日报记者"); a colon after them is optional.
CJK_CUES: dict[str, str] = {
    "作者": "author", "撰文": "author", "文/": "author", "文｜": "author", "筆者": "author", "文：": "author",
    "本报记者": "reporter", "本報記者": "reporter", "本台记者": "reporter", "本刊记者": "reporter",
    "本网记者": "reporter", "特约记者": "reporter", "记者": "reporter", "記者": "reporter",
    "通讯员": "contributor", "通訊員": "contributor", "实习生": "contributor",
    "责任编辑": "editor", "責任編輯": "editor", "责编": "editor", "编辑": "editor", "編輯": "editor",
    "审核": "editor", "校对": "editor", "編集": "editor", "편집": "editor",
    "摄影": "photographer", "攝影": "photographer", "图/": "photographer", "圖/": "photographer",
    "图片": "photographer", "写真": "photographer", "撮影": "photographer", "사진": "photographer",
    "翻译": "translator", "翻譯": "translator", "译者": "translator", "編譯": "translator", "编译": "translator",
    "글": "author",
    "来源": "source", "來源": "source", "信息来源": "source", "文章来源": "source", "稿源": "source",
    "出处": "source", "出典": "source", "출처": "source", "来自": "source",
}
# CJK cues that need a colon after them (alone, they are common words: '图片', '来源', '翻译').
CJK_CUES_NEEDING_COLON = frozenset("图片 写真 撮影 사진 翻译 翻譯 译者 編譯 编译 글 来源 來源 信息来源 文章来源 稿源 出处 出典 출처 来自 "
                                   "审核 校对 編集 편집 撰文 筆者".split())
# Characters after which a new byline segment may start.
SEGMENT_OPENERS = frozenset("|｜/·•;；,，([（【「—–-:：□■●")
# Suffixes after a CJK name: "张三 摄" (photo by), "홍길동 기자" (reporter); they set the role.
CJK_NAME_SUFFIXES: dict[str, str] = {"摄": "photographer", "攝": "photographer", "기자": "reporter",
                                     "특파원": "reporter"}
# A dateline after the names ends them: '新京报记者 彭冲 山东冠县报道', '新华社北京11月19日电'.
CJK_DATELINE_ENDINGS = ("报道", "報導", "报导", "电", "電")

# Words that end a Latin name: page furniture, role descriptions, dates, function words.
NAME_STOP_WORDS = frozenset("""
updated update published posted last modified share print download app comments comment email
follow subscribe more read view staff writer writers reporter reporters editor editors correspondent
contributor contributors columnist senior special business news the a an any all our my your this
that these those most some many every signing clicking choosing using continuing subject date
category topic popularity relevance newest oldest name admin and or with for from in on at of to
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun today yesterday
photo photos image images video getty associated press redacción redaccion redação redacao redazione
redaktion rédaction agencias agências agenzie agences agencies
""".split())
NAME_PARTICLES = frozenset("van von der den de del della di da dos das du la le bin binti ibn al el ter ten y".split())
# Joiners of several names.
NAME_JOINERS = frozenset("and & und et y e i и og en dan och".split())
# Academic/professional letters after a name ("Rachael Link, MS, RD").
CREDENTIALS = frozenset("MS MA MD PhD Ph.D. RD RN MPH MBA DDS DO JD Jr Jr. Sr Sr. II III CA".split())
# Last words of outlet names, and well-known agencies/outlets credited without such a word.
OUTLET_WORDS = frozenset("""
daily news times post press journal herald tribune gazette agency telegraph guardian observer chronicle
review magazine weekly today tv radio network media online wire service express mail
independent monitor examiner courier standard report insider newspaper bulletin dispatch register
""".split())
KNOWN_OUTLETS = frozenset("""
Reuters|AP|AFP|Xinhua|Bloomberg|dpa|DPA|EFE|ANSA|Kyodo|Yonhap|TASS|Interfax|PTI|IANS|ANI|UPI|CNA|Bernama|
Antara|Anadolu|AAP|CNN|BBC|NPR|CNBC|ABC|NBC|CBS|Sputnik|RIA Novosti|Associated Press|Agence France-Presse|
Xinhua News Agency|China News Service|CGTN|Al Jazeera|Canadian Press|The Canadian Press|PA Media|
Press Association|Deutsche Welle|DW|RFI|NHK|Kyodo News|Yonhap News Agency|Tass|Ukrinform|Efe|Europa Press|
新华社|新華社|中新社|中国新闻网|新华网|人民网|央视新闻|共同社|共同通信|聯合新聞網|中央社|연합뉴스|뉴시스
""".replace("\n", "").split("|"))
PHOTO_AGENCIES = frozenset("""
Getty Images|Getty|AP Photo|AP Photos|AFP Photo|Reuters|AFP|EPA|EPA-EFE|Shutterstock|iStock|iStockphoto|
Alamy|Corbis|Xinhua|Zuma Press|ZUMA Press|Sipa|Bloomberg|NurPhoto|SOPA Images|IC|VCG|视觉中国|新华社|
Associated Press|AP|Imaginechina|Wikimedia Commons|Unsplash|Pexels|Handout|File
""".replace("\n", "").split("|"))
AGENCY_NAMES = KNOWN_OUTLETS | PHOTO_AGENCIES
# For a cheap test that a line may name an outlet: its lowercase words and the agency names of
# several words.
OUTLET_TOKENS = frozenset(OUTLET_WORDS | {name.lower() for name in AGENCY_NAMES if " " not in name})
MULTIWORD_AGENCY_NAMES = tuple(name for name in AGENCY_NAMES if " " in name)
OUTLET_TOKEN_STRIP = ".,;:|·•-–—/()[]\"'"
WEB_SUFFIXES = (".com", ".org", ".net", ".cn")
# Words that make a name an institution rather than a person.
ORGANIZATION_WORDS = frozenset("""
institute university agency ministry department center centre museum foundation council office
corporation company inc inc. ltd ltd. llc group association society laboratory lab observatory
commission committee authority bureau administration government police army navy
""".split())
OUTLET_LINK_WORDS = frozenset(("of", "de", "for", "the"))  # 'Agence France-Presse', 'NJ Advance Media for NJ.com'
# CJK outlet name endings.
CJK_OUTLET_SUFFIXES = ("日报", "日報", "晚报", "晚報", "早报", "早報", "时报", "時報", "商报", "晨报", "周刊", "週刊",
                       "杂志", "雜誌", "新闻", "新聞", "网", "網", "社", "电视台", "電視台", "广播", "客户端", "频道",
                       "頻道", "在线", "报", "報", "台", "新聞", "뉴스", "일보", "신문", "通信")
# Values after a source cue that name no outlet.
NOT_A_SOURCE = frozenset("转载文章 转载 網絡 网络 互联网 互聯網 本站 原创 原創 未知 网友投稿 本报 本報 本台 本刊 本网 unknown internet".split())
# Characters that do not occur in Chinese personal names (grammar words): a "name" with one is prose.
NON_NAME_HAN = frozenset("的了是在说說我你他她它们們這这那就都也要会會着過过为為与與及从從被把将將而但或吗嗎呢吧啊个個有没沒不"
                         "到对對讲講问問看见見去里裏后後")
CJK_NAME_SEPARATORS = frozenset(" \u3000、，,/和与與")

# --------------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------------


def _cue_alternation(cues) -> str:
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
CJK_OR_HANGUL_CHAR = re.compile(f"[{KANA}{HAN}{HANGUL}]")
UNSPACED_OR_HANGUL = re.compile(f"[{UNSPACED}{HANGUL}\uff1a]")
CJK_CUE_PATTERN = re.compile(rf"(?P<cue>{_cue_alternation(CJK_CUES)})\s{{0,3}}[：:/｜|]?\s{{0,3}}")
# Separators between the segments of a byline line.
SEGMENT_BREAK = re.compile(r"\s{2,}|\s?[|·•;]\s?|\s[—–-]\s|\u3000+|\t")
# One name token (Latin, Cyrillic, Greek ...): letters with inner ' . - allowed, e.g. O'Brien, J.R., Dyer-Bennet.
LATIN_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_])){0,30}\.?")
HAN_RUN = re.compile(f"[{HAN}{HANGUL}·・]{{1,12}}")
TRAILING_PAREN = re.compile(r"[(（\[【]\s{0,3}(?P<inner>[^()（）\[\]【】]{2,%d})\s{0,3}[)）\]】]\W{0,3}$" % MAX_TRAILING_CREDIT_CHARS)
CAMEL_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z](?:[A-Z]|taff|riter|olumnist|ontributor|orrespondent|eporter|ditor|usiness))")
PHOTO_CUE_AT_END = re.compile(
    r"(?:^|(?<=[\s.!?)”\"a-z]))(?P<cue>Photo(?:graph)?s?(?: by| credit)?\s?:?|Image(?: credit)?\s?:|Credit\s?:|Picture\s?:|"
    r"Foto\s?:|Fotos\s?:|Фото\s?:|Image copyright|Images? via|Pictured by|摄影\s?[：:/]|图片来源\s?[：:]|图片\s?[：:]|图\s?/)"
    # The cue ends with a colon or a slash, or a space follows it ("...New Photos" is no cue).
    r"(?:(?<=[:：/])|\s)\s{0,2}(?P<credit>[^\n]{1,%d})$" % MAX_TRAILING_CREDIT_CHARS
)


CREDIT_POSITION_WORDS = re.compile(r",?\s(?:left|right|center|centre|top|bottom|above|below|from left|l|r)(?=,|\s(?:and|&)\s|\s?/|\s?$)")
PHOTO_WORD = re.compile("Photo|photo|PHOTO|Image|image|Credit|credit|Picture|Foto|Фото|摄影|图")  # cheap test first
# Patterns of the helpers below, compiled once.
LEADING_ARTICLE = re.compile(r"(?:The|THE|the)\s")
NAME_PIECE_JOINER = re.compile(r"([-'’])")
OUTLET_SEPARATOR = re.compile(r"\s{0,2}(?:[,/|]\s{0,2}(?:[Ff]or\s)?|[Ff]or\s)")
CREDENTIAL_TAIL_END = re.compile(r"[,/|]")
KOREAN_NAME_SEPARATOR = re.compile(r"[\s,、·]+")
CJK_OUTLET_END = re.compile(r"[\s“”\"「」『』,，。;；]")
CREDIT_CUE = re.compile(
    r"(?:AP |AFP |Reuters |EPA )?(?:Photo(?:graph)?s?(?: by| credit)?|Images?(?: by| credit)?|Credit|Picture|Foto|Fotos|Фото)\s?:?\s{0,3}"
)
CREDIT_SLASH = re.compile(r"\s?/\s?")
SENTENCE_STOP = re.compile(r"[.!?”\"]")
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
        people = _credit_people(credit)
        if people is not None:
            return text[: paren.start()].rstrip(), credit, people
    tail_start = max(0, len(text) - MAX_TRAILING_CREDIT_CHARS - 25)
    tail = text[tail_start:]
    cue = PHOTO_CUE_AT_END.search(text, tail_start) if PHOTO_WORD.search(tail) else None
    if cue is not None:
        credit = cue["credit"].strip().rstrip(".")
        if credit and _looks_like_credit_body(credit):
            people = _credit_people(credit, cued=True) or []
            return text[: cue.start()].rstrip(), credit, people
    glued = _trailing_name_slash_agency(text)
    if glued is not None:
        return glued
    return None


# --------------------------------------------------------------------------------------------------
# Bylines: segments, cues, names
# --------------------------------------------------------------------------------------------------


def _parse_segments(text: str) -> Byline | None:
    cues = _find_cues(text)
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


def _find_cues(text: str) -> list[tuple[int, int, str]]:
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
                if phrase in WORD_CUES:
                    names_start = start + len(phrase)
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
    if _is_cjk(previous):  # an outlet right before the cue: '光明日报记者', '松花江网编辑'
        run_start = start
        while run_start > 0 and _is_cjk(text[run_start - 1]) and start - run_start < 20:
            run_start -= 1
        return _is_outlet(text[run_start:start]) or text[run_start:start] in ("本报", "本台", "本刊", "本网")
    return False


def _parse_names_after_cue(text: str, start: int, end: int, role: str) -> tuple[list[tuple[str, str]], str | None, int] | None:
    """Names (with roles) and an outlet after a cue, and where they end; None if no byline follows."""
    scope = text[start:end]
    segment_break = SEGMENT_BREAK.search(scope)
    head = scope[: segment_break.start()] if segment_break else scope
    if role == "source":
        outlet = _clean_outlet(head)
        return ([], outlet, start + len(head.rstrip())) if outlet else None
    if _is_cjk(head[:1]):
        return _parse_cjk_names(text, start, end, role)
    names, consumed = _parse_latin_names(head)
    if not names:
        return _outlet_as_author(head, start) if role in ("author", "reporter") else None
    rest = head[consumed:]
    outlet, rest_consumed = _outlet_after_names(rest)
    consumed += rest_consumed
    if not _rest_is_harmless(head[consumed:]):
        return None
    end_in_text = start + len(head[:consumed].rstrip())
    if outlet is None and segment_break is not None and role in ("author", "reporter"):
        # "By JANE DOE | Associated Press": an outlet alone in the next segment
        following = scope[segment_break.end():]
        next_break = SEGMENT_BREAK.search(following)
        next_segment = (following[: next_break.start()] if next_break else following).strip()
        if _is_outlet(next_segment):
            outlet = next_segment
            end_in_text = start + segment_break.end() + following.find(next_segment) + len(next_segment)
    if role == "photographer":
        outlet = None  # the agency of a photo credit is not the story's source
    return [(name, role) for name in names], outlet, end_in_text


def _outlet_as_author(head: str, start: int) -> tuple[list[tuple[str, str]], str | None, int] | None:
    """'By The Associated Press', 'By Reuters', 'By JERUSALEM POST STAFF': an outlet, no person."""
    article = LEADING_ARTICLE.match(head)
    offset = article.end() if article else 0
    outlet = _leading_outlet(head[offset:])
    if outlet is None:
        return None
    consumed = offset + len(outlet)
    rest = head[consumed:].strip()
    if rest.lower() in ("staff", "staff reports", "staff report", "wire", "wire service", "reports"):
        rest = ""
    if not _rest_is_harmless(rest):
        return None
    return [], outlet, start + consumed


def _parse_latin_names(head: str) -> tuple[list[str], int]:
    """Names at the start of ``head`` and how many characters they take."""
    spans: list[tuple[str, int, int]] = []  # (name, start, end) in head
    current: list[str] = []
    current_start = 0
    position = consumed = 0
    style: str | None = None  # 'upper' for ALL-CAPS names, 'title' otherwise
    length = len(head)

    def close_name() -> None:
        nonlocal current, style
        if current:
            spans.append((" ".join(current), current_start, consumed))
        current, style = [], None

    while position < length:
        while position < length and head[position] == " ":
            position += 1
        if head.startswith(",", position) and current:
            close_name()
            position += 1
            continue
        token_match = LATIN_TOKEN.match(head, position)
        if token_match is None:
            break
        token, token_end = token_match.group(), token_match.end()
        # (a glued part starts with a capital after the first letter)
        glue = None if token[1:].islower() else CAMEL_GLUE.search(head, position + 1, token_end)
        if glue is not None:  # "JamesStaff Writer", "GarberFOXBusiness": the glued part ends the name
            token, token_end = head[position:glue.start()], glue.start()
        if token in NAME_JOINERS and (current or spans):
            close_name()
            position = token_end
            continue
        if current and token in NAME_PARTICLES:
            current.append(token)
            position = token_end
            continue
        token_style = _token_style(token)
        lowered = token.lower().rstrip(".")
        if token_style is None or lowered in NAME_STOP_WORDS or (not current and token.rstrip(".") in CREDENTIALS):
            break
        if lowered in dates.MONTH_NAMES and head[token_end:token_end + 2].strip(" .")[:1].isdigit():
            break  # "By Jane Doe Nov 13, 2019": a date, though 'June' and 'Jan' are names too
        if style is not None and token_style != style and not _is_initial(token):
            break  # "Liang Meichen ECNS": a change of case style ends the name
        if len(current) == MAX_NAME_TOKENS:
            return [], 0  # a long run of capitalized words is a title, not a name
        if not current:
            current_start = position
        if not _is_initial(token):
            style = token_style
        current.append(token)
        position = consumed = token_end
        if glue is not None:
            break
    close_name()
    # A trailing outlet ("..., Reuters") or credential ("..., MS") is no person: leave it to the caller.
    while spans and (_is_organization(spans[-1][0]) or spans[-1][0].rstrip(".") in CREDENTIALS):
        spans.pop()
        consumed = spans[-1][2] if spans else 0
    names = [_present_name(name) for name, _, _ in spans]
    return names, consumed


def _is_organization(name: str) -> bool:
    """An outlet, agency, institution or acronym rather than a person."""
    if _is_outlet(name):
        return True
    words = name.split()
    if len(words) == 1 and len(name) >= 2 and name.isupper():
        return True  # NASA, CNN, STF
    return any(word.lower() in ORGANIZATION_WORDS for word in words)


def _token_style(token: str) -> str | None:
    """'title' (Jane, McDonald, O'Brien, Dyer-Bennet, E.), 'upper' (JANE) or None (not a name token)."""
    if not token[0].isupper():
        return None
    if _all_caps(token, 2):
        return "upper"
    previous = token[0]
    for char in token[1:]:
        # a capital inside a name only after a lowercase letter or a joiner: McDonald, O'Brien, Jean-Luc
        if char.isupper() and not (previous.islower() or previous in "'’-."):
            return None
        previous = char
    return "title"


def _all_caps(text: str, min_letters: int) -> bool:
    """Whether the text has at least ``min_letters`` letters, all capitals."""
    if text.isascii() and not text.isupper():
        return False  # the common case, cheaply: a lowercase letter, or no letter at all
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= min_letters and all(char.isupper() for char in letters)


def _is_initial(token: str) -> bool:
    return len(token) <= 4 and token.endswith(".") and token[0].isupper()


def _present_name(name: str) -> str:
    """The name as shown, but ALL-CAPS names in title case ('ANDREW C. MCCARTHY' -> 'Andrew C. McCarthy')."""
    if _all_caps(name, 4):
        name = " ".join(part if _is_initial(part) else _title_case(part) for part in name.split())
    if name.endswith(".") and len(name.split()[-1]) > 3:  # a sentence's full stop, not an initial
        name = name[:-1]
    return name.strip(" ,")


def _title_case(word: str) -> str:
    pieces = NAME_PIECE_JOINER.split(word.lower())
    titled = "".join(piece[:1].upper() + piece[1:] for piece in pieces)
    if titled.startswith("Mc") and len(titled) > 3:
        titled = "Mc" + titled[2].upper() + titled[3:]
    return titled


def _outlet_after_names(rest: str) -> tuple[str | None, int]:
    """An outlet right after the names (', Reuters', ' / For China Daily', '/Getty Images') and its length."""
    separator = OUTLET_SEPARATOR.match(rest)
    if separator is None:
        return None, 0
    offset = separator.end()
    stripped = rest[offset:]
    candidate = _leading_outlet(stripped)
    if candidate is None:
        # "Rachael Link, MS, RD", "David Zalubowski, STF / Associated Press": a credential-like tail
        tail = CREDENTIAL_TAIL_END.split(stripped, maxsplit=1)[0].strip()
        if tail and (tail.rstrip(".") in CREDENTIALS or tail in ("STF", "Staff")):
            tail_end = stripped.find(tail) + len(tail)
            more, more_length = _outlet_after_names(stripped[tail_end:])
            return more, offset + tail_end + more_length
        return None, 0
    return candidate, offset + stripped.find(candidate) + len(candidate)


def _leading_outlet(text: str) -> str | None:
    """The outlet name at the start of ``text`` (1-6 capitalized tokens), if it looks like one."""
    tokens: list[str] = []
    for part in text.split(" "):
        bare = part.rstrip(",.;")
        if not bare or not (bare[0].isupper() or bare[0].isdigit() or bare in OUTLET_LINK_WORDS or bare in KNOWN_OUTLETS):
            break
        tokens.append(bare)
        if bare != part or len(tokens) == 6:
            break
    while tokens and tokens[-1] in OUTLET_LINK_WORDS:
        tokens.pop()
    for size in range(len(tokens), 0, -1):
        candidate = " ".join(tokens[:size])
        if _is_outlet(candidate):
            return candidate
    return None


def _is_outlet(name: str) -> bool:
    name = name.strip()
    if not name:
        return False
    if name in KNOWN_OUTLETS or name in PHOTO_AGENCIES:
        return True
    if name.startswith("《") and name.endswith("》"):
        return True
    if _is_cjk(name[:1]):
        return len(name) <= 20 and name.endswith(CJK_OUTLET_SUFFIXES) and len(name) >= 2
    words = name.split()
    if len(words) > 6 or not all(word[0].isupper() or word[0].isdigit() or word in OUTLET_LINK_WORDS for word in words):
        return False
    last = words[-1].lower().rstrip(".")
    return (last in OUTLET_WORDS and len(words) >= 2) or "." in last and last.endswith((".com", ".org", ".net", ".cn"))


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


def _parse_cjk_names(text: str, start: int, end: int, role: str) -> tuple[list[tuple[str, str]], str | None, int] | None:
    """Han/Hangul names after a CJK cue: '王建宏 张文攀', '赵 培' (one name spaced out), '张三 摄'."""
    tokens: list[str] = []
    position = start
    last_end = start
    while position < end:
        run = HAN_RUN.match(text, position, end)
        if run is None:
            break
        tokens.append(run.group())
        last_end = position = run.end()
        while position < end and text[position] in CJK_NAME_SEPARATORS:
            position += 1
        if position == last_end:
            break  # no separator: the next run is not a further name
    names: list[str] = []
    single_chars = ""
    for index, token in enumerate(tokens):
        if index and token.endswith(CJK_DATELINE_ENDINGS):
            break
        for suffix, suffix_role in CJK_NAME_SUFFIXES.items():
            if token.endswith(suffix):
                token, role = token[: -len(suffix)], suffix_role
                break
        if len(token) == 1:
            single_chars += token
            continue
        if single_chars:
            names.append(single_chars)
            single_chars = ""
        if token:
            names.append(token)
    if single_chars:
        names.append(single_chars)
    if not names or not all(_is_cjk_name(name) for name in names):
        return None
    following = text[last_end:end].strip(" \u3000)）]】")
    if following and not _cjk_rest_is_harmless(following):
        return None
    return [(name, role) for name in names], None, last_end


def _is_cjk_name(name: str) -> bool:
    if "·" in name or "・" in name:
        return 3 <= len(name) <= 15
    return 2 <= len(name) <= 4 and not any(char in NON_NAME_HAN for char in name)


def _cjk_rest_is_harmless(rest: str) -> bool:
    if rest[:1] in "|｜/·•;；,，、" or rest[:1].isspace():
        return True
    date = dates.find_date(rest)
    if date is not None and date.start <= 2:
        return True
    return not _is_cjk(rest[:1]) and not rest[:1].isalpha()


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
    if _is_outlet(candidate) or _is_outlet(candidate.strip("《》[]【】 ")):
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
    if not all(_is_cjk_name(name) for name in names):
        return None
    role = CJK_NAME_SUFFIXES[suffixed["suffix"]]
    return Byline(contributors=[Contributor(name=name, role=role) for name in names],
                  start=suffixed.start("names"), end=suffixed.end())


def _may_name_outlet(text: str) -> bool:
    """A cheap test before :func:`_dated_outlet` reads the date: some word of the line could be
    (the end of) an outlet's name."""
    if "《" in text or UNSPACED_OR_HANGUL.search(text):
        return True
    tokens = {token.strip(OUTLET_TOKEN_STRIP).lower() for token in text.split()}
    if not tokens.isdisjoint(OUTLET_TOKENS) or any(token.endswith(WEB_SUFFIXES) for token in tokens):
        return True
    return any(name in text for name in MULTIWORD_AGENCY_NAMES)


def _dated_outlet(text: str) -> Byline | None:
    """'2003-7-24 钱江晚报', 'Reuters November 18, 2019': an outlet next to a date, at the line's edge."""
    if len(text) > 100 or not ("19" in text or "20" in text) or not _may_name_outlet(text):
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
        if _is_outlet(head) or (head.startswith("《") and head.endswith("》")):
            start = text.find(head)
            return Byline(source=head.strip("《》") if head.startswith("《") else head, start=start, end=start + len(head))
    return None


def _clean_outlet(value: str) -> str | None:
    value = value.strip(" \u3000:：[]【】《》\"'")
    if not value or len(value) > 60 or value.lower() in NOT_A_SOURCE or "=" in value:
        return None
    if any(_is_cjk(char) for char in value[:12]):
        # '21世纪经济报道 发表评论', '振兴东北网”的所有作品': a CJK outlet ends at a space or a quote
        value = CJK_OUTLET_END.split(value, maxsplit=1)[0]
        return value if value and value not in NOT_A_SOURCE and len(value) <= 30 else None
    if not (value[0].isupper() or value[0].isdigit()):
        return None
    # "Russian Defense Ministry, October 25, 2019": the outlet ends at a comma or a date
    value = value.split(",")[0].strip()
    date = dates.find_date(value)
    if date is not None:
        value = value[: date.start].strip(" -–—")
    return value or None


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
        photographers = _credit_people(inner.strip())  # '... province. (Xu Peiqin / For China Daily)'
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


def _credit_people(credit: str, cued: bool = False) -> list[Contributor] | None:
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
    if _is_cjk(rest[:1]) or "摄" in rest:
        return _cjk_credit_people(rest, cued)
    if not cued and "/" not in rest and not _is_organization(rest) and rest not in PHOTO_AGENCIES:
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
        if _is_organization(bare) or bare.rstrip(".") in PHOTO_AGENCIES or bare.split(",")[0] in PHOTO_AGENCIES \
                or bare.split()[0] in PHOTO_AGENCIES:  # "AP file", "Getty Images for Netflix"
            agency_seen = True
            continue
        names, consumed = _parse_latin_names(part)
        tail = part[consumed:].strip(" ,")
        if names and (not tail or _is_outlet(tail) or tail in PHOTO_AGENCIES or tail.split(",")[0].strip() in ("STF", "Staff") or tail.rstrip(".") in CREDENTIALS):
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
    if _is_outlet(rest.strip()) or rest.strip() in PHOTO_AGENCIES:
        return []
    match = CJK_CUE_PATTERN.search(rest, 0, 12)
    if match is None and not cued and not rest.rstrip().endswith(("摄", "攝")):
        return None  # '(摘自《...》)', '(代码查询)': a parenthesis, not a credit
    start = match.end() if match else 0
    parsed = _parse_cjk_names(rest, start, len(rest), "photographer")
    if parsed is None:
        return None
    return [Contributor(name=name, role="photographer") for name, _ in parsed[0] if not _is_outlet(name)]


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
                people = _credit_people(candidate)
                if people:
                    return text[: index + 1].rstrip(), candidate, people
            if candidate in KNOWN_OUTLETS or candidate in PHOTO_AGENCIES:
                return text[: index + 1].rstrip(), candidate, []
    return None


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _is_cjk(char: str) -> bool:
    """Whether one character is Han, kana or Hangul ('' is not)."""
    return CJK_OR_HANGUL_CHAR.match(char) is not None


def _unique(contributors: list[Contributor]) -> list[Contributor]:
    seen: set[tuple[str, str]] = set()
    unique: list[Contributor] = []
    for contributor in contributors:
        key = (contributor.name, contributor.role)
        if key not in seen:
            seen.add(key)
            unique.append(contributor)
    return unique
