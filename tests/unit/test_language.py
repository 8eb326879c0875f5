"""Language identification: hint normalisation, article language, per-paragraph overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.enrich import language
from worker.pipeline.enrich.language import detect_article_language, normalize_language_code, paragraph_languages

from worker.devdata import DEVDATA_DIR

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "expected.json"
DEVDATA = DEVDATA_DIR

ENGLISH = [
    "E-commerce giant Alibaba Group Holding Ltd made considerable progress in stamping out counterfeit goods "
    "on its online shopping portal Taobao in 2017, as consumer requests for return of goods fell 29 percent.",
    "The report is the first of its kind and was released after Jack Ma, the founder of Alibaba, proposed "
    "coping with knockoffs in the same way as we cope with drunk driving.",
]
GERMAN = [
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Digitalisierung der Verwaltung "
    "beschleunigen soll. Nach Angaben des Ministeriums werden die Kosten auf mehrere Milliarden Euro geschätzt.",
]
CHINESE = "国家统计局11日发布数据显示，2017年全国居民消费价格同比上涨1.6%，涨幅比上年回落0.4个百分点。"
JAPANESE = "自民党税制調査会の幹部は、引き下げ幅は３．２９％以上を目指すことになると指摘していて、今後、公明党と合意したうえで決定します。"
KOREAN = "김종국은 지난 24일 서울에서 열린 콘서트에서 팬들과 만나 새 앨범에 대한 이야기를 나눴다고 소속사가 밝혔다."
RUSSIAN = "Правительство России в среду утвердило новый закон, который должен ускорить цифровизацию государственного управления."


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh_TW", "zh"), ("pt_BR", "pt"), ("DE", "de"),
     ("iw", "he"), ("in", "id"), ("jp", "ja"), ("eng", "en"), ("", None), (None, None), ("x-klingon", None), ("123", None)],
)
def test_normalize_language_code(tag: str | None, code: str | None) -> None:
    assert normalize_language_code(tag) == code


@pytest.mark.parametrize(
    ("paragraphs", "language"),
    [
        (ENGLISH, "en"),
        (GERMAN, "de"),
        ([CHINESE], "zh"),
        ([JAPANESE], "ja"),
        ([KOREAN], "ko"),
        ([RUSSIAN], "ru"),
        (["Ο πρωθυπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει τις επιχειρήσεις που επλήγησαν."], "el"),
        (["El Gobierno aprobó el miércoles una nueva ley que acelerará la digitalización de la administración pública."], "es"),
        (["O governo aprovou na quarta-feira uma nova lei que vai acelerar a digitalização da administração pública."], "pt"),
        (["Le gouvernement a adopté mercredi une nouvelle loi qui doit accélérer la numérisation de l'administration."], "fr"),
    ],
)
def test_article_language(paragraphs: list[str], language: str) -> None:
    assert detect_article_language(paragraphs, None) == language


def test_hint_only_when_the_text_cannot_tell() -> None:
    assert detect_article_language([], None) is None
    assert detect_article_language([], "fr-FR") == "fr"
    assert detect_article_language(["OK", "2018"], "de-DE") == "de"
    assert detect_article_language(ENGLISH, "fr") == "en"  # the text wins over a wrong hint
    assert detect_article_language([CHINESE], "zh-Hans") == "zh"
    assert detect_article_language(["新闻"], "ja") == "ja"  # too short, and the hint fits the script
    assert detect_article_language(["新闻"], "en") == "zh"  # too short, but the hint contradicts the script


def test_paragraphs_inherit_unless_their_script_disagrees() -> None:
    paragraphs = [*ENGLISH, CHINESE, "Photo: Xu Peiqin", "王毅", RUSSIAN]
    assert paragraph_languages(paragraphs, "en") == ["en", "en", "zh", "en", "en", "ru"]
    # a Japanese paragraph in a Chinese article; an English one in a Chinese article
    assert paragraph_languages([CHINESE, JAPANESE, ENGLISH[0]], "zh") == ["zh", "ja", "en"]
    # a German article's English paragraph is not looked at (same script): it inherits
    assert paragraph_languages([*GERMAN, ENGLISH[0]], "de") == ["de", "de"]
    assert paragraph_languages([], "en") == []
    assert paragraph_languages(["Mixed 文字 text with a few 汉字 in it, mostly English words here."], "en") == ["en"]


@pytest.mark.skipif(not SEED.is_file(), reason="seed page not present")
def test_seed_page_is_english() -> None:
    paragraphs = json.loads(SEED.read_text(encoding="utf-8"))["paragraphs"]
    language = detect_article_language(paragraphs, None)
    assert language == "en"
    assert set(paragraph_languages(paragraphs, language)) == {"en"}


def _bodies(dataset: str) -> list[tuple[str, list[str]]]:
    truth = json.loads((DEVDATA / dataset / "ground_truth.json").read_text(encoding="utf-8"))
    return [(page.get("url") or "", [line.strip() for line in page["body"].split("\n") if line.strip()]) for page in truth.values()]


@pytest.mark.skipif(not (DEVDATA / "zh").is_dir(), reason="dev data not present")
def test_chinese_dev_pages() -> None:
    assert [detect_article_language(body, None) for _, body in _bodies("zh")] == ["zh"] * len(_bodies("zh"))


# Pages whose language the address gives away (country domains, site names); the rest of AEB is English.
URL_LANGUAGE = {
    ".ru/": "ru", ".com.br/": "pt", ".co.kr/": "ko", ".it/": "it", "comwrap.com": "de", "kabarislamia.com": "id",
    "note100yen.com": "ja", "lhpat-tm.com": "ja", "vse-diety.com": "ru",
}


@pytest.mark.skipif(not (DEVDATA / "aeb").is_dir(), reason="dev data not present")
def test_aeb_pages_with_a_known_language() -> None:
    checked = 0
    for url, body in _bodies("aeb"):
        expected = next((language for marker, language in URL_LANGUAGE.items() if marker in url), None)
        if expected:
            assert detect_article_language(body, None) == expected, url
            checked += 1
    assert checked >= 18


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc xyz.,!éü中文かなカ한국Ωλжщ١٢عربיםअक")), max_size=60), max_size=8),
       st.sampled_from([None, "en", "zh-CN", "xx", "ru"]))
def test_any_text_gets_a_two_letter_code_or_none(paragraphs: list[str], hint: str | None) -> None:
    language = detect_article_language(paragraphs, hint)
    assert language is None or (len(language) == 2 and language.islower())
    languages = paragraph_languages(paragraphs, language)
    assert len(languages) == len(paragraphs)
    assert all(code is None or len(code) == 2 for code in languages)


def reference_stopword_language(paragraphs: list[str], script: str) -> str | None:
    """language._stopword_language with one dictionary look-up per word of the stream."""
    words, size = [], 0
    for text in paragraphs:
        sample = text[: language.STOPWORD_SAMPLE_CHARS - size].lower()
        words.extend((language.ASCII_LOWER_WORD if sample.isascii() else language.WORD).findall(sample))
        size += len(text)
        if size >= language.STOPWORD_SAMPLE_CHARS:
            break
    hits: dict[str, int] = {}
    for word in words:
        for name in language.STOPWORD_LANGUAGES.get(word, ()):
            hits[name] = hits.get(name, 0) + 1
    if not hits:
        return None
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if (best_hits >= language.MIN_STOPWORD_HITS and best_hits >= language.MIN_STOPWORD_RATE * len(words)
            and best_hits >= language.STOPWORD_MARGIN * runner_up and best in language.SCRIPT_CHOICES[script]):
        return best
    return None


# Function words several languages share ('de', 'en', 'la', 'a') and some that only one uses.
SHARED_WORDS = st.sampled_from(["de", "en", "la", "a", "die", "el", "le", "et", "og", "och", "het", "que", "Fire", "ruins"])
ENGLISH_WORDS = st.sampled_from(["the", "and", "of", "is", "to", "was"])
GERMAN_WORDS = st.sampled_from(["der", "und", "ist", "zu", "nicht", "das"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(SHARED_WORDS | ENGLISH_WORDS | GERMAN_WORDS, max_size=40).map(" ".join), max_size=4))
def test_function_words_are_counted_as_one_lookup_a_word_would(paragraphs):
    assert language._stopword_language(paragraphs, "latin") == reference_stopword_language(paragraphs, "latin")
