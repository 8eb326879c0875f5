"""Shape measures of keyword lists, gibberish and stuffing (issue 14): what a block *is*, not which
words it uses. These are the cue values the fitted models weigh; the tests check the measures
themselves, so they hold whatever weights a refit gives."""

from __future__ import annotations

from worker.pipeline.extract.normalize import text_blocks
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.lists import SeoLists, choose_separator, find_list, is_term_run, sibling_lists
from worker.pipeline.spam.probe import probe_blocks
from worker.pipeline.spam.shape import code_share, pasted_sentences
from worker.pipeline.spam.statistics import Gibberish, letter_statistics

from tests.unit.test_spam import ARTICLE_EN as ARTICLE_LINES

ARTICLE_EN = "\n".join(ARTICLE_LINES)

# Invented terms, none of them in the detector's lists: the measures must not depend on vocabulary.
KEYWORD_LIST = "quorvane blue outlet, quorvane red outlet, trindle lamps online, velbrook sofas online, marrow chairs online, quorvane green outlet, plinth rugs"


def context(text: str) -> PageContext:
    blocks = text_blocks(text)
    return PageContext(blocks, False, exhaustive=True, content=text)


def index_of(ctx: PageContext, start: str) -> int:
    return next(i for i, block in enumerate(ctx.blocks) if block.text.startswith(start))


def test_a_run_of_long_search_phrases_is_a_list_and_prose_with_commas_is_not():
    # Items longer than names (over 24 characters) still make a comma list when no sentence and
    # hardly a function word is in the block, also when the list is glued after a sentence.
    assert choose_separator(KEYWORD_LIST) == ","
    glued = "Sign in or register to get started. " + KEYWORD_LIST
    assert choose_separator(glued) == ","
    shape = find_list(glued)
    assert shape is not None and shape.items[0] == "quorvane blue outlet"
    prose = (
        "The council, which met on Tuesday evening in the old town hall, approved the budget for the repairs, "
        "the new bridges and the school buildings, and the mayor, who had argued for it since the spring, "
        "thanked the members of the opposition for their questions, their patience and their votes, he said."
    )
    assert not is_term_run(prose, ",", 6) and choose_separator(prose) is None


def test_a_dangling_spaced_separator_counts_as_a_trailing_separator():
    shape = find_list("Alder City - Birch County - Cedar Town - Dover City - Elm County - Fir Town -")
    assert shape is not None and shape.trailing_separator and shape.items[-1] == "Fir Town"


def test_lower_case_search_phrases_are_measured_and_a_list_of_names_is_not():
    ctx = context(ARTICLE_EN + "\n" + KEYWORD_LIST + "\n" + "Anna Berg, Carl Dahl, Eva Holm, Ivo Lund, Jan Moe, Ola Nes, Per Ek" + "\n")
    keywords = SeoLists().best(ctx, index_of(ctx, "quorvane"))
    assert keywords is not None and keywords.cues.values["lowercase_phrases"] == 1.0
    names = SeoLists().best(ctx, index_of(ctx, "Anna"))
    assert names is None or "lowercase_phrases" not in names.cues.values


def test_lists_of_the_same_make_on_a_page_are_counted_as_siblings():
    menus = ["北京 天津 河北 山西 辽宁 吉林 黑龙江", "外交部 国防部 教育部 公安部 民政部 司法部 财政部", "包头市 通辽市 赤峰市 乌海市 满洲里市 呼伦贝尔市"]
    ctx = context("\n".join(menus))
    assert [sibling_lists(ctx, i) for i in range(3)] == [2, 2, 2]
    ctx = context(ARTICLE_EN + "\n" + KEYWORD_LIST)
    assert sibling_lists(ctx, index_of(ctx, "quorvane")) == 0


def test_separators_between_items_are_no_code():
    assert code_share("alpha beta; gamma delta; epsilon zeta;") > 0  # the joined text: ';' marks
    assert code_share(" ".join(find_list("alpha beta; gamma delta; epsilon zeta; eta theta; iota kappa; lambda mu").items)) == 0


def test_gibberish_letter_statistics_separate_random_letters_from_prose():
    vowels, rare = letter_statistics("thecouncilvotedonthebudgetafteralongdebate")
    assert vowels > 0.35 and rare < 0.05
    vowels, rare = letter_statistics("kvzqtrbxjwplmnhgkqzx")
    assert vowels < 0.1 and rare > 0.3
    text = ARTICLE_EN + "\n" + "qwzkt brvxp mnjqk zzptv hxkwq lbvrt gkjzw xqpvm tnrkz wvbjq pxzlt kjqwn" + "\n"
    ctx = context(text)
    verdict = Gibberish().best(ctx, index_of(ctx, "qwzkt"))
    assert verdict is not None and verdict.cues.values["few_vowels"] == 1.0 and verdict.cues.values["rare_letters"] == 1.0


def test_sentences_pasted_again_are_counted():
    pasted = "Get the quorvane lamp at a low price today. " * 3 + "Something else entirely is said here."
    assert pasted_sentences(pasted) == (0.75, 3)
    assert pasted_sentences(ARTICLE_EN) == (0.0, 1)


def test_stuffing_glued_after_a_long_honest_paragraph_is_probed():
    paragraph = " ".join(ARTICLE_LINES[2:7] * 2)
    stuffed = " ".join(["trindle lamps online. trindle lamps cheap. best trindle lamps."] * 5)
    ctx = context(paragraph + " " + stuffed + "\n")
    assert 0 in probe_blocks(ctx).stuffing
    ctx = context(paragraph + "\n")
    assert 0 not in probe_blocks(ctx).stuffing


def test_a_chinese_pool_on_a_latin_page_is_probed_alone_and_glued_to_a_sentence():
    pool = "热门城市： 顺海镇 宝广镇 丰云区 寿西县 福泰县 石梅镇 德京蒙县 石荣大市 舟梅隆乡"
    ctx = context(ARTICLE_EN + "\n" + pool + "\n")  # a Latin page: the pool is a few % of its bytes
    assert index_of(ctx, "热门城市") in probe_blocks(ctx).lists
    sentence = "Participants were asked to give a short speech before an audience of strangers."
    ctx = context(ARTICLE_EN + "\n" + sentence + " " + pool + "\n")
    glued = index_of(ctx, "Participants")
    assert glued in probe_blocks(ctx).lists
    shape = find_list(ctx.texts[glued])
    assert shape is not None and shape.glued and shape.label == "热门城市" and shape.items[0] == "顺海镇"
    assert ctx.texts[glued][shape.start :].startswith("热门城市")


def test_gibberish_glued_after_a_short_paragraph_is_probed_and_read_as_one_line():
    # A paragraph too short for the 100-character tail probe, with random letters glued after its
    # last full stop; random letters make some pronounceable words ('usgou', 'nevnz'), which must
    # not cut the line short.
    sentence = "Credit cards are accepted at most hotels and restaurants in the cities."
    line = "usgou qzdnh gobsmv nzmnl hqvoefhpm cnrrpmllgn Bwxhp cqhmtrxf alsqfmf nevnz sms gqgpouczdlo"
    ctx = context(ARTICLE_EN + "\n" + sentence + " " + line + "\n")
    index = index_of(ctx, "Credit cards")
    assert index in probe_blocks(ctx).gibberish
    verdict = Gibberish().best(ctx, index)
    assert verdict is not None and "a_line_of_its_own" in verdict.cues
    assert verdict.part is not None and ctx.texts[index][verdict.part[0] :].startswith("usgou")
    ctx = context(ARTICLE_EN + "\n" + sentence + "\n")
    assert index_of(ctx, "Credit cards") not in probe_blocks(ctx).gibberish


def test_a_line_of_prose_with_a_few_codes_is_no_line_of_gibberish():
    ctx = context(ARTICLE_EN + "\n" + "The model numbers are XKV, the board is rev 2 and the firmware came from the vendor directly.\n")
    index = index_of(ctx, "The model numbers")
    verdict = Gibberish().best(ctx, index)
    assert verdict is None or "a_line_of_its_own" not in verdict.cues


def test_stuffing_glued_after_a_short_paragraph_is_probed():
    sentence = "The council approved the budget for the repairs of the old bridge on Tuesday."
    stuffed = "trindle lamps online. trindle lamps cheap. best trindle lamps. trindle lamps store. buy trindle lamps."
    ctx = context(ARTICLE_EN + "\n" + sentence + " " + stuffed + "\n")
    assert index_of(ctx, "The council approved") in probe_blocks(ctx).stuffing
    ctx = context(ARTICLE_EN + "\n" + sentence + "\n")
    assert index_of(ctx, "The council approved") not in probe_blocks(ctx).stuffing


def test_varied_wording_is_measured_against_stuffing():
    from worker.pipeline.spam.statistics import Repetition

    stuffed = " ".join(["trindle lamps online. trindle lamps cheap. best trindle lamps."] * 5)
    consent = (
        "Store and/or access information on a device. Use limited data to select advertising. Create profiles for "
        "personalised advertising. Use profiles to select personalised advertising. Create profiles to personalise "
        "content. Use profiles to select personalised content. Measure advertising performance. Measure content performance."
    )
    ctx = context(ARTICLE_EN + "\n" + stuffed + "\n" + consent + "\n")
    keyword = Repetition().score_stuffing(ctx, index_of(ctx, "trindle"))
    notice = Repetition().score_stuffing(ctx, index_of(ctx, "Store and/or"))
    assert keyword is not None and notice is not None
    assert keyword.cues.values.get("varied_words", 0.0) == 0.0
    assert notice.cues.values["varied_words"] > 0.4
