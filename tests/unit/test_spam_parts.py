"""The spam detector's parts: vocabulary matching, list shapes, scripts, statistics, evidence spans."""

from __future__ import annotations

from worker.pipeline.model import Block, RawInput
from worker.pipeline.spam import block_span, merge_touching
from worker.pipeline.model import Span
from worker.pipeline.spam.lists import common_name_unit, find_list, place_share
from worker.pipeline.textfacts import dominant_script, script_profile
from worker.pipeline.spam.statistics import best_run, is_unpronounceable, repetition_probe, vowel_probe
from worker.pipeline.spam.detector import CueModel, Cues, logit_of, sigmoid
from worker.pipeline.spam.vocab import MATCHER, TERMS, TermMatcher


def kinds(text: str) -> list[tuple[int, str, str]]:
    return [(line, term.text, term.kind) for line, term in MATCHER.find(text)]


def test_matcher_finds_terms_by_line_in_any_case_and_on_word_boundaries():
    found = kinds("Best ONLINE CASINO here\nno casinos in this line? casinoX\n六合彩开奖 赌场")
    assert (0, "online casino", "gambling") in found
    assert [text for line, text, kind in found if line == 1] == ["casino"]  # 'casinos' (plural); 'casinoX' is no word
    assert (2, "六合彩", "gambling") in found and (2, "赌场", "gambling") in found


def test_matcher_handles_stems_plurals_and_web_addresses():
    found = kinds("Купить виагру без рецепта\nfree live sex cams\nvisit goldwin88.vip or www.abc.com/x, not e.g. this")
    assert (0, "виагр", "pharma") in found
    assert (1, "sex cam", "adult") in found
    tlds = [text for line, text, kind in found if kind == "tld"]
    assert tlds == [".vip", ".com"]


def test_the_regex_fallback_finds_the_same_terms_as_the_automaton():
    text = "Slot gacor terpercaya\njudi online 博彩网站 casino online\nViagra without prescription, police said"
    fallback = TermMatcher(TERMS)
    fallback.automaton, fallback.regex = None, __import__("re").compile(
        __import__("worker.pipeline.spam.vocab", fromlist=["trie_pattern"]).trie_pattern(fallback.ordered)
    )
    assert sorted((l, t.text) for l, t in fallback.find(text)) == sorted((l, t.text) for l, t in MATCHER.find(text))


def test_find_list_reads_label_items_trailing_separator_and_span():
    text = "主站蜘蛛池模板: 仁化县| 台东县| 景洪市| 来凤县| 保康县| 英德市|"
    shape = find_list(text)
    assert shape is not None
    assert shape.label == "主站蜘蛛池模板"
    assert shape.items == ["仁化县", "台东县", "景洪市", "来凤县", "保康县", "英德市"]
    assert shape.trailing_separator
    assert (shape.start, shape.end) == (0, len(text))


def test_find_list_leaves_out_an_honest_sentence_glued_before_the_list():
    honest = "The council will meet again in March."
    text = honest + " Tags: Adams | Brown | Clark | Douglas | Franklin | Grant"
    shape = find_list(text)
    assert shape is not None and shape.label == "Tags"
    assert text[shape.start : shape.end] == "Tags: Adams | Brown | Clark | Douglas | Franklin | Grant"


def test_an_enumeration_inside_a_sentence_is_marked_embedded():
    shape = find_list(
        "The declaration covers Adams County, Brown County, Clark County, Douglas County, Grant County, Perry County, "
        "Scott County, Pike County and Warren County."
    )
    assert shape is not None and shape.embedded
    assert find_list("Home | News | Sport") is None  # too few items


def test_place_names_are_recognised_by_their_administrative_units_not_by_a_gazetteer():
    spider_pool = ["仁化县", "台东县", "景洪市", "崇文区", "东乌珠穆沁旗", "巨鹿县", "郑州市", "乌审旗"]
    assert place_share(spider_pool) == 1.0
    assert common_name_unit(spider_pool) == "县"
    assert place_share(["Home", "News", "Sport", "Business", "Culture", "Travel", "Video", "Live"]) == 0.0
    assert place_share(["Huyện Mỹ Tú", "Thị xã Ninh Hải", "Quận Kim Sơn", "Xã An Phú"]) == 1.0


def test_script_profile_counts_letters_per_script():
    profile = script_profile("Hello 世界 ひらがな Привет 123 !!")
    assert profile == {"latin": 5, "han": 6, "cyrillic": 6}
    assert dominant_script({"latin": 90, "han": 10}) == ("latin", 0.9)


def test_probes_and_statistics_helpers():
    assert repetition_probe("cheap jerseys online cheap jerseys sale cheap jerseys near me cheap jerseys best cheap jerseys")
    assert not repetition_probe("The council approved a budget of 12 million dollars for road repairs, officials said on Tuesday.")
    assert vowel_probe("xkqzvt brmnwpl tzrkq vbnmxz qwrtpl zxcvbn mnbvcx lkjhgf")
    assert not vowel_probe("The council approved a budget for road repairs on Tuesday evening.")
    assert is_unpronounceable("brmnwpl") and is_unpronounceable("xkqzvt")
    assert not any(is_unpronounceable(word) for word in ("window", "council", "approved", "travel", "district"))
    assert best_run([-1, 1, 1, -1, 2, -3, 1]) == (1, 4, 3.0)


def test_cues_are_weighed_by_the_model_and_scores_are_probabilities():
    cues = Cues()
    cues.add("strong", 1, "strong cue")
    cues.add("nothing", 0.0, "nothing")
    cues.add("share", 2.5, "a share")  # values are clamped to [0, 1]
    model = CueModel(bias=-2.0, weights={"strong": 3.0, "share": -0.5, "unused": 9.0})
    assert cues.values == {"strong": 1.0, "share": 1.0}
    assert model.logit(cues) == 0.5
    assert model.explain(cues) == ["strong cue (+3.0)", "a share (-0.5)"]
    assert model.best_gain(["strong", "share", "unused"]) == 12.0
    assert sigmoid(0.0) == 0.5 and 0.0 <= sigmoid(-100) < 1e-9 and sigmoid(100) == 1.0
    assert abs(sigmoid(logit_of(0.8)) - 0.8) < 1e-12


def test_block_span_maps_a_part_of_a_normalized_block_back_to_the_raw_content():
    content = "Intro line\nHonest\u00a0text  here. 蜘蛛池: 甲县| 乙县| 丙县| 丁县| 戊县|\n"
    start = content.index("Honest")
    end = content.index("\n", start)
    block = Block(text="Honest text here. 蜘蛛池: 甲县| 乙县| 丙县| 丁县| 戊县|", start=start, end=end)
    spam_start = block.text.index("蜘蛛池")
    span = block_span(block, RawInput(content=content), (spam_start, len(block.text)))
    assert content[span.start : span.end] == "蜘蛛池: 甲县| 乙县| 丙县| 丁县| 戊县|"
    whole = block_span(block, RawInput(content=content), None)
    assert (whole.start, whole.end) == (start, end)


def test_merge_touching_joins_spans_separated_only_by_white_space():
    content = "aaa\n  bbb\nccc ddd"
    spans = [Span(0, 3), Span(6, 9), Span(14, 17)]
    assert merge_touching(spans, content) == [Span(0, 9), Span(14, 17)]
