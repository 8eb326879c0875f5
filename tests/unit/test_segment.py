"""Segmentation of whole (small, hand-built) pages: body, title, section, date, people, captions."""

from __future__ import annotations

from types import SimpleNamespace

from worker.pipeline import STEPS, process
from worker.pipeline.model import Block, PageHints, RawInput
from worker.pipeline.page import Page
from worker.pipeline.segment.scoring import ScoreBlocks
from worker.pipeline.settings import DEFAULT_SETTINGS, PipelineSettings

# The hand-built pages here test the rules around the body (the region search, header, captions),
# so the fitted block scorer is left out: its own tests run on real pages (test_extraction_quality).
SEGMENT_STEPS = [
    ScoreBlocks(load=False) if step.name == "score" else step
    for step in STEPS
    if step.name in ("classify", "region", "features", "page_type", "score", "captions", "header", "assemble")
]
REGION_SEARCH_STEPS = tuple(ScoreBlocks(load=False) if step.name == "score" else step for step in STEPS)


def segment(blocks: list[Block], hints: PageHints | None, raw: RawInput, settings: PipelineSettings) -> SimpleNamespace:
    """The segmentation steps on hand-built blocks: the article's fields, paragraphs as texts."""
    page = Page.start(raw, settings)
    page.blocks, page.hints = blocks, hints
    for step in SEGMENT_STEPS:
        step.run(page)
    result = page.result
    return SimpleNamespace(
        title=result.title, section=result.section, published=result.published, source=result.source,
        contributors=result.contributors, captions=result.captions, paragraphs=[p.text for p in result.paragraphs],
    )

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network, a decision that will add twelve new "
    "routes and is expected to cut commuting times for thousands of residents across the region.",
    "Supporters of the plan said it was long overdue. \"People have been waiting for years for a bus "
    "that actually comes on time,\" said Maria Lopez, who chairs the transport committee.",
    "Critics warned that the cost of the expansion, estimated at 40 million dollars, could force the "
    "city to raise fares or cut other services in the next budget, which is due in the spring.",
    "The first of the new routes is expected to open in March, and the rest will follow over the "
    "course of the next two years, according to a timeline published by the transit agency.",
]

MENU = ["Home", "News", "Politics", "Business", "Sport", "Culture", "Opinion", "Local", "Video", "Subscribe"]


def run(lines: list[str], **raw) -> object:
    """The pipeline on a page of text lines, with the region search choosing the body (see above)."""
    return process(RawInput(content="\n".join(lines), **raw), steps=REGION_SEARCH_STEPS)


def english_page() -> list[str]:
    return [
        *MENU,
        "Log in",
        "Local",
        "City council approves major expansion of the bus network",
        "By Jane Doe",
        "March 5, 2024 10:15 AM",
        "Share",
        "Print",
        "Font size",
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        "What comes next",
        PARAGRAPHS[2],
        PARAGRAPHS[3],
        "12 Comments",
        "Related",
        "Five things to know about the new bus routes in town",
        "Mayor announces plan to fix potholes before summer season",
        "Most popular",
        "Local team wins championship after dramatic overtime finish",
        "Weather: snow expected across the region this weekend",
        *MENU,
        "About Us | Contact | Privacy Policy | Terms of Use",
        "Copyright © 2024 Example Media Group. All rights reserved.",
    ]


def test_english_page_body_is_exactly_the_article():
    result = run(english_page())
    assert [p.text for p in result.paragraphs] == [PARAGRAPHS[0], PARAGRAPHS[1], "What comes next", PARAGRAPHS[2], PARAGRAPHS[3]]


def test_english_page_header():
    result = run(english_page())
    assert result.title == "City council approves major expansion of the bus network"
    assert result.section == "Local"
    assert result.published is not None and result.published.local == "2024-03-05T10:15:00"
    assert [(c.name, c.role) for c in result.contributors] == [("Jane Doe", "author")]


def test_zone_comes_from_input_hint_then_settings_default():
    from worker.pipeline.settings import PipelineSettings

    hinted = run(english_page(), timezone="America/Chicago")
    assert hinted.published.absolute == "2024-03-05T10:15:00-06:00"
    defaulted = process(RawInput(content="\n".join(english_page())), PipelineSettings(default_timezone="UTC"))
    assert defaulted.published.absolute == "2024-03-05T10:15:00Z"


def test_menus_and_footers_in_other_languages_are_dropped():
    german = [
        "Startseite", "Politik", "Wirtschaft", "Kultur", "Sport", "Anmelden",
        "Stadtrat beschließt den Ausbau des Busnetzes",
        "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, und die neuen Linien sollen "
        "schon im Frühjahr den Betrieb aufnehmen, wie die Verwaltung in einer Mitteilung erklärte.",
        "Die Kosten für den Ausbau werden auf rund 40 Millionen Euro geschätzt, und die Opposition "
        "befürchtet, dass die Fahrpreise deshalb in den nächsten Jahren deutlich steigen werden.",
        "Mehr zum Thema", "Artikel teilen", "Impressum", "Datenschutz", "Kontakt",
        "© 2024 Beispiel Verlag GmbH",
    ]
    french = [
        "Accueil", "International", "Politique", "Économie", "Se connecter",
        "Le conseil municipal approuve l'extension du réseau de bus",
        "Le conseil municipal a voté mardi l'extension du réseau de bus, une décision qui ajoutera douze "
        "nouvelles lignes et devrait réduire le temps de trajet de milliers d'habitants de la ville.",
        "Les opposants estiment que le coût du projet, évalué à 40 millions d'euros, pourrait obliger la "
        "ville à augmenter le prix des billets dans le prochain budget, qui sera voté au printemps.",
        "Lire aussi", "Partager", "Mentions légales", "Nous contacter", "© Le Journal 2024",
    ]
    for page, expected_count in ((german, 2), (french, 2)):
        result = run(page)
        texts = [p.text for p in result.paragraphs]
        assert len(texts) == expected_count, texts
        assert all(len(t) > 100 for t in texts)
        assert result.title == page[6 if page is german else 5]


def test_chinese_page_with_source_and_editor_lines():
    page = [
        "首页", "新闻", "国内", "国际", "财经", "体育", "娱乐", "科技", "登录", "注册",
        "新闻 > 国内 > 正文",
        "市政府宣布新增十二条公交线路",
        "2023年05月12日 10:30 来源：人民日报",
        "市政府周二宣布，将在今年年底前新增十二条公交线路，这一决定预计将为数千名居民缩短通勤时间。",
        "据介绍，新线路将覆盖城市东部和南部的多个新建住宅区，首批线路计划于明年三月开通运营。",
        "有市民表示，这是一个好消息，但也担心票价是否会因此上涨，希望政府能够尽快公布具体方案。",
        "责任编辑：张三",
        "相关新闻", "热点排行", "关于我们 | 联系我们 | 网站地图", "版权所有 © 2023 某某网",
    ]
    result = run(page)
    assert [p.text for p in result.paragraphs] == page[13:16]
    assert result.title == "市政府宣布新增十二条公交线路"
    assert result.source == "人民日报"
    assert ("张三", "editor") in [(c.name, c.role) for c in result.contributors]
    assert result.published is not None and result.published.local == "2023-05-12T10:30:00"
    assert result.section == "国内"  # the breadcrumb item the menu lists, not its last crumb "正文"


def test_duplicated_caption_is_kept_once_and_not_in_body():
    caption = "Passengers board a bus at the central station in the city on Monday morning."
    page = [
        *MENU,
        "City council approves major expansion of the bus network",
        "March 5, 2024",
        caption,
        caption,
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        PARAGRAPHS[2],
        "Copyright © 2024 Example Media Group.",
    ]
    result = run(page)
    assert [c.text for c in result.captions] == [caption]
    assert caption not in [p.text for p in result.paragraphs]
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:3]


def test_caption_with_credit_line_names_the_photographer():
    caption = "Passengers board a bus at the central station in the city on Monday morning."
    page = [*MENU, "City council approves major expansion of the bus network", caption,
            "Photo: John Smith/Reuters", *PARAGRAPHS[:3]]
    result = run(page)
    assert [(c.text, c.credit) for c in result.captions] == [(caption, "John Smith/Reuters")]
    assert ("John Smith", "photographer") in [(c.name, c.role) for c in result.contributors]
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:3]


def test_comment_counters_and_share_widgets_are_dropped():
    page = [*MENU, "City council approves major expansion of the bus network", "Share on Facebook",
            "Share on Twitter", "Email", "34 comments", *PARAGRAPHS, "34 comments", "Leave a comment",
            "Share on Facebook", "Share on Twitter"]
    texts = [p.text for p in run(page).paragraphs]
    assert texts == PARAGRAPHS


def test_page_without_title_or_header():
    result = run(PARAGRAPHS)
    assert result.title is None
    assert result.published is None
    assert [p.text for p in result.paragraphs] == PARAGRAPHS


def test_empty_and_junk_only_pages():
    assert run(["Home"]).paragraphs == []
    assert run([" "]).paragraphs == []
    assert run(MENU).paragraphs == []


def html_block(text: str, tag: str = "p", **flags) -> Block:
    return Block(text=text, start=0, end=len(text), tag=tag, **flags)


def test_html_blocks_chrome_hidden_and_link_lists_are_dropped():
    blocks = [
        html_block("Home", tag="a", in_chrome=True),
        html_block("City council approves major expansion of the bus network", tag="h1", heading_level=1, in_article=True),
        html_block("A hidden note that should never appear in the article text at all.", hidden=True),
        *[html_block(p, in_article=True) for p in PARAGRAPHS[:2]],
        html_block("Read these stories next: bus, potholes, weather, sports, more", link_density=0.9),
        *[html_block(p, in_article=True) for p in PARAGRAPHS[2:]],
        html_block("Newsletter: get the best stories of the day in your inbox every morning.", in_chrome=True),
    ]
    parts = segment(blocks, PageHints(), RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert parts.paragraphs == PARAGRAPHS
    assert parts.title == "City council approves major expansion of the bus network"


def test_a_byline_inside_the_article_container_is_read_not_kept_as_body():
    blocks = [
        html_block("City council approves major expansion of the bus network", tag="h1", heading_level=1, in_article=True),
        *[html_block(p, in_article=True) for p in PARAGRAPHS],
        html_block("记者 王建宏 张文攀", in_article=True),
    ]
    blocks.insert(1, html_block("By Jane Doe and John Roe", in_article=True))
    parts = segment(blocks, PageHints(), RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert parts.paragraphs == PARAGRAPHS
    assert [(c.name, c.role) for c in parts.contributors][:2] == [("Jane Doe", "author"), ("John Roe", "author")]


def test_html_hints_are_preferred_for_title_date_authors_section_publisher():
    blocks = [
        html_block("City council approves bus plan", tag="h1", heading_level=1),
        html_block("March 5, 2024", tag="time"),
        *[html_block(p) for p in PARAGRAPHS],
    ]
    hints = PageHints(
        title="City council approves bus plan | Example News",
        published="2024-03-05T10:15:00+01:00",
        authors=["Jane Doe"],
        section="Local",
        publisher="Example News",
    )
    parts = segment(blocks, hints, RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert parts.title == "City council approves bus plan"  # the site name suffix is not part of the title
    assert parts.section == "Local"
    assert parts.published.local == "2024-03-05T10:15:00"
    assert parts.published.absolute == "2024-03-05T10:15:00+01:00"
    assert [(c.name, c.role) for c in parts.contributors] == [("Jane Doe", "author")]
    assert parts.source == "Example News"
    assert parts.paragraphs == PARAGRAPHS


def test_figcaption_is_a_caption_not_body():
    blocks = [
        html_block("City council approves bus plan", tag="h1", heading_level=1),
        html_block("Passengers board a bus at the central station. (Photo: John Smith/Reuters)", tag="figcaption"),
        *[html_block(p) for p in PARAGRAPHS],
    ]
    parts = segment(blocks, None, RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert len(parts.captions) == 1 and parts.captions[0].text.startswith("Passengers board a bus")
    assert parts.paragraphs == PARAGRAPHS


def test_no_blocks_at_all_still_reports_declared_metadata():
    hints = PageHints(title="Declared title", published="2024-03-05")
    parts = segment([], hints, RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert parts.paragraphs == [] and parts.captions == []
    assert parts.title == "Declared title"
    assert parts.published is not None and parts.published.local == "2024-03-05"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINES = st.one_of(
    st.sampled_from(MENU + PARAGRAPHS + ["© 2024 Example", "By Jane Doe", "March 5, 2024", "Photo: A B/Reuters", "|", "12"]),
    st.text(min_size=1, max_size=120).map(str.strip).filter(bool),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, max_size=40))
def test_any_page_segments_into_its_own_lines_in_order(lines):
    blocks = [Block(text=line, start=0, end=len(line)) for line in lines]
    parts = segment(blocks, None, RawInput(content=""), DEFAULT_SETTINGS)
    position = -1
    for paragraph in parts.paragraphs:  # every paragraph is one of the page's lines, in page order
        position = lines.index(paragraph, position + 1)
    assert parts.title is None or parts.title in lines
    assert all(c.text for c in parts.captions)


def test_comment_thread_and_list_of_dates_on_a_text_page():
    tour = ["June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre", "June 10 – Tampa, FL @ Credit Union Amphitheatre",
            "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre", "June 17 – Nashville, TN @ Bridgestone Arena"]
    comments = []
    for number, text in enumerate(["Finally some good news for commuters in this city, I have waited years for it.",
                                   "The buses will still be late, mark my words, nothing ever changes around here.",
                                   "Will the new routes also run on Sundays? That would help a lot of people."]):
        comments += [f"reader{number} says:", f"March 5, 2024 at {number + 11}:02 am", text]
    lines = [*MENU, "City council approves major expansion of the bus network", "By Jane Doe", *PARAGRAPHS[:3],
             "Tour dates:", *tour, PARAGRAPHS[3], "Share this:", "3 responses to “Bus network”", *comments, *MENU]
    result = run(lines)
    assert [p.text for p in result.paragraphs] == [*PARAGRAPHS[:3], "Tour dates:", *tour, PARAGRAPHS[3]]


def test_caption_repeating_the_title_is_dropped_but_a_credited_one_is_kept():
    title = "Does the city council have a budget of $17 million?"  # a sentence-like headline
    page = [*MENU, title, title, "March 5, 2024", *PARAGRAPHS[:3]]  # the headline, then an image's alt text
    result = run(page)
    assert result.title == title
    assert result.captions == []
    assert [p.text for p in result.paragraphs] == PARAGRAPHS[:3]

    blocks = [
        html_block(title, tag="h1", heading_level=1),
        html_block(f"{title} (Photo: John Smith/Reuters)", tag="figcaption"),
        *[html_block(p) for p in PARAGRAPHS],
    ]
    parts = segment(blocks, None, RawInput(content="", content_type="text/html"), DEFAULT_SETTINGS)
    assert [c.text for c in parts.captions] == [title]
    assert "John Smith/Reuters" in parts.captions[0].credit


def test_an_editor_line_closing_the_article_does_not_cut_the_paragraphs_before_it():
    # The fitted scorer may take a closing credit ("责任编辑：...") into the body: the header
    # reader reads it as a byline, and the body's opening up to it must stay (only the header
    # lines above the first paragraphs, and a standfirst, are cut).
    lines = [
        "首页 > 要闻 > 正文",
        "市政府宣布新增十二条公交线路",
        "发布时间：2023-05-12 10:30:00 来源：某某日报",
        "市政府周二宣布，将在今年年底前新增十二条公交线路，这一决定预计将为数千名居民缩短通勤时间。",
        "据介绍，新线路将覆盖城市东部和南部的多个新建住宅区，首批线路计划于明年三月开通运营。",
        "有市民表示，这是一个好消息，但也担心票价是否会因此上涨，希望政府能够尽快公布具体方案。",
        "交通部门负责人表示，将持续优化线路设计，提升公共交通服务能力，方便市民出行。",
        "责任编辑：张三",
        "某某日报社 版权所有，未经许可不得转载",
        "互联网新闻信息服务许可证编号：12345678901",
    ]
    page = Page.start(RawInput(content="\n".join(lines)), DEFAULT_SETTINGS)
    for step in STEPS[:3]:  # extract, spam, classify
        step.run(page)
    page.body = [3, 4, 5, 6, 7, 8, 9]  # paragraphs, editor line and footer, as a scorer may choose
    next(step for step in STEPS if step.name == "header").run(page)
    assert page.body[:4] == [3, 4, 5, 6]
    assert ("张三", "editor") in [(c.name, c.role) for c in page.header.contributors]
