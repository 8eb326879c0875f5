"""Bylines and photo credits: cues in many languages, names, outlets, spans, and what is no byline."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.segment.bylines import parse_byline
from worker.pipeline.segment.credits import parse_photo_credit

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "ecns-counterfeits.txt"


def people(text: str) -> list[tuple[str, str]] | None:
    byline = parse_byline(text)
    return None if byline is None else [(c.name, c.role) for c in byline.contributors]


def source(text: str) -> str | None:
    byline = parse_byline(text)
    return None if byline is None else byline.source


# ----------------------------------------------------------------------------------------------
# English
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Sarah E. Needleman", [("Sarah E. Needleman", "author")]),
        ("by Jeff Foust", [("Jeff Foust", "author")]),
        ("By Jane Doe and John Smith, Reuters", [("Jane Doe", "author"), ("John Smith", "author")]),
        ("By JANE DOE | Associated Press", [("Jane Doe", "author")]),
        ("By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER",
         [("Lisa Mascaro", "author"), ("Mary Clare Jalonick", "author"), ("Eric Tucker", "author")]),
        ("By Stefan Becket, Kathryn Watson, Grace Segers",
         [("Stefan Becket", "author"), ("Kathryn Watson", "author"), ("Grace Segers", "author")]),
        ("By Abigail Van Buren", [("Abigail Van Buren", "author")]),
        ("By Ludwig van der Berg", [("Ludwig van der Berg", "author")]),
        ("By Jean-Luc O'Brien", [("Jean-Luc O'Brien", "author")]),
        ("By Sandee LaMotte, CNN", [("Sandee LaMotte", "author")]),
        ("Editor: Liang Meichen", [("Liang Meichen", "editor")]),
        ("Written by Rachael Link, MS, RD on November 14, 2019", [("Rachael Link", "author")]),
        ("Posted by Michael David Smith on November 19, 2019, 6:21 AM EST", [("Michael David Smith", "author")]),
        ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", [("Umair Irfan", "author")]),
        ("By Meg JamesStaff Writer", [("Meg James", "author")]),
        ("By Jonathan GarberFOXBusiness", [("Jonathan Garber", "author")]),
        ("By Amanda FurrerUpdated: Nov 20, 2025", [("Amanda Furrer", "author")]),
        ("By A. J. Neal", [("A. J. Neal", "author")]),  # an initial "A." is no article
        ("Written by: Emily Walker", [("Emily Walker", "author")]),
        ("Thread starter ridwan123 Start date Jan 3, 2024", [("ridwan123", "author")]),  # a forum user name
        ("By Chris Pokorny@DawgsByNature Nov 18, 2019, 11:47am EST", [("Chris Pokorny", "author")]),
        ("By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space", [("Tim Childers", "author")]),
        ("September 10, 2018 | by Catherine", [("Catherine", "author")]),
        ("Reporting by Jane Doe; Editing by John Smith", [("Jane Doe", "reporter"), ("John Smith", "editor")]),
        ("(Reporting by Will Dunham in Washington; Additional reporting by Bob Lee; Editing by Tom Brown)",
         [("Will Dunham", "reporter"), ("Bob Lee", "contributor"), ("Tom Brown", "editor")]),
        ("Text: Jane Doe", [("Jane Doe", "author")]),
        ("Translated by Ann Lee", [("Ann Lee", "translator")]),
        ("Photo: Jane Doe/AFP", [("Jane Doe", "photographer")]),
        ("Photograph: Tim Robberts/Getty Images", [("Tim Robberts", "photographer")]),
        ("Photo: David Zalubowski, STF / Associated Press", [("David Zalubowski", "photographer")]),
        ("Photo by Kirk Irwin/Getty Images", [("Kirk Irwin", "photographer")]),
        ("(Xu Peiqin / For China Daily)", [("Xu Peiqin", "photographer")]),
    ],
)
def test_english_bylines(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Jane Doe and John Smith, Reuters", "Reuters"),
        ("By JANE DOE | Associated Press", "Associated Press"),
        ("By Andy Sahadeo | Fox News", "Fox News"),
        ("By Sandee LaMotte, CNN", "CNN"),
        ("Source: Xinhua", "Xinhua"),
        ("SOURCE: Al Jazeera News", "Al Jazeera News"),
        ("Source: Russian Defense Ministry, October 25, 2019", "Russian Defense Ministry"),
        ("Reuters November 18, 2019 11:03 PM", "Reuters"),
        ("By The Associated Press", "Associated Press"),
        ("By Reuters", "Reuters"),
        ("By CNN Staff", "CNN"),
        ("Por EFE", "EFE"),
        ("Von dpa", "dpa"),
        ("By AFP | Nov 20, 2019", "AFP"),
        ("Photo: Jane Doe/AFP", None),  # a photo agency is not the story's source
        ("By Sarah E. Needleman", None),
    ],
)
def test_credited_source(text, expected):
    assert source(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The report was written by the ministry's staff.",
        "Editor's note: this story was updated on Tuesday.",
        "He said: 'We will win.'",
        "By Any Means Necessary",
        "By signing up, you agree to our Privacy Policy and European users agree to the data transfer policy.",
        "By choosing I Accept, you consent to our use of cookies.",
        "By most accounts, the law worked.",
        "By subject",
        "By Staff Reports -",
        "Image: Jose Mourinho, left, has replaced Mauricio Pochettino as manager of Tottenham",
        "Powered by BlogDriver 2.1",
        "Journals by Title",
        "Playoff picture: Raiders in pursuit",
        "Text:AAAPrint",
        "ECNS App Download",
        "Related news",
        "Photo of the Day",
        "By The Numbers: Five Things To Know Today",
        "By 2020, the company expects to grow.",
        "By March, prices rose",
        "By May the deal was done.",
        "By Monday, the storm had passed.",
        "By Christmas, all of it was gone",
        "Por Redacción",
        "",
    ],
)
def test_english_non_bylines(text):
    byline = parse_byline(text)
    assert byline is None or not byline.contributors


# ----------------------------------------------------------------------------------------------
# Other languages
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Von Max Mustermann", [("Max Mustermann", "author")]),
        ("Von Moritz Bachmann publiziert am 25. September 2018", [("Moritz Bachmann", "author")]),
        ("Par Jean Dupont", [("Jean Dupont", "author")]),
        ("Texte : Marie Curie", [("Marie Curie", "author")]),
        ("Por María García", [("María García", "author")]),
        ("Texto: Ana Souza", [("Ana Souza", "author")]),
        ("Fotos: Pedro Alves", [("Pedro Alves", "photographer")]),
        ("Foto: Hans Meier", [("Hans Meier", "photographer")]),
        ("Door Jan de Vries", [("Jan de Vries", "author")]),
        ("Oleh Budi Santoso", [("Budi Santoso", "author")]),
        ("Автор: Иван Петров", [("Иван Петров", "author")]),
        ("Текст: Венера Ерофеева·24 сентября 2018", [("Венера Ерофеева", "author")]),
        ("Фото: Анна Иванова", [("Анна Иванова", "photographer")]),
        ("홍길동 기자", [("홍길동", "reporter")]),
    ],
)
def test_other_language_bylines(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text", ["Von den 500 Teilnehmern kamen viele.", "Par ailleurs, la ville a décidé.",
                                  "Por otro lado, el gobierno anunció."])
def test_other_language_non_bylines(text):
    assert parse_byline(text) is None


# ----------------------------------------------------------------------------------------------
# Chinese
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("记者 张三 李四", [("张三", "reporter"), ("李四", "reporter")]),
        ("本报记者 王五", [("王五", "reporter")]),
        ("□ 本报记者 葛灵丹", [("葛灵丹", "reporter")]),
        ("编辑：赵六", [("赵六", "editor")]),
        ("编辑:李楠", [("李楠", "editor")]),
        ("责任编辑：孙重远", [("孙重远", "editor")]),
        ("(责编：萧潇、张妍)", [("萧潇", "editor"), ("张妍", "editor")]),
        ("作者：罗银胜", [("罗银胜", "author")]),
        ("作者: 赵 培：北京物资学院，北京", [("赵培", "author")]),  # a name spaced out
        ("文/张三", [("张三", "author")]),
        ("图/李四", [("李四", "photographer")]),
        ("摄影：王小明", [("王小明", "photographer")]),
        ("光明日报记者 王建宏 张文攀", [("王建宏", "reporter"), ("张文攀", "reporter")]),
        ("新京报记者 彭冲 山东冠县报道", [("彭冲", "reporter")]),
        ("本报实习生 刘国栋 周炜", [("刘国栋", "contributor"), ("周炜", "contributor")]),
        ("来源：巴彦淖尔日报    编辑：苏亮", [("苏亮", "editor")]),
    ],
)
def test_chinese_bylines(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("来源：新华社", "新华社"),
        ("光明日报记者 王建宏 张文攀", "光明日报"),
        ("2005-01-14 17:02:30 来源: 21世纪经济报道 发表评论 查看评论", "21世纪经济报道"),
        ("2022-02-13 07:00:00来源：央广网", "央广网"),
        ("2003-7-24 钱江晚报", "钱江晚报"),
        ("本报实习生 刘国栋 周炜", None),  # 本报 = "this paper"
        ("来源：转载文章", None),
    ],
)
def test_chinese_sources(text, expected):
    assert source(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "孙启勤一直对记者说：“我并不是个把钱看得很重的人。”",
        "见到记者，原本穿着棉衣",
        "记者调查 民意调查",
        "[作者简介] (个人情况保密)",
        "首页 资讯 知识 音乐 图片 网址 更多...",
        "■该作者文章",
        "图片精选",
        "② 凡本网注明“来源：XXX（非振兴东北网）”的作品，均转载自其它媒体。",
        "作者： size=\"20\"   来源： size=\"20\"   发布日期： 7/5/2005 9:23:57 PM",
        "(摘自《我们的七十年代》，旷晨编著，广西人民出版社)",
    ],
)
def test_chinese_non_bylines(text):
    byline = parse_byline(text)
    assert byline is None or (not byline.contributors and byline.source is None)


def test_trailing_credit_in_a_long_paragraph():
    paragraph = "省工业和信息化厅相关负责人表示，我省将持续优化政策环境，" * 4 + "推动云南工业高质量发展。（记者 胡晓蓉）"
    byline = parse_byline(paragraph)
    assert [(c.name, c.role) for c in byline.contributors] == [("胡晓蓉", "reporter")]
    assert paragraph[byline.start:byline.end] == "（记者 胡晓蓉）"


# ----------------------------------------------------------------------------------------------
# The seed page and spans
# ----------------------------------------------------------------------------------------------

def test_seed_byline_line():
    line = "2018-01-11 09:27China Daily Editor: Liang Meichen ECNS App Download"
    byline = parse_byline(line)
    assert byline.source == "China Daily"
    assert [(c.name, c.role) for c in byline.contributors] == [("Liang Meichen", "editor")]
    assert line[byline.start:byline.end] == "China Daily Editor: Liang Meichen"


def test_span_of_a_plain_byline():
    line = "By Jane Doe and John Smith, Reuters"
    byline = parse_byline(line)
    assert (byline.start, byline.end) == (0, len(line))


@pytest.mark.skipif(not SEED.exists(), reason="seed fixture missing")
def test_seed_page_credits():
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    contributors = []
    sources = []
    for line in lines[:12]:
        byline = parse_byline(line)
        if byline is not None:
            contributors.extend((c.name, c.role) for c in byline.contributors)
            sources.append(byline.source)
    assert ("Liang Meichen", "editor") in contributors
    assert ("Xu Peiqin", "photographer") in contributors
    assert "China Daily" in sources


# ----------------------------------------------------------------------------------------------
# Photo credits
# ----------------------------------------------------------------------------------------------

SEED_CAPTION = ("Customer service employees of an online store work to answer potential buyers' questions in "
                "Nantong, Jiangsu province. (Xu Peiqin / For China Daily)")


@pytest.mark.parametrize(
    "text, caption, credit, photographers",
    [
        (SEED_CAPTION, SEED_CAPTION[: SEED_CAPTION.index(" (Xu")], "Xu Peiqin / For China Daily", ["Xu Peiqin"]),
        ("A row of unsold cars sits at a dealership in Littleton, Colo. (AP Photo/David Zalubowski)",
         "A row of unsold cars sits at a dealership in Littleton, Colo.", "AP Photo/David Zalubowski", ["David Zalubowski"]),
        ("A man walks by. Photo: Jane Doe/Getty Images", "A man walks by.", "Jane Doe/Getty Images", ["Jane Doe"]),
        ("(Photo by Jason Kempin/Getty Images)", "", "Photo by Jason Kempin/Getty Images", ["Jason Kempin"]),
        ("Photograph: Tim Robberts/Getty Images", "", "Tim Robberts/Getty Images", ["Tim Robberts"]),
        ("The hospital where patients sought treatmentCredit: EPA", "The hospital where patients sought treatment", "EPA", []),
        ("WeWork chairman Marcelo Claure (Credit: Getty Images)", "WeWork chairman Marcelo Claure", "Credit: Getty Images", []),
        ("The logo outside a co-working space in New York.Reuters", "The logo outside a co-working space in New York.",
         "Reuters", []),
        ("Rep. Ilhan Omar speaks at the Capitol on July 25, 2019.J. Scott Applewhite / AP file",
         "Rep. Ilhan Omar speaks at the Capitol on July 25, 2019.", "J. Scott Applewhite / AP file", ["J. Scott Applewhite"]),
        ("Titan in false colour, 2004. (NASA/JPL/Space Science Institute)", "Titan in false colour, 2004.",
         "NASA/JPL/Space Science Institute", []),
        ("游客在景区游览。（新华社记者 张三 摄）", "游客在景区游览。", "新华社记者 张三 摄", ["张三"]),
        ("游客在景区游览。 图片来源：视觉中国", "游客在景区游览。", "视觉中国", []),
        ("游客在景区游览。 摄影：王小明", "游客在景区游览。", "王小明", ["王小明"]),
        ("Photos by Richard Shotwell, left, and Mark Von Holden/Invision/AP", "",
         "Richard Shotwell, left, and Mark Von Holden/Invision/AP", ["Richard Shotwell", "Mark Von Holden"]),
    ],
)
def test_photo_credits(text, caption, credit, photographers):
    parsed = parse_photo_credit(text)
    assert parsed is not None
    assert parsed[0] == caption and parsed[1] == credit
    assert [c.name for c in parsed[2]] == photographers
    assert all(c.role == "photographer" for c in parsed[2])


@pytest.mark.parametrize(
    "text",
    [
        "The children play in the park (left) on Sunday.",
        "Taylor Swift (pictured) performs in 2019.",
        "The company (which was founded in 1998) grew fast.",
        "Revenue rose 5% (to $2 billion)",
        "（三集+behind）",
        "(Turbo )",
        "Comparison of the two cars (Model S / Model X)",
        "",
    ],
)
def test_not_photo_credits(text):
    assert parse_photo_credit(text) is None


# ----------------------------------------------------------------------------------------------
# Safety and speed
# ----------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_raise(text):
    byline = parse_byline(text)
    if byline is not None:
        assert 0 <= byline.start <= byline.end <= len(text)
        assert all(c.name for c in byline.contributors)
    parse_photo_credit(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["By", "by", "Editor:", "记者", "编辑：", "Photo:", "/", "|", ",", " and ", "(", ")",
                                 "Jane", "DOE", "Reuters", "张三", " ", "2019-11-19", "摄", "For"]), max_size=30))
def test_parsers_never_raise_on_byline_soup(pieces):
    text = " ".join(pieces)
    byline = parse_byline(text)
    if byline is not None:
        assert 0 <= byline.start <= byline.end <= len(text)
    parse_photo_credit(text)


@pytest.mark.parametrize("text", ["By " + "Jane " * 20_000, "(" * 50_000 + ")" * 50_000, "记者 " + "张三 " * 30_000,
                                  "Editor: " * 10_000, "x/" * 50_000 + "Getty Images"])
def test_parsers_are_fast_on_huge_text(text):
    started = time.perf_counter()
    parse_byline(text)
    parse_photo_credit(text)
    assert time.perf_counter() - started < 0.5


# ----------------------------------------------------------------------------------------------
# Dev data (read from ../shared/devdata when present; never copied into the repo)
# ----------------------------------------------------------------------------------------------

from worker.devdata import DEVDATA_DIR as DEVDATA
from worker.devdata import ground_truth, raw_pages


@pytest.mark.skipif(not (DEVDATA / "zh").exists(), reason="dev data not present")
def test_zh_devdata_first_byline_names_the_gold_authors():
    gold = ground_truth("zh")
    exact = total = 0
    for page in raw_pages("zh", "text"):
        expected = gold[page["id"]].get("author")
        if not expected:
            continue
        total += 1
        lines = [line.strip() for line in page["content"].splitlines() if line.strip()]
        first = next((b for line in lines if (b := parse_byline(line)) and b.contributors), None)
        exact += first is not None and {c.name for c in first.contributors} == set(expected.split())
    # 12 of 27 when written: most misses are pages with no cue at all (forum nicknames, bracketed
    # names) or text garbled by a wrong encoding.
    assert total == 27 and exact >= 11


@pytest.mark.skipif(not (DEVDATA / "aeb").exists(), reason="dev data not present")
def test_aeb_devdata_bylines_are_names():
    found = 0
    for page in raw_pages("aeb", "text"):
        for line in page["content"].splitlines():
            byline = parse_byline(line.strip())
            if byline is None:
                continue
            for contributor in byline.contributors:
                found += 1
                words = contributor.name.split()
                assert 1 <= len(words) <= 5 and all(word[0].isupper() for word in words), (line, contributor)
    assert found >= 100


# --------------------------------------------------------------------------------------------------
# Cheap tests callers and the parser use before reading a line
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, opens",
    [
        ("By Jonathan Garber", True),
        ("Editor: Liang Meichen", True),
        ("SOURCE: News agencies", True),
        ("作者： 茉莉 来源：看中国", True),
        ("记者 张三", True),
        ("来源：新华社", True),
        ("Bylaws are changing", False),
        ("Fact Check: Is An Oxygen Bar In Delhi Real?", False),
        ("Home Depot sales miss, shares plunge", False),
        ("图片说明", False),
    ],
)
def test_opens_with_cue(text, opens):
    from worker.pipeline.segment.bylines import opens_with_cue

    assert opens_with_cue(text) is opens


def test_a_title_ending_in_photos_has_no_photo_credit():
    assert parse_photo_credit("Nollywood Actress Is Looking Stunning In New Photos") is None
    assert parse_photo_credit("A man walks by. Photo: Jane Doe")[1] == "Jane Doe"
    assert parse_photo_credit("A man walks by. Photos by Jane Doe")[1] == "Jane Doe"


def test_an_outlet_next_to_a_date_is_still_read_after_the_cheap_test():
    assert parse_byline("Reuters November 18, 2019 11:03 PM").source == "Reuters"
    assert parse_byline("Associated Press November 19, 2019, 9:02 AM").source == "Associated Press"
    assert parse_byline("2003-7-24 钱江晚报").source == "钱江晚报"
    assert parse_byline("PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Tue, Nov 19, 2019") is None


def test_a_clock_colon_alone_does_not_make_a_line_a_byline_candidate():
    from worker.pipeline.segment.bylines import _could_be_byline

    assert not _could_be_byline("Live scores at 8:03 tonight")
    assert _could_be_byline("Editor: Jane Doe")
    assert _could_be_byline("记者 张三")


def test_a_line_that_is_only_an_author_cue_is_a_bare_cue():
    from worker.pipeline.segment.bylines import bare_author_cue

    for cue in ("By", "by", "Written By", "Author:", "Von", "Posted by"):
        assert bare_author_cue(cue), cue
    for line in ("Fact Checked By", "Photo by", "By the way", "Byron Smith", "Table of Contents", "Jane Doe"):
        assert not bare_author_cue(line), line


def test_a_byline_broken_after_its_cue_names_the_next_lines_people():
    from worker.pipeline import process
    from worker.pipeline.model import RawInput

    lead = "The city council approved the new harbour bridge on Tuesday after a long debate about its cost. "
    page = "\n".join(["Home", "News", "Council approves the new harbour bridge", "By", "Joanna Okedara", "12 March 2024", lead * 3, lead * 2])
    result = process(RawInput(content=page, content_type="text/plain"))
    assert [person.name for person in result.contributors if person.role == "author"] == ["Joanna Okedara"]


def test_an_opening_cue_glued_to_the_name_or_followed_by_a_colon():
    for line, name in (("ByDaryl Austin", "Daryl Austin"), ("Written by:Elise Nass", "Elise Nass"), ("by: Ziyi Xu, Dec 17, 2025", "Ziyi Xu")):
        byline = parse_byline(line)
        assert byline is not None and [person.name for person in byline.contributors] == [name], line
        assert byline.start == 0 and line[byline.end - len(name):byline.end] == name, line
    # a word that merely starts with the letters is no cue
    for line in ("Byron Smith", "ByteDance news"):
        assert parse_byline(line) is None, line


def test_a_forum_post_by_line_names_its_poster():
    for line, name in (("Post by galitsyn » 11. Sep 2024, 18:36", "galitsyn"), ("Post by Jane Doe » Sat Feb 24, 2024", "Jane Doe")):
        byline = parse_byline(line)
        assert byline is not None and [(person.name, person.role) for person in byline.contributors] == [(name, "author")], line
