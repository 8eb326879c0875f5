"""Language identification: the article's language once, then each paragraph's, cheaply.

Answers are ISO 639-1 codes ('en', 'zh', 'ja', 'de', ...). Two sources of evidence:

- **Script.** Counting letters per Unicode script is cheap and often decisive: Han without kana is
  Chinese, any real share of kana is Japanese, Hangul is Korean, and Greek, Armenian, Georgian,
  Hebrew, Thai, Ethiopic... each have one main language. Where a script serves many languages
  (Latin, Cyrillic, Arabic, Devanagari, Bengali) it still narrows the choice.
- **Function words.** In Latin and Cyrillic text a few hundred characters usually show which
  language's most frequent words ('the', 'der', 'que', 'и') dominate; when one clearly does
  (``data/language_stopwords.json``), that is the answer. Close relatives (da/no/sv, es/pt,
  cs/sk, ru/uk/bg) rarely reach the margin and go on to:
- **py3langid**, a naive Bayes model over byte n-grams that ships inside the package. It costs
  0.1-0.2 ms per call (a Python loop over the bytes plus numpy over 140 labels), so a page gets
  at most *one* call for its article language, on a bounded sample of its longest paragraphs,
  and the ranking is read only among the languages the script allows and that news is written
  in (no Latin 'la', Volapük or three-letter labels; 'yue'/'wuu' count as 'zh', 'pcm' as 'en').

Paragraphs inherit the article language unless their script disagrees with it (a Chinese quote
in an English article, a Russian paragraph in a German one); only then, and only when the
paragraph is long enough to judge, is the model run again. The hint (the input's ``language``
field or ``<html lang>``) is normalized ('en-US' -> 'en', 'zh-Hans' -> 'zh', 'iw' -> 'he') and
used only when the text is too short or the model is unsure.

The model is loaded on first use (about a second; :func:`preload` does it at start-up), not at
import; it is read-only afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from worker.pipeline.textfacts import NON_LATIN_LETTER, SCRIPT_LETTER, SCRIPT_RANGES, char_script, load_json, stopwords_by_language


SAMPLE_CHARS = 320  # text given to the model for the article: enough for > 0.99 on news prose
SCRIPT_SAMPLE_PARAGRAPHS = 16  # paragraphs (evenly spread) whose script is counted for the article
STOPWORD_SAMPLE_CHARS = 500  # text whose function words are counted
MIN_STOPWORD_HITS = 6  # function-word opinion: at least this many hits,
MIN_STOPWORD_RATE = 0.12  # this share of the words,
STOPWORD_MARGIN = 2.5  # and this many times the runner-up's hits
MIN_LETTERS = 20  # fewer letters than this: too short to judge, use the hint
MIN_PARAGRAPH_LETTERS = 40  # paragraphs shorter than this inherit the article language
CONFIDENT = 0.60  # below this model probability the hint, when it fits the script, wins
KANA_SHARE_FOR_JAPANESE = 0.05  # of Han+kana letters
MIN_SHARE_TO_OVERRIDE = 0.6  # a paragraph overrules the article's script only with most of its letters
WEIGHT = {"cjk": 3, "hangul": 3}

NON_ASCII_LATIN = re.compile("[" + SCRIPT_RANGES["latin"].removeprefix("A-Za-z") + "]")
KANA = SCRIPT_LETTER["kana"]
LATIN_LETTER = SCRIPT_LETTER["latin"]
WORD = re.compile(r"[^\W\d_]+")
ASCII_LOWER_WORD = re.compile(r"[a-z]+")  # WORD in lower-case ASCII text, faster


# word -> the languages it is a frequent function word of
STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _language, _words in stopwords_by_language().items():
    for _word in _words:
        STOPWORD_LANGUAGES[_word] = (*STOPWORD_LANGUAGES.get(_word, ()), _language)

TABLES = load_json("languages.json")
# Scripts with one main language.
SCRIPT_LANGUAGE = TABLES["script_language"]
# Scripts shared by many languages: the languages the model may choose among, the first being
# the answer when a paragraph is too short for the model.
SCRIPT_CHOICES = TABLES["script_choices"]
# py3langid labels that are dialects or variants of a language we report.
LABEL_ALIASES = TABLES["label_aliases"]
# Script that each reported language is written in (for comparing paragraphs with the article).
LANGUAGE_SCRIPT = {
    **{lang: script for script, langs in SCRIPT_CHOICES.items() for lang in langs},
    **{lang: script for script, lang in SCRIPT_LANGUAGE.items()},
    "zh": "cjk", "ja": "cjk",
}
# Language tags seen in the wild that are not ISO 639-1 (old codes, country codes, ISO 639-2).
TAG_ALIASES = TABLES["tag_aliases"]
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model (loaded once, on first use; read-only afterwards)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Load the model now (e.g. when the worker starts) rather than on the first page."""
    _identifier()


def normalize_language_code(tag: str | None) -> str | None:
    """'en-US' -> 'en', 'zh-Hans-CN' -> 'zh', 'pt_BR' -> 'pt', 'iw' -> 'he'; None if unusable."""
    if not tag:
        return None
    match = LANGUAGE_TAG.match(tag.strip())
    if not match:
        return None
    code = match.group().lower()
    code = TAG_ALIASES.get(code, code)
    return code if len(code) == 2 else None


def detect_article_language(paragraphs: list[str], hint: str | None = None) -> str | None:
    """The language of the article's text; the normalized hint when the text is too short to
    judge; None when there is neither."""
    hint = normalize_language_code(hint)
    step = max(1, len(paragraphs) // SCRIPT_SAMPLE_PARAGRAPHS)
    totals: dict[str, int] = {}
    for text in paragraphs[::step]:
        if text.isascii() or not NON_LATIN_LETTER.search(text, 0, SAMPLE_CHARS):
            # Latin only: what _paragraph_script counts, without building a dict
            if LATIN_LETTER.search(text, 0, SAMPLE_CHARS):
                totals["latin"] = totals.get("latin", 0) + len(text)
            continue
        for name, count in _paragraph_script(text).items():
            totals[name] = totals.get(name, 0) + count
    letters = sum(count for name, count in totals.items() if name != "kana")
    script = _dominant_script(totals)
    if letters < MIN_LETTERS:
        if hint and (script is None or LANGUAGE_SCRIPT.get(hint, script) == script):
            return hint
        return _script_default(script, totals) if script else hint
    if script not in SCRIPT_CHOICES:
        return _script_default(script, totals)
    if len(totals) > 1:  # mixed scripts: read the paragraphs written in the main one
        paragraphs = [text for text in paragraphs if _dominant_script(_paragraph_script(text[:200])) == script]
    by_words = _stopword_language(paragraphs, script)
    if by_words:
        return by_words
    language, probability = _model_language(_sample(paragraphs), script)
    if hint and probability < CONFIDENT and hint in SCRIPT_CHOICES[script]:
        return hint
    return language


def _stopword_language(paragraphs: list[str], script: str) -> str | None:
    """The language whose function words clearly dominate the text, if one does."""
    words: list[str] = []
    size = 0
    for text in paragraphs:
        sample = text[:STOPWORD_SAMPLE_CHARS - size].lower()
        words.extend((ASCII_LOWER_WORD if sample.isascii() else WORD).findall(sample))
        size += len(text)
        if size >= STOPWORD_SAMPLE_CHARS:
            break
    # Each distinct word is looked up once (in order of first use, so the languages enter ``hits``
    # in the order the words' stream would enter them, and ties rank alike).
    hits: dict[str, int] = {}
    for word, times in Counter(words).items():
        for language in STOPWORD_LANGUAGES.get(word, ()):
            hits[language] = hits.get(language, 0) + times
    if not hits:
        return None
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if (best_hits >= MIN_STOPWORD_HITS and best_hits >= MIN_STOPWORD_RATE * len(words)
            and best_hits >= STOPWORD_MARGIN * runner_up and best in SCRIPT_CHOICES[script]):
        return best
    return None


def paragraph_languages(paragraphs: list[str], article_language: str | None) -> list[str | None]:
    """Each paragraph's language: the article's, unless the paragraph's script says otherwise."""
    article_script = LANGUAGE_SCRIPT.get(article_language or "")
    if article_script == "latin":  # the common case, decided without counting for Latin-only paragraphs
        return [article_language if text.isascii() or not NON_LATIN_LETTER.search(text)
                else _paragraph_language(text, article_language, article_script) for text in paragraphs]
    return [_paragraph_language(text, article_language, article_script) for text in paragraphs]


def _paragraph_language(text: str, article_language: str | None, article_script: str | None) -> str | None:
    if article_script == "latin" and (text.isascii() or not NON_LATIN_LETTER.search(text)):
        return article_language  # the common case, decided without counting
    counts = _paragraph_script(text)
    script = _dominant_script(counts)
    if script is None:
        return article_language
    if script == article_script:
        if script == "cjk" and article_language == "zh" and _kana_share(counts) >= KANA_SHARE_FOR_JAPANESE:
            return "ja"
        return article_language
    letters = sum(count for name, count in counts.items() if name != "kana")
    weighted = counts[script] * WEIGHT.get(script, 1)
    if weighted < MIN_PARAGRAPH_LETTERS or counts[script] < MIN_SHARE_TO_OVERRIDE * letters:
        return article_language  # too short, or too mixed, to overrule the article
    if script not in SCRIPT_CHOICES:
        return _script_default(script, counts)
    language, probability = _model_language(text[:SAMPLE_CHARS], script)
    return language if probability >= CONFIDENT else article_language


def _paragraph_script(text: str) -> dict[str, int]:
    """Letters per script in the paragraph, estimated from its first SAMPLE_CHARS characters."""
    if len(text) <= SAMPLE_CHARS:
        return script_counts(text)
    scale = len(text) / SAMPLE_CHARS
    return {name: round(count * scale) for name, count in script_counts(text[:SAMPLE_CHARS]).items()}


def script_counts(text: str) -> dict[str, int]:
    """Letters per script: Latin, and the script of the first non-Latin letter ('cjk' = Han +
    kana, with 'kana' also counted alone). Mixing three scripts in one paragraph is rare enough
    that the third is not looked for."""
    first = None if text.isascii() else NON_LATIN_LETTER.search(text)
    if first is None:  # Latin only: about as many letters as characters, not worth counting
        return {"latin": len(text)} if SCRIPT_LETTER["latin"].search(text) else {}
    counts: dict[str, int] = {}
    latin = len(SCRIPT_LETTER["latin"].findall(text))
    if latin:
        counts["latin"] = latin
    script = char_script(first.group())
    if script is None:
        return counts
    # the other script's letters, estimated as the non-ASCII characters that are not Latin letters
    # (this counts non-ASCII punctuation too, but creates no list of every character)
    others = len(text) - len(text.encode("ascii", "ignore")) - len(NON_ASCII_LATIN.findall(text))
    if script in ("han", "kana"):
        counts["cjk"] = others
        if KANA.search(text):
            counts["kana"] = len(KANA.findall(text))
    else:
        counts[script] = others
    return counts


def _dominant_script(counts: dict[str, int]) -> str | None:
    """The script with most letters, CJK and Hangul weighted (one of their characters carries
    about as much text as a word of an alphabet)."""
    best, best_count = None, 0
    for name, count in counts.items():
        weighted = count * WEIGHT.get(name, 1)
        if name != "kana" and weighted > best_count:
            best, best_count = name, weighted
    return best


def _kana_share(counts: dict[str, int]) -> float:
    return counts.get("kana", 0) / max(1, counts.get("cjk", 0))


def _script_default(script: str, counts: dict[str, int]) -> str | None:
    if script == "cjk":
        return "ja" if _kana_share(counts) >= KANA_SHARE_FOR_JAPANESE else "zh"
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    return SCRIPT_CHOICES[script][0] if script in SCRIPT_CHOICES else None


def _model_language(sample: str, script: str) -> tuple[str, float]:
    """The model's best language among those the script allows, with its probability."""
    allowed = SCRIPT_CHOICES[script]
    for label, probability in _identifier().rank(sample):
        language = LABEL_ALIASES.get(label, label)
        if language in allowed:
            return language, probability
    return allowed[0], 0.0


def _sample(paragraphs: list[str]) -> str:
    """About SAMPLE_CHARS characters of the article's longest paragraphs (captions, datelines and
    link lines are short and least representative), in page order."""
    if sum(len(p) for p in paragraphs) <= SAMPLE_CHARS:
        return " ".join(paragraphs)[:SAMPLE_CHARS]
    ranked = sorted(range(len(paragraphs)), key=lambda i: len(paragraphs[i]), reverse=True)
    chosen, total = [], 0
    for i in ranked:
        chosen.append(i)
        total += len(paragraphs[i]) + 1
        if total >= SAMPLE_CHARS:
            break
    return " ".join(paragraphs[i] for i in sorted(chosen))[:SAMPLE_CHARS]
