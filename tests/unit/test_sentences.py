"""Sentence splitting: linguistic cases, offsets as a property, and the golden-rule floors."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.devdata import DEVDATA_DIR, golden_rule_language
from worker.pipeline.enrich.sentences import rules_for, split_sentences

GOLDEN = DEVDATA_DIR / "sentences" / "golden_rules.json"


def texts(paragraph: str, language: str | None = "en") -> list[str]:
    return [s.text for s in split_sentences(paragraph, language)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # abbreviations: titles never end a sentence; others only before a sentence starter
        ("Mr. Smith met Dr. Jones at St. Mary's. They talked.", ["Mr. Smith met Dr. Jones at St. Mary's.", "They talked."]),
        ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("He bought apples, pears, etc. The rest was sold.", ["He bought apples, pears, etc.", "The rest was sold."]),
        ("Bring fruit, e.g. Apples or pears.", ["Bring fruit, e.g. Apples or pears."]),
        ("Apple Inc. said on Jan. 20 that sales rose.", ["Apple Inc. said on Jan. 20 that sales rose."]),
        ("The deal closed with Pitt, Briggs & Co. It closed yesterday.", ["The deal closed with Pitt, Briggs & Co.", "It closed yesterday."]),
        ("He is No. 5 on the list. Gov. Newsom agreed.", ["He is No. 5 on the list.", "Gov. Newsom agreed."]),
        ("Please turn to p. 55. Then read on.", ["Please turn to p. 55.", "Then read on."]),
        ("He left at 6 p.m. Travelers stayed.", ["He left at 6 p.m.", "Travelers stayed."]),
        # decimals, money, percentages, ordinals written with digits
        ("Requests fell to 1.49 per 10,000, down 3.5% from 2.1 in 2016. Prices rose.",
         ["Requests fell to 1.49 per 10,000, down 3.5% from 2.1 in 2016.", "Prices rose."]),
        ("Revenue was $66.5 million. Profit was $1.2 billion.", ["Revenue was $66.5 million.", "Profit was $1.2 billion."]),
        ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
        # quotes and brackets after the full stop
        ('"This is great." She held the book out.', ['"This is great."', "She held the book out."]),
        ('She turned to him, "This is great." she said.', ['She turned to him, "This is great." she said.']),
        ("“We will appeal,” he said. “It is not over.”", ["“We will appeal,” he said.", "“It is not over.”"]),
        ('"We lost. We will be back," the coach said.', ['"We lost. We will be back," the coach said.']),
        ("He teaches science (He worked as an engineer.) at the university.", ["He teaches science (He worked as an engineer.) at the university."]),
        ("Its use is documented [2–11]. Leaves are used too.[3] Oils as well.", ["Its use is documented [2–11].", "Leaves are used too.[3]", "Oils as well."]),
        # initials
        ("J. R. R. Tolkien wrote it. Albert I. Jones read it.", ["J. R. R. Tolkien wrote it.", "Albert I. Jones read it."]),
        ("We make a good team, you and I. Did you see him?", ["We make a good team, you and I.", "Did you see him?"]),
        # ellipsis
        ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
        ("He talks slowly... And this is another sentence.", ["He talks slowly...", "And this is another sentence."]),
        ("I wasn't really ... well, what I mean . . . I didn't mean it.", ["I wasn't really ... well, what I mean . . . I didn't mean it."]),
        ('"Bohr [...] used the analogy [...]" (Smith 55).', ['"Bohr [...] used the analogy [...]" (Smith 55).']),
        # URLs, e-mail addresses, host names
        ("Her email is Jane.Doe@example.com. I sent her an email.", ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
        ("See https://www.example.50.com/new-site/page.html. Please check it.", ["See https://www.example.50.com/new-site/page.html.", "Please check it."]),
        ("Visit www.testurl.Awesome.com today.", ["Visit www.testurl.Awesome.com today."]),
        # exclamations, questions, lower-case continuations
        ("Hello!! Long time no see. Is that you?! Yes.", ["Hello!!", "Long time no see.", "Is that you?!", "Yes."]),
        ("She works at Yahoo! in the accounting department.", ["She works at Yahoo! in the accounting department."]),
        ("Mix it -- voila! -- you have cake.", ["Mix it -- voila! -- you have cake."]),
        ('"Is it fixed?" Schiff asked. He left.', ['"Is it fixed?" Schiff asked.', "He left."]),
        ('He asked "why?" The Senate said no.', ['He asked "why?"', "The Senate said no."]),
        # a lost space between sentences
        ("Hello world.Today is Tuesday.Mr. Smith came.", ["Hello world.", "Today is Tuesday.", "Mr. Smith came."]),
        # inline lists and bullets
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("a) here it is b) another c) one more", ["a) here it is", "b) another", "c) one more"]),
        ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
        ("As payment for 1. above, pay the fee; for 2. above, nothing.", ["As payment for 1. above, pay the fee; for 2. above, nothing."]),
        ("Q. What is his name? A. His name is Alfred E. Sloan.", ["Q. What is his name?", "A. His name is Alfred E. Sloan."]),
    ],
)
def test_english(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "language", "expected"),
    [
        # Chinese news: full stops need no space; brackets and book titles are not split
        ("新华社北京1月11日电（记者张三）国家统计局11日发布数据。数据显示，2017年全国居民消费价格同比上涨1.6%。", "zh",
         ["新华社北京1月11日电（记者张三）国家统计局11日发布数据。", "数据显示，2017年全国居民消费价格同比上涨1.6%。"]),
        ("我们明天一起去看《摔跤吧！爸爸》好吗？好！", "zh", ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]),
        ("他说：“我们会继续努力。”随后他离开了会场。", "zh", ["他说：“我们会继续努力。”", "随后他离开了会场。"]),
        ("阿里巴巴表示，假货投诉下降了29%！淘宝关闭了24万家店铺？是的。", "zh", ["阿里巴巴表示，假货投诉下降了29%！", "淘宝关闭了24万家店铺？", "是的。"]),
        # Japanese: a quote closed by 」 and followed by a particle stays in the sentence
        ("彼は「今日は休みです。」と言った。明日は仕事だ。", "ja", ["彼は「今日は休みです。」と言った。", "明日は仕事だ。"]),
        ("引き下げ幅は３．２９％以上を目指す。２％台後半で調整する。", "ja", ["引き下げ幅は３．２９％以上を目指す。", "２％台後半で調整する。"]),
        # other scripts' full stops
        ("सच्चाई यह है कि इसे कोई नहीं जानता। हो सकता है यह विद्रोह रहा हो।", "hi", ["सच्चाई यह है कि इसे कोई नहीं जानता।", "हो सकता है यह विद्रोह रहा हो।"]),
        ("کیا حال ہے؟ ميرا نام ___ ەے۔ میں حالا تاوان دےدوں؟", "ur", ["کیا حال ہے؟", "ميرا نام ___ ەے۔", "میں حالا تاوان دےدوں؟"]),
        ("سؤال وجواب؟ طرح الكثير من التساؤلات. يقول معارضو الرئيس.", "ar", ["سؤال وجواب؟", "طرح الكثير من التساؤلات.", "يقول معارضو الرئيس."]),
        ("Ի՞նչ ես մտածում: Ոչինչ:", "hy", ["Ի՞նչ ես մտածում:", "Ոչինչ:"]),
        ("Ի՞նչ ես մտածում: Ոչինչ:", None, ["Ի՞նչ ես մտածում:", "Ոչինչ:"]),  # Armenian script alone suffices
        ("እንደምን አለህ፧መልካም ቀን ይሁንልህ።እባክሽ ያልሽዉን ድገሚልኝ።", "am", ["እንደምን አለህ፧", "መልካም ቀን ይሁንልህ።", "እባክሽ ያልሽዉን ድገሚልኝ።"]),
        ("Με συγχωρείτε· πού είναι οι τουαλέτες; Τις Κυριακές δε δούλευε κανένας.", "el",
         ["Με συγχωρείτε· πού είναι οι τουαλέτες;", "Τις Κυριακές δε δούλευε κανένας."]),
        ("ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။၇ွင္ေနေကာင္းလား။", "my", ["ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။", "၇ွင္ေနေကာင္းလား။"]),
        # German: ordinals, abbreviations, „…“ quotes
        ("Die Abstimmung war am 12. Juni in Bern. Wir trafen Dr. med. Meyer.", "de", ["Die Abstimmung war am 12. Juni in Bern.", "Wir trafen Dr. med. Meyer."]),
        ("Wir brauchen Getränke, z. B. Wasser, Saft usw. Der Rest kommt später.", "de", ["Wir brauchen Getränke, z. B. Wasser, Saft usw.", "Der Rest kommt später."]),
        ("Sie sagte: „Und auch keine Lust.“ Wir haben 1.000.000 Euro.", "de", ["Sie sagte: „Und auch keine Lust.“", "Wir haben 1.000.000 Euro."]),
        ("Die Messe läuft vom 12. Bis 13. September. Wir sind dabei.", "de", ["Die Messe läuft vom 12. Bis 13. September.", "Wir sind dabei."]),
        # Russian initials and abbreviations, Spanish inverted marks
        ("Д-р наук А. И. Семенов и пр. выступали. В 2010 г. Виктор посещал г. Волгоград.", "ru",
         ["Д-р наук А. И. Семенов и пр. выступали.", "В 2010 г. Виктор посещал г. Волгоград."]),
        ("¿Cómo está hoy? ¡Muy bien! Hola Srta. Ledesma.", "es", ["¿Cómo está hoy?", "¡Muy bien!", "Hola Srta. Ledesma."]),
    ],
)
def test_other_languages(paragraph: str, language: str | None, expected: list[str]) -> None:
    assert texts(paragraph, language) == expected


def test_offsets_point_into_the_paragraph() -> None:
    paragraph = "  Out of every 10,000 requests, 1.49 were fake.  \"It is hard,\" Chen said.  "
    sentences = split_sentences(paragraph, "en")
    assert [(s.start, s.end) for s in sentences] == [(2, 47), (49, 73)]
    assert all(paragraph[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("paragraph", "language", "expected"),
    [
        # quotes or brackets that cannot enclose the candidate: before it only, after it only
        ('"Yes," he said. Then he left.', "en", [('"Yes," he said.', 0, 15), ("Then he left.", 16, 29)]),
        ('He left. Then "it" ended.', "en", [("He left.", 0, 8), ('Then "it" ended.', 9, 25)]),
        # ... and ones that do, in ASCII and non-ASCII text
        ("(He was late. We were not.) Then it rained.", "en",
         [("(He was late. We were not.)", 0, 27), ("Then it rained.", 28, 43)]),
        ("Elle a dit « Non. Jamais. » Puis elle est partie.", "fr",
         [("Elle a dit « Non. Jamais. »", 0, 27), ("Puis elle est partie.", 28, 49)]),
        # a bullet inside a non-ASCII paragraph starts a sentence; a lone sentence keeps its offsets
        ("Première étape • Deuxième étape", "fr", [("Première étape", 0, 14), ("• Deuxième étape", 15, 31)]),
        ("  Une seule phrase ici.  ", "fr", [("Une seule phrase ici.", 2, 23)]),
    ],
)
def test_shortcuts_keep_the_full_rules(paragraph: str, language: str, expected: list[tuple[str, int, int]]) -> None:
    """The shortcuts (one-sentence paragraphs, quote look-ups limited to where they matter) give
    what the full rules give."""
    assert [(s.text, s.start, s.end) for s in split_sentences(paragraph, language)] == expected


def test_line_breaks() -> None:
    assert texts("It was a cold \nnight in the city.") == ["It was a cold \nnight in the city."]
    assert texts("DOWN THE RABBIT-HOLE\n\nAlice was tired.") == ["DOWN THE RABBIT-HOLE", "Alice was tired."]


def test_empty_and_blank() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences("   ", None) == []


def test_language_codes_are_normalised() -> None:
    assert rules_for("de-DE") is rules_for("de")
    assert rules_for("xx") is rules_for(None)


ALPHABET = st.sampled_from(list("abc XYZ .!?…,;:\"'“”‘’«»()[]《》「」。！？।\n\t1209-•é中文かな") + [" . . . ", "Mr.", "U.S.", "e.g.", "1. ", "a) "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join), st.sampled_from([None, "en", "de", "zh", "hy", "el", "ru"]))
def test_sentences_are_ordered_exact_substrings_covering_the_text(paragraph: str, language: str | None) -> None:
    sentences = split_sentences(paragraph, language)
    previous_end = 0
    for sentence in sentences:
        assert sentence.text == paragraph[sentence.start:sentence.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        assert not paragraph[previous_end:sentence.start].strip()  # only white space between
        previous_end = sentence.end
    assert not paragraph[previous_end:].strip()


@pytest.mark.skipif(not GOLDEN.is_file(), reason="dev data not present")
def test_golden_rule_floors() -> None:
    # The golden rules' sentence lists, compared with white space folded (none next to CJK), as
    # ``python -m bench.sentences`` scores them; the floors are the figures it reports, rounded down.
    cjk_space = re.compile(r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])")

    def fold(sentences: list[str]) -> list[str]:
        return [folded for folded in (cjk_space.sub("", " ".join(s.split())) for s in sentences) if folded]

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    passed: dict[str, list[bool]] = {}
    for name, cases in golden.items():
        if name == "benchmarks/english_golden_rules.py::GOLDEN_EN_RULES":
            continue  # the same cases as the English test list
        language = golden_rule_language(name)
        passed[name] = [fold([s.text for s in split_sentences(case["text"], language)]) == fold(case["sentences"]) for case in cases]
    english = passed["tests/lang/test_english.py::GOLDEN_EN_RULES_TEST_CASES"]
    every = [ok for results in passed.values() for ok in results]
    assert sum(english) / len(english) >= 0.95
    assert sum(every) / len(every) >= 0.90
