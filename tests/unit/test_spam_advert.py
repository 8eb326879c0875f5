"""The advert detector: promotion without the detector's vocabulary, found by its shape."""

from __future__ import annotations

from worker.pipeline.model import Block
from worker.pipeline.spam import advert
from worker.pipeline.spam.context import PageContext
from worker.pipeline.spam.shape import is_throwaway

from tests.unit.test_spam import ARTICLE_EN, page, removed, run

PITCH = "Feeling lucky tonight? Spin the reels at RubyRiver77 and take home $2,500! Join free at rubyriver77.top"


def glued(honest_index: int, spam: str) -> tuple[str, int, int]:
    lines = list(ARTICLE_EN)
    lines[honest_index] = lines[honest_index] + " " + spam
    content = page(lines)
    start = content.index(spam)
    return content, start, start + len(spam)


def test_an_advert_without_promotion_words_glued_to_a_paragraph_is_cut_alone():
    content, start, end = glued(3, PITCH)
    report, _ = run(content)
    bad = removed(report)
    assert len(bad) == 1, [(f.kind, f.action, f.reason) for f in report.findings]
    assert bad[0].detector == "advert"
    assert [(s.start, s.end) for s in bad[0].evidence] == [(start, end)]
    assert report.trimmed_blocks == {3: ARTICLE_EN[3]}


def test_an_advert_on_its_own_line_is_removed_whole():
    lines = ARTICLE_EN[:5] + [PITCH] + ARTICLE_EN[5:]
    report, _ = run(page(lines))
    bad = removed(report)
    assert len(bad) == 1 and bad[0].detector == "advert"
    assert report.removed_blocks == {5}


def test_honest_contact_lines_are_left_alone():
    lines = ARTICLE_EN[:6] + [
        "For more information about the road repairs, residents can call +1 555 201 4477 or visit cityroads.gov.",
        "Follow our transport reporter on Twitter @jdoe_roads for updates on the works.",
        "© 2025 The Valley Herald. All rights reserved. Contact: newsdesk@valleyherald.com",
    ] + ARTICLE_EN[6:]
    report, _ = run(page(lines))
    assert report.findings == []


def test_a_quoted_advert_in_a_report_is_not_removed():
    quoted = (
        "One message seen by reporters read: \"Spin the reels at RubyRiver77 and take home $2,500! "
        "Join free at rubyriver77.top\", police said on Monday."
    )
    lines = ARTICLE_EN[:4] + [quoted] + ARTICLE_EN[4:]
    report, _ = run(page(lines))
    assert removed(report) == []


def test_the_sites_own_promotion_is_not_an_unknown_seller():
    lines = ARTICLE_EN[:6] + [
        "Subscribe to ValleyHerald Plus for just $1 a week and get every story first! valleyherald.com/plus",
        "ValleyHerald Plus subscribers also get the weekly newsletter.",
    ] + ARTICLE_EN[6:]
    report, _ = run(page(lines))
    assert removed(report) == []


def test_brand_shapes_and_throwaway_addresses():
    assert advert.BRAND.search("play at WinBig777 now").group() == "WinBig777"
    assert advert.BRAND.search("meet NightFlirt girls").group() == "NightFlirt"
    assert advert.BRAND.search("on the 30th of May, 1990s music") is None
    assert is_throwaway("777zone.net") and is_throwaway("acewin.top")
    assert not is_throwaway("cityroads.gov") and not is_throwaway("example.com")


def test_foreign_run_finds_another_script_inside_the_text():
    assert advert.foreign_run("Play at 宝马会 tonight and win big money with us") == "宝马会"
    assert advert.foreign_run("An ordinary English sentence “with quotes” in it") == ""
    assert advert.foreign_run("这是一段中文新闻 iPhone 发布会") == ""  # Latin names in Chinese text are ordinary


def test_candidates_need_a_contact_and_an_offer_or_the_reader_addressed():
    texts = [
        "The council met on Tuesday to discuss the budget for the next year.",
        "Contact the newsroom at newsdesk@valleyherald.com or visit valleyherald.com.",
        "Win $500 today at luckyspin.vip, the best games for you!",
    ]
    ctx = PageContext([Block(text, 0, 0) for text in texts], is_html=False)
    assert advert.candidate_blocks(ctx) == [2]


def test_gibberish_glued_after_a_paragraph_is_cut_alone_and_real_words_are_not_gibberish():
    from worker.pipeline.spam.statistics import is_unpronounceable

    assert all(not is_unpronounceable(w) for w in ("week", "work", "knowledge", "wszystkie", "kwiecień", "zawsze", "review"))
    assert all(is_unpronounceable(w) for w in ("qahuunmoijj", "vokicgq", "wqwzkn"))
    spam = (
        "mgp hfgjbgtqwp qbtbaiu mgo vxrvwfx jrnwrw qahuunmoijj vokicgq wqwzkn wltgf kmqnpa bjwkljwepf "
        "zxkqv brtnwpl qwzxkj vbnmxz trwqzx plmkjnx"
    )
    content, start, end = glued(2, spam)
    report, _ = run(content)
    bad = removed(report)
    assert len(bad) == 1 and bad[0].kind == "gibberish"
    [span] = bad[0].evidence
    # The run may leave out a pronounceable-looking first word or two, never the honest sentence.
    assert start <= span.start < start + 40 and span.end == end
