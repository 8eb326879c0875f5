"""Facts about text that every pipeline stage relies on, defined once: scripts and their character
ranges, word splitting and counting, function words, and loading of the data files.

Stages import these names and never write a range, a script table or a word list of their own:
when two stages disagreed about what a Han character is, the same line was Chinese to one and
noise to another. Character classes are built from the named ranges below with the stdlib ``re``
(explicit ranges run several times faster than ``regex``'s ``\\p{Han}``); the ``regex`` module is
used only where Unicode properties are the definition (:data:`WORD_PATTERN`).

Data files live in ``worker/pipeline/data/``; each is read once per process (``functools.cache``)
and is read-only afterwards.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import cache
from pathlib import Path

import regex

DATA_DIR = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------------------------------------
# Character ranges (for use inside a character class: f"[{HAN}{KANA}]")

KANA = "\u3040-\u30ff"  # Hiragana and Katakana
HIRAGANA = "\u3040-\u309f"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK Unified Ideographs and Extension A
HAN_COMPATIBILITY = "\uf900-\ufaff"  # CJK Compatibility Ideographs
HANGUL = "\uac00-\ud7af"  # Hangul syllables
THAI = "\u0e00-\u0e7f"
CJK_SYMBOLS = "\u2e80-\u303f"  # CJK radicals, ideographic description, CJK symbols and punctuation
BOPOMOFO = "\u3100-\u312f"
FULLWIDTH_FORMS = "\uff00-\uffef"  # half- and full-width forms (full-width punctuation, ASCII, kana)

# Scripts written without spaces between words (Hangul is spaced, Thai is not but is alphabetic).
UNSPACED = KANA + HAN + HAN_COMPATIBILITY
UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")
# Scripts whose terms match inside longer runs of letters (no word boundaries to anchor on).
UNSEGMENTED = THAI + KANA + HAN + HANGUL
# Everything an East Asian line is made of: ideographs, kana, bopomofo, their punctuation and the
# full-width forms (a line break between two of these is layout, not a space).
EAST_ASIAN = CJK_SYMBOLS + KANA + BOPOMOFO + HAN + HAN_COMPATIBILITY + FULLWIDTH_FORMS

# UTF-8 lead bytes of U+3000..U+9FFF (CJK punctuation, kana, Han): counting or finding these bytes
# in encoded text is a C-speed test for those characters.
CJK_LEAD_BYTES = bytes(range(0xE3, 0xEA))
NOT_CJK_LEAD_BYTES = bytes(byte for byte in range(256) if byte not in CJK_LEAD_BYTES)


def is_unspaced_char(char: str) -> bool:
    """Whether one character is Han, Hiragana or Katakana."""
    return UNSPACED_CHAR.match(char) is not None


# ---------------------------------------------------------------------------------------------
# Scripts

# Letters of each script, for language identification and script comparison.
SCRIPT_RANGES: dict[str, str] = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "cyrillic": "\u0400-\u052f",
    "armenian": "\u0531-\u058f",
    "hebrew": "\u0590-\u05ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe",
    "devanagari": "\u0900-\u097f",
    "bengali": "\u0980-\u09ff",
    "gurmukhi": "\u0a00-\u0a7f",
    "gujarati": "\u0a80-\u0aff",
    "oriya": "\u0b00-\u0b7f",
    "tamil": "\u0b80-\u0bff",
    "telugu": "\u0c00-\u0c7f",
    "kannada": "\u0c80-\u0cff",
    "malayalam": "\u0d00-\u0d7f",
    "sinhala": "\u0d80-\u0dff",
    "thai": THAI,
    "lao": "\u0e80-\u0eff",
    "myanmar": "\u1000-\u109f",
    "georgian": "\u10a0-\u10ff",
    "ethiopic": "\u1200-\u139f",
    "khmer": "\u1780-\u17ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f" + HANGUL,
    "kana": KANA + "\u31f0-\u31ff\uff66-\uff9f",
    "han": HAN + HAN_COMPATIBILITY,
}
SCRIPT_LETTER = {name: re.compile(f"[{chars}]") for name, chars in SCRIPT_RANGES.items()}
NON_LATIN_LETTER = re.compile("[" + "".join(chars for name, chars in SCRIPT_RANGES.items() if name != "latin") + "]")


def _range_table() -> tuple[list[int], list[tuple[int, str]]]:
    """Sorted starts, and (end, script) of every code-point range of SCRIPT_RANGES."""
    ranges = []
    for name, chars in SCRIPT_RANGES.items():
        for first, last in re.findall(r"(.)-(.)", chars):
            ranges.append((ord(first), ord(last), name))
    ranges.sort()
    return [start for start, _, _ in ranges], [(end, name) for _, end, name in ranges]


_RANGE_STARTS, _RANGE_ENDS = _range_table()


def char_script(char: str) -> str | None:
    """The script of one character, None for digits, punctuation, symbols and unlisted scripts."""
    code = ord(char)
    index = bisect_right(_RANGE_STARTS, code) - 1
    if index >= 0 and code <= _RANGE_ENDS[index][0]:
        return _RANGE_ENDS[index][1]
    return None


# Japanese mixes kana with Han: when scripts are compared, they count as one family.
SCRIPT_FAMILY = {"kana": "han"}


def script_profile(text: str) -> dict[str, int]:
    """Letter count per script family in ``text``. Each *distinct* character is classified once
    (after a C-speed ``Counter``), so the cost grows with the alphabet, not with the text."""
    counts: dict[str, int] = {}
    for char, count in Counter(text).items():
        name = char_script(char)
        if name:
            name = SCRIPT_FAMILY.get(name, name)
            counts[name] = counts.get(name, 0) + count
    return counts


def sampled_profile(text: str, sample_chars: int = 1500) -> dict[str, int]:
    """Letter counts of an evenly spaced sample of about ``sample_chars`` characters, scaled back."""
    step = len(text) // sample_chars
    if step <= 1:
        return script_profile(text)
    return {name: count * step for name, count in script_profile(text[::step]).items()}


def dominant_script(counts: dict[str, int]) -> tuple[str, float]:
    """The script with most letters and its share of all letters ('' when there are none)."""
    total = sum(counts.values())
    if not total:
        return "", 0.0
    name = max(counts, key=counts.__getitem__)
    return name, counts[name] / total


# ---------------------------------------------------------------------------------------------
# Words

# One token: a CJK character alone, or a run of other letters/digits. Linear-time (no nesting).
WORD_PATTERN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{N}--\p{Han}\p{Hiragana}\p{Katakana}]+", regex.V1)
# The same tokens in ASCII text, where the only letters and digits are [A-Za-z0-9]: the stdlib
# engine runs this class several times faster than WORD_PATTERN's Unicode property sets.
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
# Runs of letters of spaced scripts (no digits, no Han/kana).
SPACED_WORD = re.compile(f"[^\\W{UNSPACED}]+")
LETTER_RUN = re.compile(r"[^\W\d_]+")
# Everything that is not a letter: digits, punctuation, symbols, white space.
NOT_LETTER = re.compile(r"[\W\d_]+")
# The letters of ASCII text (for counting them with bytes.translate).
ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Non-ASCII punctuation and spaces common in otherwise-ASCII text (curly quotes, dashes, ellipsis,
# NBSP, guillemets, bullets). None is a letter or digit, so each only separates tokens, like a space:
# text made of ASCII and these has the tokens the ASCII pattern finds in it.
ASCII_SEPARATORS = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb\u2022\u00b7"
NOT_ASCII_NOR_SEPARATOR = re.compile(f"[^\\x00-\\x7f{ASCII_SEPARATORS}]")


def ascii_tokens_suffice(text: str) -> bool:
    """Whether the text holds nothing but ASCII and :data:`ASCII_SEPARATORS`: then its letters,
    digits and tokens are the ASCII ones (a scan in C; faster than translating the separators)."""
    return text.isascii() or NOT_ASCII_NOR_SEPARATOR.search(text) is None


def words(text: str) -> list[str]:
    """Tokens of ``text``: each Han/kana character alone, else runs of letters and digits (with an
    exact fast path: the stdlib engine's ASCII pattern finds the very same tokens in text that
    :func:`ascii_tokens_suffice` for)."""
    return ASCII_WORD.findall(text) if ascii_tokens_suffice(text) else WORD_PATTERN.findall(text)


def count_words(text: str) -> int:
    """How many :func:`words` the text holds (CJK characters count one each)."""
    return len(words(text))


def _is_word_char(char: str) -> bool:
    """The stdlib ``re``'s ``\\w`` on a str pattern, exactly: letters and digits of every script, and '_'."""
    return char.isalnum() or char == "_"


def whole_word_count(needle: str, text: str) -> int:
    """How many times ``needle`` stands in ``text`` as a whole word, not inside a longer one ('Tom'
    is not in 'Tomorrow'), counted as ``re.findall(rf"(?<!\\w){re.escape(needle)}(?!\\w)", text)``
    counts (left to right, matches not overlapping). A pattern that opens with a lookbehind gets
    no literal-prefix scan in the stdlib engine and is tried at every position; ``str.find`` skips
    to the candidates, so this is many times faster on a page's text."""
    if not needle:
        return len(re.findall(r"(?<!\w)(?!\w)", text))
    count, start, length = 0, text.find(needle), len(needle)
    while start >= 0:
        end = start + length
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            count += 1
            start = text.find(needle, end)
        else:
            start = text.find(needle, start + 1)
    return count


# Topic units of scripts that do not put spaces between words (see :func:`unspaced_grams`).
HAN_RUN = re.compile(f"[{HAN}]+")
THAI_RUN = re.compile(f"[{THAI}]+")


def unspaced_grams(text: str) -> list[str]:
    """Word-like units of the text's Han and Thai runs, without a dictionary: Han character
    bigrams (most Chinese words are two characters) and Thai character trigrams (about a syllable
    and a half). Two texts on one topic share many of these; unrelated texts share few."""
    grams = []
    for run in HAN_RUN.findall(text):
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    for run in THAI_RUN.findall(text):
        grams.extend(run[i : i + 3] for i in range(len(run) - 2))
    return grams


def unspaced_count(text: str) -> int:
    """How many Han, Hiragana and Katakana characters the text holds (runs are counted in C)."""
    return sum(map(len, UNSPACED_RUN.findall(text)))


# ---------------------------------------------------------------------------------------------
# Function words


@cache
def stopwords_by_language() -> dict[str, frozenset[str]]:
    """Each language's most frequent words (``language_stopwords.json``): what identifies a
    language in a few hundred characters, and what says nothing about a topic."""
    table = load_json("language_stopwords.json")
    return {language: frozenset(words.split()) for language, words in table.items() if not language.startswith("_")}


@cache
def all_stopwords() -> frozenset[str]:
    """The union of :func:`stopwords_by_language`."""
    return frozenset(word for words in stopwords_by_language().values() for word in words)


@cache
def prose_function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words, characters) that make up a third or more of prose in their languages: articles,
    prepositions, pronouns, auxiliaries (``prose_function_words.json``), and the characters that
    play that role in Chinese and Japanese. Menus, tag clouds and headlines hold far fewer."""
    table = load_json("prose_function_words.json")
    words = frozenset(word for language, line in table["words"].items() for word in line.split())
    return words, frozenset(table["unspaced_characters"])


# ---------------------------------------------------------------------------------------------
# Data files


def data_path(name: str) -> Path:
    return DATA_DIR / name


@cache
def load_json(name: str):
    """A JSON data file (read once; callers must not change what it returns)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without comments and blank lines; last cell NFC, lower case."""
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        cells[-1] = unicodedata.normalize("NFC", cells[-1].strip().lower())
        rows.append(cells)
    return rows
