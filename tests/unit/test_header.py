"""The article header: which line is the title, the date line, the byline, the section.

Each test builds a small page (a list of classified blocks and the body's block indices) the way
the segment steps hand it to :func:`header.read_header`.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.segment import header as metadata
from worker.pipeline.segment import lines as lines_module
from worker.pipeline.segment import title as title_module
from worker.pipeline.model import Block, BlockKind, Contributor, PageHints

JUNK, PROSE, SHORT, TINY = BlockKind.JUNK, BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY

PARAGRAPH = (
    "Scientists unveiled the first global geological map of Saturn's moon Titan on Monday, showing "
    "dunes, lakes, plains, craters and other terrain on the only moon known to have liquid on its surface."
)
PARAGRAPH_2 = (
    "The map of Titan was based on radar, infrared and other data collected by NASA's Cassini "
    "spacecraft, which studied Saturn and its moons for years before its mission ended."
)
TITLE = "The First Map of Saturn's Moon Titan Reveals Dunes and Lakes"


def page(lines: list[tuple[str, BlockKind]], heading: int | None = None) -> list[Block]:
    return [
        Block(text=text, start=0, end=0, heading_level=1 if index == heading else 0, kind=kind)
        for index, (text, kind) in enumerate(lines)
    ]


def header_of(
    lines: list[tuple[str, BlockKind]], hints: PageHints | None = None, heading: int | None = None
) -> metadata.Header:
    blocks = page(lines, heading)
    body = [index for index, (_, kind) in enumerate(lines) if kind == PROSE and len(lines[index][0]) > 40]
    return metadata.read_header(blocks, body, hints)


MENU = [("Home", TINY), ("Space", TINY), ("About Us", TINY), ("Our Team", TINY), ("Contact Us", TINY)]


# --------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------


def test_the_date_line_before_the_body_wins_over_a_date_opening_the_first_paragraph():
    header = header_of([
        *MENU,
        ("我是怎样卷入八九民运的", SHORT),
        ("作者：茉莉 发布日期：2005年7月5日", SHORT),
        ("【看中国2005年07月03日报道】一九八九年四月，我在湖南张家界开一个全省教学研究会议，按照惯例，会议安排了一天时间，让与会者去风景点游玩观赏，那一天正好是四月十五日，后来我们才知道这一天刻下了深深的痕迹，长期过著从家门到校门的机械生活", PROSE),
        ("张家界的春天，美得让人眩目。长期过著从家门到校门的机械生活，一下子置身于翠绿欲滴的森林，看不完的奇山异峰，山涧涓流，名花异草，我简直要玩疯了。傍晚，当我山花插满头，手里抱著一大把青青竹笋回到招待所时，一位同事告诉我消息。", PROSE),
    ])
    assert header.published is not None and header.published.local == "2005-07-05"


def test_a_headline_far_above_the_body_keeps_its_date_and_byline_lines():
    # A table of contents between the headline and the body: the date beside the <h1> is found.
    contents = [(f"{n}. Section number {n}", TINY) for n in range(1, 21)]
    lines = [("Blog", TINY), ("Last updated:", TINY), ("Dec 12, 2019", TINY), (TITLE, SHORT), ("Written by: Jane Smith", SHORT),
             *contents, (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)]
    header = header_of(lines, heading=3)
    assert header.published is not None and header.published.local.startswith("2019-12-12")
    assert [(c.name, c.role) for c in header.contributors] == [("Jane Smith", "author")]
    # Without an <h1> (page text), lines that far from the body are not read.
    assert header_of(lines).published is None


def test_a_date_a_cue_calls_the_publication_date_wins_over_a_nearer_one():
    header = header_of([
        *MENU,
        ("吉林省人民政府关于禁止新增建设项目的通告", SHORT),
        ("发布日期：2022年01月28日", SHORT),
        ("成文日期：2022年01月27日", SHORT),
        ("为做好吉林省嫩江干流补充治理工程建设，确保工程前期建设征地实物调查工作顺利进行，维护相关单位和人民群众合法权益，根据相关规定，现就有关事项通告如下：自本通告发布之日起禁止新建项目。", PROSE),
    ])
    assert header.published is not None and header.published.local == "2022-01-28"


def test_a_sentence_that_starts_with_a_date_is_no_date_line():
    assert lines_module._date_line("2015年12月21日，Turbo三人回归，发布新专辑《AGAIN》。", None) is None
    assert lines_module._date_line("2001年12月6日，发行了第一张个人专辑，双方闹上了法院。[9]", None) is None
    assert lines_module._date_line("2018-01-11 09:27 China Daily", None) is not None
    assert lines_module._date_line("发布日期：2022年01月28日", None) is not None


def test_a_date_line_after_the_body_start_loses_to_one_just_before_it():
    header = header_of([
        *MENU,
        ("Titan mapped 2019-11-18 09:00", SHORT),
        (PARAGRAPH, PROSE),
        ("2019-11-17 10:00", SHORT),
        (PARAGRAPH_2, PROSE),
    ])
    assert header.published.local == "2019-11-18T09:00:00"


def test_footnote_marks_do_not_hide_a_sentence_end():
    assert lines_module.ends_sentence("他们闹上了法院。[9]")
    assert lines_module.ends_sentence("It ended.[12][13]")
    assert not lines_module.ends_sentence("Titan [edit]")


# --------------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------------


def test_the_title_comes_before_the_byline_not_among_the_share_buttons_after_it():
    header = header_of([
        *MENU,
        (TITLE, SHORT),
        ("Titan's surface seen by Cassini (NASA/JPL)", SHORT),
        ("By Jane Smith", SHORT),
        ("Nov. 19, 2019", JUNK),
        ("Show more sharing options", JUNK),
        ("Share this map of Titan", JUNK),
        (PARAGRAPH, PROSE),
        (PARAGRAPH_2, PROSE),
    ])
    assert header.title == TITLE
    assert header.published.local == "2019-11-19"
    assert Contributor(name="Jane Smith", role="author") in header.contributors


def test_a_menu_item_sharing_one_word_with_the_story_is_no_title():
    header = header_of([
        ("Company", TINY), ("Our Team", TINY), ("Contact Us", TINY),
        (TITLE, SHORT),
        ("18 NOV 2019", JUNK),
        ("A team led by researchers mapped Titan, Saturn's largest moon, and its dunes, lakes and plains in detail for the first time, the scientists said on Monday.", PROSE),
        (PARAGRAPH_2, PROSE),
    ])
    assert header.title == TITLE


def test_a_credited_photo_caption_is_no_title():
    header = header_of([
        *MENU,
        ("Titan in false colour, 2004. (NASA/JPL/Space Science Institute)", SHORT),
        ("SPACE", TINY),
        (TITLE, SHORT),
        ("19 NOV 2019", JUNK),
        (PARAGRAPH, PROSE),
        (PARAGRAPH_2, PROSE),
    ])
    assert header.title == TITLE


def test_lines_shaped_unlike_titles():
    assert title_module._title_size(TITLE) is not None
    assert title_module._title_size("ソフトウェア一般 ›") is None  # a breadcrumb
    assert title_module._title_size("Read more:") is None
    assert title_module._title_size("This is a sentence that ends with a period.") is None
    assert title_module._title_size("Home") is None
    assert title_module._title_size("x" * 400) is None
    assert title_module._title_size("播客热潮迅速蔓延 挑逗传统传媒业") is not None


def test_title_words_match_longer_words_of_the_opening():
    words = title_module._content_words("Hunter's feather duvet lungs")
    assert {"hunte", "feath", "duvet", "lungs"} <= words
    assert title_module._content_words("播客热潮") == {"播客", "客热", "热潮"}


def test_no_title_like_line_means_no_title():
    header = header_of([("Home", TINY), ("Space", TINY), ("12:30", TINY), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)])
    assert header.title is None


def test_the_declared_title_loses_the_site_name_the_text_lacks():
    lines = [*MENU, (TITLE, SHORT), ("By Jane Smith", SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)]
    header = header_of(lines, hints=PageHints(title=f"{TITLE} | ScienceSite"))
    assert header.title == TITLE
    header = header_of(lines, hints=PageHints(title=f"ScienceSite » {TITLE}"))
    assert header.title == TITLE


def test_the_h1_is_preferred():
    lines = [*MENU, ("Saturn moon news", SHORT), (TITLE, SHORT), ("Space news today", SHORT), (PARAGRAPH, PROSE)]
    header = header_of([*lines, (PARAGRAPH_2, PROSE)], heading=6)
    assert header.title == TITLE


# --------------------------------------------------------------------------------------------------
# Section, bylines after the body
# --------------------------------------------------------------------------------------------------


def test_the_section_is_a_menu_item_just_above_the_title():
    header = header_of(
        [*MENU, ("Space", TINY), (TITLE, SHORT), ("By Jane Smith", SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)]
    )
    assert header.section == "Space"


def test_a_breadcrumb_gives_its_last_listed_crumb():
    header = header_of(
        [*MENU, ("Home > Space > Titan", SHORT), (TITLE, SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)]
    )
    assert header.section == "Space"


def test_interface_labels_credits_and_time_stamps_above_the_title_are_not_sections():
    for label in ["Menu", "Newsletters", "Photo: Jane Smith, AP", "Updated 14 hours ago", "Iklan",
                  "Continue reading the main story", "Published 11:11 PM EST Nov 19, 2019"]:
        menu = [*MENU, (label, TINY)]  # listed in the menus too, as a section would be
        header = header_of([*menu, (label, SHORT), (TITLE, SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)])
        assert header.section is None, label


def test_a_breadcrumb_whose_only_listed_crumb_is_home_gives_its_last_crumb():
    header = header_of(
        [("首页", TINY), ("首页>动态信息>政务动态", SHORT), (TITLE, SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)]
    )
    assert header.section == "政务动态"


def test_a_breadcrumb_trail_ending_with_the_headline_gives_title_and_section():
    trail = f"Home » Space » {TITLE}"
    header = header_of([*MENU, (trail, SHORT), ("By Jane Smith", SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)])
    assert (header.title, header.section) == (TITLE, "Space")


def test_a_headline_with_one_arrow_or_a_site_name_is_kept_whole():
    for title in [f"{TITLE} | Example News", "Growth > inflation: the central bank's new rule for rates"]:
        header = header_of([*MENU, (title, SHORT), ("By Jane Smith", SHORT), (PARAGRAPH, PROSE), (PARAGRAPH_2, PROSE)])
        assert header.title == title


def test_a_reading_time_widget_is_not_the_title():
    # The widget sits right above the body and shares its words with the opening paragraph.
    title = "A fantastic shop of teaching materials"
    opening = (
        "Reading aloud for a few minutes every day is the best time investment parents can make, "
        "say teachers who measured how many words a minute children read at the age of six."
    )
    for widget in ["Reading time: 4 minutes", "Tempo de leitura: 4 minutos", "4 min read"]:
        header = header_of([*MENU, (title, SHORT), (title, SHORT), ("Jane Smith 23/08/2018 2 comments", SHORT),
                            (widget, SHORT), (opening, PROSE), (PARAGRAPH_2, PROSE)])
        assert header.title == title, widget


def test_a_credit_closing_the_last_paragraph_is_read():
    header = header_of([
        *MENU,
        ("云南推进工业绿色发展", SHORT),
        ("积极推进工业企业绿色化、智能化改造，推动云南工业高质量发展，提升绿色制造专业化、市场化公共服务能力，促进形成市场化机制，建立高效、清洁、低碳、循环的绿色制造体系。（记者 胡晓蓉）", PROSE),
        ("Privacy Policy", TINY),
    ])
    assert Contributor(name="胡晓蓉", role="reporter") in header.contributors


def test_after_the_body_only_cued_lines_are_read_as_bylines():
    header = header_of([
        *MENU,
        (TITLE, SHORT),
        (PARAGRAPH, PROSE),
        (PARAGRAPH_2, PROSE),
        ("Editor: Liang Meichen", SHORT),
        ("Jane Doe, Reuters", SHORT),
    ])
    assert [c.name for c in header.contributors] == ["Liang Meichen"]


def test_a_bare_date_line_is_never_parsed_as_a_byline():
    blocks = page([("Nov. 19, 2019", SHORT), ("By Jane Smith", SHORT)])
    lines = metadata.HeaderLines(blocks, None)
    lines.date(0), lines.date(1)
    found = metadata._bylines_in(lines, [0, 1], None)
    assert [index for index, _ in found] == [1]
    assert 0 not in lines.bylines


def test_dedupe_contributors_keeps_the_first_role():
    jane, li = Contributor("Jane Smith", "author"), Contributor("Li Wei", "photographer")
    assert metadata.dedupe_contributors([jane, Contributor("jane  smith", "editor"), li]) == [jane, li]


def test_contributor_names_are_tidied_and_a_name_with_more_words_is_the_same_person():
    names = lambda *given: [c.name for c in metadata.dedupe_contributors([Contributor(n, "author") for n in given])]  # noqa: E731
    assert names("Celeste Longacre", "Celeste Longacre Gardener") == ["Celeste Longacre"]
    assert names("pcurry – pcurry") == ["pcurry"]  # a forum's user name and display name
    assert names("Mr_Enigmatic", "Mr") == ["Mr_Enigmatic"]  # an honorific alone names nobody
    assert names(", USA TODAY") == ["USA TODAY"]
    # Collective authors stay, and so does a name after a different one around a dash.
    assert names("The Investopedia Team", "Staff") == ["The Investopedia Team", "Staff"]
    assert names("GURUS - Drupal") == ["GURUS - Drupal"]


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

LINE = st.one_of(
    st.sampled_from(
        ["Home", "By Jane Smith", "Nov. 19, 2019", "发布日期：2022年01月28日", TITLE, "Space > Titan", "（记者 胡晓蓉）", PARAGRAPH]
    ),
    st.text(min_size=1, max_size=80).filter(lambda text: text.strip() == text and text != ""),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LINE, st.sampled_from([JUNK, SHORT, PROSE, TINY])), min_size=1, max_size=30), st.data())
def test_read_header_points_inside_the_page(lines, data):
    blocks = page(lines)
    body = sorted(data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=len(lines))))
    header = metadata.read_header(blocks, body, None)
    for index in (header.title_index, header.last_index):
        assert index is None or 0 <= index < len(blocks)
    if header.title_index is not None:
        assert header.title == blocks[header.title_index].text
    assert len({c.name.casefold() for c in header.contributors}) == len(header.contributors)
