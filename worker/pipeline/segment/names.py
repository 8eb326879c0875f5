"""Names in credit lines: people (Latin-script and CJK names) and outlets (agencies, newspapers).

:mod:`.bylines` finds where a credit line names someone; this module decides what the names are.
A person's name is one to four capitalized tokens (particles such as van/de/bin, initials and
hyphens allowed; all-caps names are title-cased) or two to four Han characters; an outlet is a
known agency, a name ending in an outlet word ("Daily", "News", "日报", "网"), or a title in 《》.
Institutions ("University of ...") are not people. The vocabulary is data (``data/bylines.json``).
"""

from __future__ import annotations

import re


from worker.pipeline.segment import dates
from worker.pipeline.textfacts import HAN, HANGUL, KANA, UNSPACED, load_json

MAX_NAME_TOKENS = 4
TABLES = load_json("bylines.json")

# Words that end a Latin name: page furniture, role descriptions, dates, function words.
NAME_STOP_WORDS = frozenset(TABLES["name_stop_words"])
NAME_PARTICLES = frozenset(TABLES["name_particles"])
# Titles before a name ("Mr", "Dr"): alone, they name nobody.
HONORIFICS = frozenset(TABLES["honorifics"])
# Joiners of several names.
NAME_JOINERS = frozenset(TABLES["name_joiners"])
# Academic/professional letters after a name ("Rachael Link, MS, RD").
CREDENTIALS = frozenset(TABLES["credentials"])
# Last words of outlet names, and well-known agencies/outlets credited without such a word.
OUTLET_WORDS = frozenset(TABLES["outlet_words"])
KNOWN_OUTLETS = frozenset(TABLES["known_outlets"])
PHOTO_AGENCIES = frozenset(TABLES["photo_agencies"])
AGENCY_NAMES = KNOWN_OUTLETS | PHOTO_AGENCIES
# For a cheap test that a line may name an outlet: its lowercase words and the agency names of
# several words.
OUTLET_TOKENS = frozenset(OUTLET_WORDS | {name.lower() for name in AGENCY_NAMES if " " not in name})
MULTIWORD_AGENCY_NAMES = tuple(name for name in AGENCY_NAMES if " " in name)
OUTLET_TOKEN_STRIP = ".,;:|·•-–—/()[]\"'"
WEB_SUFFIXES = (".com", ".org", ".net", ".cn")
# Words that make a name an institution rather than a person.
ORGANIZATION_WORDS = frozenset(TABLES["organization_words"])
OUTLET_LINK_WORDS = frozenset(("of", "de", "for", "the"))  # 'Agence France-Presse', 'NJ Advance Media for NJ.com'
# CJK outlet name endings.
CJK_OUTLET_SUFFIXES = tuple(TABLES["cjk_outlet_suffixes"])
# Values after a source cue that name no outlet.
NOT_A_SOURCE = frozenset(TABLES["not_a_source"])
# Characters that do not occur in Chinese personal names (grammar words): a "name" with one is prose.
NON_NAME_HAN = frozenset(TABLES["non_name_han"])

# Suffixes after a CJK name: "张三 摄" (photo by), "홍길동 기자" (reporter); they set the role.
CJK_NAME_SUFFIXES: dict[str, str] = TABLES["cjk_name_suffixes"]
# A dateline after the names ends them: '新京报记者 彭冲 山东冠县报道', '新华社北京11月19日电'.
CJK_DATELINE_ENDINGS = tuple(TABLES["cjk_dateline_endings"])
CJK_NAME_SEPARATORS = frozenset(" \u3000、，,/和与與")
# A user name as forums and comment threads print people: a word of letters, digits, '_', '.' or
# '-' that starts with a letter ("Ejp55230", "Noah_B", "longshot").
USER_NAME = re.compile(r"[A-Za-z][\w.\-]{2,29}")
HAN_RUN = re.compile(f"[{HAN}{HANGUL}·・]{{1,12}}")
CJK_OR_HANGUL_CHAR = re.compile(f"[{KANA}{HAN}{HANGUL}]")
UNSPACED_OR_HANGUL = re.compile(f"[{UNSPACED}{HANGUL}\uff1a]")
# One name token (Latin, Cyrillic, Greek ...): letters with inner ' . - allowed, e.g. O'Brien, J.R., Dyer-Bennet.
LATIN_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_])){0,30}\.?")
# A glued part after a name: "JamesStaff Writer", "GarberFOXBusiness", "Amanda FurrerUpdated: ...".
CAMEL_GLUE = re.compile(
    r"(?<=[a-z]{2})(?=[A-Z](?:[A-Z]|taff|riter|olumnist|ontributor|orrespondent|eporter|ditor|usiness|pdated|ublished|osted|eviewed))"
)
NAME_PIECE_JOINER = re.compile(r"([-'’])")
OUTLET_SEPARATOR = re.compile(r"\s{0,2}(?:[,/|]\s{0,2}(?:[Ff]or\s)?|[Ff]or\s)")
CREDENTIAL_TAIL_END = re.compile(r"[,/|]")
CJK_OUTLET_END = re.compile(r"[\s“”\"「」『』,，。;；]")


def parse_latin_names(head: str) -> tuple[list[str], int]:
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
        token_style = name_token_style(token)
        lowered = token.lower().rstrip(".")
        if token_style is None or (lowered in NAME_STOP_WORDS and not is_initial(token)) or (not current and token.rstrip(".") in CREDENTIALS):
            break
        if lowered in dates.MONTH_NAMES and head[token_end:token_end + 2].strip(" .")[:1].isdigit():
            break  # "By Jane Doe Nov 13, 2019": a date, though 'June' and 'Jan' are names too
        if style is not None and token_style != style and not is_initial(token):
            break  # "Liang Meichen ECNS": a change of case style ends the name
        if len(current) == MAX_NAME_TOKENS:
            return [], 0  # a long run of capitalized words is a title, not a name
        if not current:
            current_start = position
        if not is_initial(token):
            style = token_style
        current.append(token)
        position = consumed = token_end
        if glue is not None:
            break
    close_name()
    # A trailing outlet ("..., Reuters") or credential ("..., MS") is no person: leave it to the caller.
    while spans and (is_organization(spans[-1][0]) or spans[-1][0].rstrip(".") in CREDENTIALS):
        spans.pop()
        consumed = spans[-1][2] if spans else 0
    names = [present_name(name) for name, _, _ in spans]
    return names, consumed


def is_organization(name: str) -> bool:
    """An outlet, agency, institution or acronym rather than a person."""
    if is_outlet(name):
        return True
    words = name.split()
    if len(words) == 1 and len(name) >= 2 and name.isupper():
        return True  # NASA, CNN, STF
    return any(word.lower() in ORGANIZATION_WORDS for word in words)


def is_personal_name(name: str) -> bool:
    """Two to MAX_NAME_TOKENS name-shaped words ('Tracy Parker'), and no organization ('USA TODAY',
    'British Heart Foundation')."""
    words = name.split()
    return 2 <= len(words) <= MAX_NAME_TOKENS and not is_organization(name) and all(name_token_style(word) for word in words)


def name_token_style(token: str) -> str | None:
    """'title' (Jane, McDonald, O'Brien, Dyer-Bennet, E.), 'upper' (JANE) or None (not a name token)."""
    if not token[0].isupper():
        return None
    if all_caps(token, 2):
        return "upper"
    previous = token[0]
    for char in token[1:]:
        # a capital inside a name only after a lowercase letter or a joiner: McDonald, O'Brien, Jean-Luc
        if char.isupper() and not (previous.islower() or previous in "'’-."):
            return None
        previous = char
    return "title"


def all_caps(text: str, min_letters: int) -> bool:
    """Whether the text has at least ``min_letters`` letters, all capitals."""
    if text.isascii() and not text.isupper():
        return False  # the common case, cheaply: a lowercase letter, or no letter at all
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= min_letters and all(char.isupper() for char in letters)


def is_initial(token: str) -> bool:
    return len(token) <= 4 and token.endswith(".") and token[0].isupper()


def present_name(name: str) -> str:
    """The name as shown, but ALL-CAPS names in title case ('ANDREW C. MCCARTHY' -> 'Andrew C. McCarthy')."""
    if all_caps(name, 4):
        name = " ".join(part if is_initial(part) else title_case(part) for part in name.split())
    if name.endswith(".") and len(name.split()[-1]) > 3:  # a sentence's full stop, not an initial
        name = name[:-1]
    return name.strip(" ,")


def title_case(word: str) -> str:
    pieces = NAME_PIECE_JOINER.split(word.lower())
    titled = "".join(piece[:1].upper() + piece[1:] for piece in pieces)
    if titled.startswith("Mc") and len(titled) > 3:
        titled = "Mc" + titled[2].upper() + titled[3:]
    return titled


def outlet_after_names(rest: str) -> tuple[str | None, int]:
    """An outlet right after the names (', Reuters', ' / For China Daily', '/Getty Images') and its length."""
    separator = OUTLET_SEPARATOR.match(rest)
    if separator is None:
        return None, 0
    offset = separator.end()
    stripped = rest[offset:]
    candidate = leading_outlet(stripped)
    if candidate is None:
        # "Rachael Link, MS, RD", "David Zalubowski, STF / Associated Press": a credential-like tail
        tail = CREDENTIAL_TAIL_END.split(stripped, maxsplit=1)[0].strip()
        if tail and (tail.rstrip(".") in CREDENTIALS or tail in ("STF", "Staff")):
            tail_end = stripped.find(tail) + len(tail)
            more, more_length = outlet_after_names(stripped[tail_end:])
            return more, offset + tail_end + more_length
        return None, 0
    return candidate, offset + stripped.find(candidate) + len(candidate)


def leading_outlet(text: str) -> str | None:
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
        if is_outlet(candidate):
            return candidate
    return None


def is_outlet(name: str) -> bool:
    name = name.strip()
    if not name:
        return False
    if name in KNOWN_OUTLETS or name in PHOTO_AGENCIES:
        return True
    if name.startswith("《") and name.endswith("》"):
        return True
    if is_cjk(name[:1]):
        return len(name) <= 20 and name.endswith(CJK_OUTLET_SUFFIXES) and len(name) >= 2
    words = name.split()
    if len(words) > 6 or not all(word[0].isupper() or word[0].isdigit() or word in OUTLET_LINK_WORDS for word in words):
        return False
    last = words[-1].lower().rstrip(".")
    return (last in OUTLET_WORDS and len(words) >= 2) or "." in last and last.endswith((".com", ".org", ".net", ".cn"))


def is_cjk_name(name: str) -> bool:
    if "·" in name or "・" in name:
        return 3 <= len(name) <= 15
    return 2 <= len(name) <= 4 and not any(char in NON_NAME_HAN for char in name)


def may_name_outlet(text: str) -> bool:
    """A cheap test before :func:`_dated_outlet` reads the date: some word of the line could be
    (the end of) an outlet's name."""
    if "《" in text or UNSPACED_OR_HANGUL.search(text):
        return True
    tokens = {token.strip(OUTLET_TOKEN_STRIP).lower() for token in text.split()}
    if not tokens.isdisjoint(OUTLET_TOKENS) or any(token.endswith(WEB_SUFFIXES) for token in tokens):
        return True
    return any(name in text for name in MULTIWORD_AGENCY_NAMES)


def clean_outlet(value: str) -> str | None:
    value = value.strip(" \u3000:：[]【】《》\"'")
    if not value or len(value) > 60 or value.lower() in NOT_A_SOURCE or "=" in value:
        return None
    if any(is_cjk(char) for char in value[:12]):
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


def is_cjk(char: str) -> bool:
    """Whether one character is Han, kana or Hangul ('' is not)."""
    return CJK_OR_HANGUL_CHAR.match(char) is not None


def parse_cjk_names(text: str, start: int, end: int, role: str) -> tuple[list[tuple[str, str]], str | None, int] | None:
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
    if not names or not all(is_cjk_name(name) for name in names):
        return None
    following = text[last_end:end].strip(" \u3000)）]】")
    if following and not cjk_rest_is_harmless(following):
        return None
    return [(name, role) for name in names], None, last_end


def cjk_rest_is_harmless(rest: str) -> bool:
    if rest[:1] in "|｜/·•;；,，、" or rest[:1].isspace():
        return True
    date = dates.find_date(rest)
    if date is not None and date.start <= 2:
        return True
    return not is_cjk(rest[:1]) and not rest[:1].isalpha()
