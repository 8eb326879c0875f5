"""Tests for the HTML input path: blocks, flags, offsets and page hints (worker.pipeline.extract.html)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.extract.html import extract_blocks
from worker.pipeline.model import Block

PARAGRAPH = (
    "The council voted on Tuesday to approve the new budget after a long debate about "
    "schools, roads and the future of the public library in the town centre."
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>T</title>{head}</head><body>{body}</body></html>"


def texts(content: str) -> list[str]:
    return [block.text for block in extract_blocks(content)[0]]


def block_with(blocks, fragment: str):
    matches = [block for block in blocks if fragment in block.text]
    assert matches, f"no block contains {fragment!r}: {[b.text for b in blocks]}"
    return matches[0]


def assert_characters_in_order(source: str, text: str) -> None:
    """Every non-space character of the block text appears in its source span, in order."""
    position = 0
    for char in text:
        if char.isspace():
            continue
        found = source.find(char, position)
        assert found >= 0, f"{char!r} of {text!r} not in order in {source!r}"
        position = found + 1


# -- blocks and text ------------------------------------------------------------------------


def test_one_block_per_block_element_in_document_order():
    content = page("<h1>Title here</h1><p>First <b>para</b>.</p><ul><li>one</li><li>two</li></ul><blockquote>Quote</blockquote>")
    blocks, _ = extract_blocks(content)
    assert [(b.tag, b.text) for b in blocks] == [
        ("h1", "Title here"),
        ("p", "First para."),
        ("li", "one"),
        ("li", "two"),
        ("blockquote", "Quote"),
    ]
    assert blocks[0].heading_level == 1 and blocks[1].heading_level == 0


def test_inline_elements_join_without_spurious_spaces():
    assert texts(page("<p>Hel<b>lo</b> <i>wor</i>ld <a href='#'>link</a>!</p>")) == ["Hello world link!"]


def test_div_text_around_child_blocks_becomes_separate_blocks():
    assert texts(page("<div>Intro text<p>Inner paragraph.</p>tail text</div>")) == ["Intro text", "Inner paragraph.", "tail text"]


def test_double_br_splits_paragraphs_and_single_br_does_not():
    content = page("<div>First paragraph line one<br>line two<br><br>Second paragraph<br/> <br />Third</div>")
    assert texts(content) == ["First paragraph line one line two", "Second paragraph", "Third"]


def test_cjk_lines_wrapped_in_the_source_get_no_space():
    content = page("<p>一九八九年四月，我在湖南\n张家界开会。</p><p>中文 <b>粗体</b>文字</p>")
    assert texts(content) == ["一九八九年四月，我在湖南张家界开会。", "中文 粗体文字"]


def test_entities_are_decoded():
    assert texts(page("<p>Fish &amp; chips &#8212; it&#x2019;s&nbsp;good &lt;3</p>")) == ["Fish & chips — it’s good <3"]


def test_non_text_elements_make_no_blocks_and_noscript_is_read_as_hidden_html():
    content = page(
        "<script>var a = '<p>no</p>';</script><style>p{}</style><noscript><p>no script</p></noscript>"
        "<template><p>tpl</p></template><svg><text>svg text</text></svg><iframe>frame</iframe>"
        "<!-- <p>comment</p> --><p>kept</p>"
    )
    blocks = extract_blocks(content)[0]
    assert [(block.text, block.hidden) for block in blocks] == [("no script", True), ("kept", False)]


def test_skipped_elements_keep_the_offsets_of_what_follows_exact():
    # The scan jumps over script/style/svg/comment content: what follows must keep exact spans.
    content = page(
        "<SCRIPT type='x'>a = '</div><p>no</p>';</ScRiPt >"
        "<!--googleoff: all--><p>one</p><!--x--><Style>p{}</style >"
        '<div title="<script>">two</div><svg><text><tspan>no</tspan></text></svg><p>three</p>'
    )
    blocks, _ = extract_blocks(content)
    assert [b.text for b in blocks] == ["one", "two", "three"]
    for block, markup in zip(blocks, ["<p>one</p>", '<div title="<script>">two</div>', "<p>three</p>"]):
        assert content[block.start : block.end] == markup


def test_tag_names_that_only_start_like_script_are_not_skipped():
    assert texts(page("<scripts>a</scripts><svgx>b</svgx><p>c</p>")) == ["ab", "c"]


def test_block_fields_are_in_the_order_the_builder_passes_them():
    # The builder creates blocks positionally (it is measurably faster): a reordered model breaks it.
    names = [field.name for field in dataclasses.fields(Block)]
    assert names[:9] == ["text", "start", "end", "tag", "in_article", "in_chrome", "hidden", "link_density", "heading_level"]


def test_data_table_rows_are_one_block_each():
    content = page("<table><tr><th>Pos</th><th>Name</th></tr><tr><td>1</td><td>Kyle Busch</td></tr></table>")
    blocks, _ = extract_blocks(content)
    assert [(b.tag, b.text) for b in blocks] == [("tr", "Pos Name"), ("tr", "1 Kyle Busch")]


def test_layout_table_cells_with_long_text_stay_blocks():
    content = page(f"<table><tr><td><a href='/'>Home</a></td><td>{PARAGRAPH}<br><br>{PARAGRAPH}</td></tr></table>")
    blocks, _ = extract_blocks(content)
    assert [b.text for b in blocks if b.tag == "td"] == [PARAGRAPH, PARAGRAPH]


def test_link_density_is_share_of_text_in_links():
    blocks, _ = extract_blocks(page("<p><a href='/a'>abcde</a>fghij</p><p><a href='/b'>all link</a></p>"))
    assert abs(blocks[0].link_density - 0.5) < 0.01
    assert blocks[1].link_density == 1.0


def test_attribute_values_holding_angle_brackets_do_not_leak_into_text():
    content = page("<p><img onload=\"if(this.width>450) this.width=450\" src='x.jpg'>Caption text</p>")
    assert texts(content) == ["Caption text"]


def test_uppercase_tags_and_attributes():
    blocks, _ = extract_blocks("<HTML><BODY><DIV CLASS='nav-menu'>Menu</DIV><P>Body text</P></BODY></HTML>")
    assert [b.text for b in blocks] == ["Menu", "Body text"]
    assert blocks[0].in_chrome and not blocks[1].in_chrome


# -- chrome, hidden, main content -----------------------------------------------------------


def test_navigation_footer_aside_and_chrome_classes_are_chrome():
    content = page(
        "<nav><a href='/'>Home</a></nav><header><a href='/'>Site</a></header>"
        f"<article><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article>"
        "<aside>Most read</aside><div class='share-tools'>Share this</div>"
        "<div id='relatedArticles'>Related story</div><div class='comments'>A comment</div>"
        "<div role='navigation'>Next page</div><footer>Copyright 2020</footer>"
    )
    blocks, _ = extract_blocks(content)
    chrome = {b.text for b in blocks if b.in_chrome}
    assert chrome == {"Home", "Site", "Most read", "Share this", "Related story", "A comment", "Next page", "Copyright 2020"}
    article = [b for b in blocks if b.text == PARAGRAPH]
    assert len(article) == 2 and all(b.in_article and not b.in_chrome for b in article)


def test_chrome_tokens_are_exact_words_not_substrings():
    content = page(f"<div class='commentary'><p>{PARAGRAPH}</p></div><div class='navigator-x'>x</div>")
    blocks, _ = extract_blocks(content)
    assert not any(b.in_chrome for b in blocks)


def test_page_wide_chrome_looking_wrapper_is_not_chrome():
    # ASP.NET pages wrap everything in one <form>; layouts say "has-sidebar" on the page wrapper.
    content = page(f"<form id='aspnetForm'><div class='page has-sidebar'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></form>")
    blocks, _ = extract_blocks(content)
    assert blocks and not any(b.in_chrome for b in blocks)


def test_article_header_keeps_title_and_byline():
    content = page(f"<article><header><h1>Headline</h1><p>By Jane Doe</p></header><p>{PARAGRAPH}</p></article>")
    blocks, _ = extract_blocks(content)
    assert not block_with(blocks, "Jane Doe").in_chrome


def test_text_outside_a_clear_main_content_container_is_chrome():
    content = page(
        "<div class='top'><div>Breaking: markets fall</div></div>"
        f"<div class='story'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
        "<div class='rail'><div>Sign up for our emails today</div></div>"
    )
    blocks, _ = extract_blocks(content)
    assert block_with(blocks, "Breaking").in_chrome
    assert block_with(blocks, "Sign up").in_chrome
    assert all(b.in_article and not b.in_chrome for b in blocks if b.text == PARAGRAPH)


def test_other_stories_nested_in_the_article_are_chrome():
    story = f"<p>{PARAGRAPH}</p>" * 3
    content = page(
        "<head><meta property='og:title' content='The real headline'></head>"
        f"<article><h1>The real headline</h1>{story}<article><h2>Other</h2><p>Another story {PARAGRAPH}</p></article></article>"
    )
    blocks, _ = extract_blocks(content)
    assert block_with(blocks, "Another story").in_chrome
    assert not block_with(blocks, "The council").in_chrome


def test_hidden_elements_are_returned_and_marked():
    content = page(
        "<p>visible</p><div style='display: none'>spam one</div><div style='VISIBILITY:hidden'>spam two</div>"
        "<div hidden>spam three</div><div aria-hidden='true'>spam four</div>"
        "<p>text <span style='display:none'>spam five</span> more</p><div title='not hidden at all'>shown</div>"
    )
    blocks, _ = extract_blocks(content)
    hidden = {b.text for b in blocks if b.hidden}
    assert hidden == {"spam one", "spam two", "spam three", "spam four", "spam five"}
    assert not block_with(blocks, "visible").hidden and not block_with(blocks, "shown").hidden


def test_hidden_block_offsets_cover_exactly_its_markup():
    spam = '<div style="display:none"><a href="http://casino.example">casino</a> bonus &amp; slots</div>'
    content = page(f"<p>{PARAGRAPH}</p>{spam}<p>After.</p>")
    blocks, _ = extract_blocks(content)
    hidden = [b for b in blocks if b.hidden]
    assert len(hidden) == 1
    assert content[hidden[0].start : hidden[0].end] == spam


# -- offsets --------------------------------------------------------------------------------


def test_leaf_block_offsets_are_the_element_markup():
    content = page("<p class='x'>Hello <b>world</b></p><li>item</li>")
    blocks, _ = extract_blocks(content)
    assert [content[b.start : b.end] for b in blocks] == ["<p class='x'>Hello <b>world</b></p>", "<li>item</li>"]


def test_implicitly_closed_elements_end_where_the_next_one_starts():
    content = "<body><p>one<p>two<ul><li>a<li>b</ul></body>"
    blocks, _ = extract_blocks(content)
    assert [content[b.start : b.end] for b in blocks] == ["<p>one", "<p>two", "<li>a", "<li>b"]


def test_br_split_pieces_span_their_own_text():
    content = page("<div>alpha beta<br><br>gamma &amp; delta</div>")
    blocks, _ = extract_blocks(content)
    assert [content[b.start : b.end] for b in blocks] == ["alpha beta", "gamma &amp; delta"]


TAGS = ["p", "div", "span", "a", "li", "td", "tr", "b", "h2", "section", "br", "table", "ul", "blockquote"]
TEXTS = ["alpha", "beta gamma", "中文字", "x &amp; y", " ", "\n", "déjà vu", "&#169; 2020", "<", "a>b"]


@st.composite
def html_fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "broken"] if depth < 4 else ["text"]))
        if kind == "text":
            parts.append(draw(st.sampled_from(TEXTS)))
        elif kind == "element":
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(["", " class='nav'", ' style="display:none"', " id=x", " title='a > b'"]))
            inner = draw(html_fragments(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", ""]))  # sometimes left unclosed
            parts.append(f"<{tag}{attrs}>{inner}{close}")
        else:
            parts.append(draw(st.sampled_from(["</div>", "</p>", "<!-- c -->", "<script>x<y</script>", "</ b>", "<!x>", "<"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(html_fragments())
def test_every_block_span_holds_its_words_in_order(fragment):
    content = page(fragment)
    blocks, _ = extract_blocks(content)
    for block in blocks:
        assert 0 <= block.start <= block.end <= len(content)
        assert block.text == block.text.strip() and block.text
        source = content[block.start : block.end]
        import html as html_module

        assert_characters_in_order(html_module.unescape(source), block.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    blocks, hints = extract_blocks(text)
    for block in blocks:
        assert 0 <= block.start <= block.end <= len(text)


# -- robustness -----------------------------------------------------------------------------


def test_empty_and_blank_documents():
    assert extract_blocks("") == ([], extract_blocks("")[1])
    assert extract_blocks("")[0] == [] and extract_blocks("   \n")[0] == []
    assert extract_blocks("<html><body></body></html>")[0] == []


def test_unclosed_and_misnested_tags():
    content = "<div><p>one <b>bold <i>both</b> italic</i><div>two</span></p>three"
    assert texts(content) == ["one bold both italic", "two", "three"]


def test_fifty_thousand_nested_divs_give_their_text():
    # No recursion anywhere: the depth costs nothing but the stack (scaling: bench/scaling.py).
    content = "<div>" * 50_000 + "deep text" + "</div>" * 50_000
    blocks, _ = extract_blocks(content)
    assert [b.text for b in blocks] == ["deep text"]
    assert content[blocks[0].start : blocks[0].end].startswith("<div>")


def test_pathological_markup_stays_linear():
    nested = ("<header>x", "<figcaption>x", "<span class=byline>x", "<div><time datetime=2020>x", "<article>x")
    skipped = ("<script></script>" * 20_000, "<!--x-->" * 20_000, '<div a="<!--" b="' + "<!--" * 20_000, "<title>" + "<svg>" * 20_000)
    for content in ("<" * 200_000, "</" * 100_000, "<!" * 100_000, '<div class="' * 40_000, "<p a='b>c" * 20_000, *(n * 20_000 for n in nested), *skipped):
        # A hang detector (pytest-timeout), not a speed test: bench/scaling.py measures the cost.
        blocks, _ = extract_blocks(content)
        assert all(0 <= b.start <= b.end <= len(content) for b in blocks), content[:20]


def test_garbage_input():
    garbage = "\x00\x01<\x7f>\ufffd<<<>>>&&&;<p\x00>text</p" + "<" * 1000 + "&#99999999;&bogus;"
    blocks, _ = extract_blocks(garbage)
    assert any("text" in b.text for b in blocks)


def test_unterminated_comment_and_script_swallow_the_rest():
    assert texts("<p>before</p><!-- never closed <p>x</p>") == ["before"]
    assert texts("<p>before</p><script>if (a<b) {<p>x</p>") == ["before"]


# -- hints ----------------------------------------------------------------------------------


def test_meta_hints():
    head = (
        "<meta property='og:title' content='Budget approved | Town Herald'>"
        "<meta property='og:site_name' content='Town Herald'>"
        "<meta property='article:published_time' content='2020-03-01T10:00:00Z'>"
        "<meta name='author' content='Jane Doe, John Roe'>"
        "<meta property='article:section' content='Local'>"
        "<meta name='description' content='The council approved the budget.'>"
    )
    _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", head))
    assert hints.title == "Budget approved"
    assert hints.publisher == "Town Herald"
    assert hints.published == "2020-03-01T10:00:00Z"
    assert hints.authors == ["Jane Doe", "John Roe"]
    assert hints.section == "Local"
    assert hints.description == "The council approved the budget."
    for name in ("published", "published-date"):  # names some sites give their publication date
        _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", f"<meta name='{name}' content='July 17, 2025'>"))
        assert hints.published == "July 17, 2025", name
    assert hints.language == "en"


def test_json_ld_hints_win_and_survive_garbage():
    head = (
        "<script type='application/ld+json'>{not json</script>"
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"WebSite","name":"Herald"},'
        '{"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2021-05-06T07:08:09+02:00",'
        '"author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"},"https://x.example/a"],'
        '"articleSection":["World","Asia"],"publisher":{"name":"The Herald"}}]}</script>'
        "<meta property='og:title' content='OG title'>"
    )
    _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", head))
    assert hints.title == "LD headline"
    assert hints.published == "2021-05-06T07:08:09+02:00"
    assert hints.authors == ["Ann Lee", "Bo Chen"]
    assert hints.section == "World"
    assert hints.publisher == "The Herald"



def test_hand_written_json_ld_with_slips_is_still_read():
    """A raw newline inside a string, a // comment, a trailing comma, objects side by side: what
    hand-written JSON-LD gets wrong, and what a strict parser alone would throw the script away for."""
    slips = (
        '{"@type":"NewsArticle","headline":"Two\nlines","datePublished":"2024-03-01", // the day\n'
        '"author":{"@type":"Person","name":"Ann Lee",},}'
    )
    _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", f"<script type='application/ld+json'>{slips}</script>"))
    assert (hints.title, hints.published, hints.authors) == ("Two lines", "2024-03-01", ["Ann Lee"])
    side_by_side = '{"@type":"WebSite","name":"Herald"},{"@type":"BlogPosting","headline":"Second","datePublished":"2024-03-02"}'
    _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", f"<script type='application/ld+json'>{side_by_side}</script>"))
    assert (hints.title, hints.published) == ("Second", "2024-03-02")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]",:/*\\\n ab1', max_size=60))
def test_json_ld_repair_never_raises_and_keeps_valid_json_as_it_is(text):
    import orjson

    from worker.pipeline.extract.hints import parse_json_ld

    try:
        expected = orjson.loads(text)
    except orjson.JSONDecodeError:
        parse_json_ld(text)  # (anything: it must only not raise)
    else:
        assert parse_json_ld(text) == expected

def test_title_falls_back_to_h1_then_title_without_site_suffix():
    _, hints = extract_blocks("<html><head><title>Storm hits coast - Daily News</title></head><body><p>x</p></body></html>")
    assert hints.title == "Storm hits coast"
    _, hints = extract_blocks(page("<article><h1>The h1 title</h1><p>x</p></article>"))
    assert hints.title == "The h1 title"


def test_a_declared_title_loses_its_separated_suffix_but_a_shown_h1_stays_whole():
    def declared(og_title: str, body: str = "<p>x</p>") -> str | None:
        _, hints = extract_blocks(page(body, f"<meta property='og:title' content='{og_title}'>"))
        return hints.title

    # "Headline | Site", "Headline - Section", "Headline – tagline": the page shows the headline.
    assert declared("Storm floods the old harbour | The Herald") == "Storm floods the old harbour"
    assert declared("Electrical safety - Overview | Safety Agency") == "Electrical safety - Overview"
    assert declared("Wedding planning tools – a caterer comparison sheet") == "Wedding planning tools"
    # A one-word head keeps its suffix unless that is the site's name; the h1 as shown stays whole.
    assert declared("Reviews - Yoga With Olivia") == "Reviews - Yoga With Olivia"
    shown = "Gym workouts for beginners — strength training"
    assert declared(shown, f"<article><h1>{shown}</h1><p>x</p></article>") == shown


def test_a_logo_h1_the_title_does_not_contain_gives_way_to_the_title():
    def titled(title: str, body: str) -> str:
        return f"<html><head><title>{title}</title></head><body>{body}</body></html>"

    _, hints = extract_blocks(titled("Council approves the bus network expansion - Entermedia", "<h1>엔터 미디어</h1><p>x</p>"))
    assert hints.title == "Council approves the bus network expansion"
    # The <title> is only the site name, or contains the h1: the h1 stays.
    _, hints = extract_blocks(titled("Town Herald", "<h1>Council approves bus plan</h1><p>x</p>"))
    assert hints.title == "Council approves bus plan"
    _, hints = extract_blocks(titled("Budget day: Council approves bus plan | Herald", "<h1>Council approves bus plan</h1><p>x</p>"))
    assert hints.title == "Council approves bus plan"


def test_time_element_and_byline_hints():
    content = page("<article><header><time datetime='2019-11-18T12:26'>Nov 18</time><span class='byline'>By Tom Rogan</span></header><p>x</p></article>")
    _, hints = extract_blocks(content)
    assert hints.published == "2019-11-18T12:26"
    assert hints.authors == ["Tom Rogan"]


def test_an_author_element_holding_a_date_or_an_outlet_gives_only_the_people():
    for byline, people in [
        ("Jeff Foust Monday, November 18, 2019", ["Jeff Foust"]),
        ("By Sandee LaMotte, CNN", ["Sandee LaMotte"]),
        ("Detroit News wire services Published 11:11 PM EST Nov 19, 2019", []),
    ]:
        _, hints = extract_blocks(page(f"<article><div class='author'>{byline}</div><p>x</p></article>"))
        assert hints.authors == people, byline


def test_a_byline_cue_alone_names_nobody_and_longer_cues_are_cut():
    # <span class="author">By</span> beside the name's own element: the cue is no author.
    _, hints = extract_blocks(page("<article><span class='author'>By</span> <a rel='author'>Sara Brown</a><p>x</p></article>"))
    assert hints.authors == ["Sara Brown"]
    for byline in ("Written By Angela Holliday", "Article by: Cara Dumaplin"):
        _, hints = extract_blocks(page(f"<article><div class='author'>{byline}</div><p>x</p></article>"))
        assert hints.authors == [byline.split(maxsplit=2)[-1].removeprefix("by: ")], byline
    ld = '<script type="application/ld+json">{"@type":"Article","author":{"name":"Written by De Souza"}}</script>'
    _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", ld))
    assert hints.authors == ["De Souza"]  # the cue goes, the surname's particle stays


def test_an_author_meta_written_as_a_byline_gives_the_people():
    for value, people in [
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"]),
        ("Charlie Wood, Business Insider", ["Charlie Wood"]),
        ("Dieter Bohn", ["Dieter Bohn"]),  # names that start like a cue ("di", "de") keep their letters
        ("Devin Coldewey", ["Devin Coldewey"]),
    ]:
        _, hints = extract_blocks(page(f"<p>{PARAGRAPH}</p>", f"<meta name='author' content='{value}'>"))
        assert hints.authors == people, value


def test_figcaption_with_credit():
    content = page(
        "<figure><img src='a.jpg'><figcaption>Firefighters at the scene. <span class='credit'>Photo: AP</span></figcaption></figure>"
        "<figure><figcaption>No credit here.</figcaption></figure>"
    )
    blocks, hints = extract_blocks(content)
    assert hints.captions == [("Firefighters at the scene.", "Photo: AP"), ("No credit here.", None)]
    assert any(b.tag == "figcaption" for b in blocks)


def test_the_extension_knows_east_asian_text_as_the_pipeline_does():
    # native/src/text.rs decides where a line break is layout and what weighs double; it must
    # use the same class as the Python steps (textfacts.EAST_ASIAN, the one definition of it).
    from worker import _native
    from worker.pipeline.textfacts import EAST_ASIAN

    assert _native.EAST_ASIAN == EAST_ASIAN


def _authors_of(html: str) -> list[str]:
    return extract_blocks(html)[1].authors


ARTICLE_TEXT = "<p>" + "The council approved the new harbour bridge on Tuesday after a long debate. " * 6 + "</p>"
VARIED_ARTICLE_SENTENCES = (
    "The council approved the new harbour bridge on Tuesday after a long debate about its cost.",
    "Construction is expected to begin in the spring and to last about three years, the mayor said.",
    "Residents near the harbour welcomed the decision but worried about traffic during the works.",
    "The bridge will carry buses, cyclists and pedestrians, and a lane is reserved for emergency vehicles.",
)


def test_a_link_to_an_author_page_names_the_author_when_nothing_else_does():
    byline = '<div class="meta"><span><a href="/authors/trevor-jackins">Trevor Jackins</a></span></div>'
    assert _authors_of(f"<html><body><article><h1>Bridge approved</h1>{byline}{ARTICLE_TEXT}</article></body></html>") == ["Trevor Jackins"]


def test_an_author_page_link_that_is_no_name_names_nobody_and_a_marked_byline_wins():
    menu = '<nav><a href="/authors/all">Our authors</a></nav>'
    assert _authors_of(f"<html><body>{menu}<article><h1>Bridge approved</h1>{ARTICLE_TEXT}</article></body></html>") == []
    marked = '<a href="/author/jane-roe">Jane Roe</a><span rel="author" class="byline">By John Doe</span>'
    assert _authors_of(f"<html><body><article><h1>Bridge approved</h1>{marked}{ARTICLE_TEXT}</article></body></html>") == ["John Doe"]


def test_declared_authors_stand_for_the_page_and_other_credits_stay():
    from worker.pipeline import process
    from worker.pipeline.model import RawInput

    meta = '<meta name="author" content="Claire Wilson">'
    credit = "<p>By Claire Wilson, Co-Founder</p>"
    photo = "<figure><img src=a.jpg><figcaption>The new bridge at dusk. Photo: Anna Berg</figcaption></figure>"
    # (an article of different sentences: one sentence repeated is stuffing the spam step removes,
    # and a page left with a byline and a caption has no article body to credit a photo in)
    article = "".join(f"<p>{sentence}</p>" for sentence in VARIED_ARTICLE_SENTENCES)
    html = f"<html><head>{meta}</head><body><article><h1>Bridge approved</h1>{credit}{photo}{article}</article></body></html>"
    result = process(RawInput(content=html, content_type="text/html"))
    authors = [person.name for person in result.contributors if person.role == "author"]
    assert authors == ["Claire Wilson"]  # not 'Co-Founder', read from the byline as a second name
    assert ("Anna Berg", "photographer") in [(person.name, person.role) for person in result.contributors]


def test_a_page_that_declares_only_an_organization_is_credited_to_the_person_its_byline_names():
    from worker.pipeline import process
    from worker.pipeline.model import RawInput

    meta = '<meta name="author" content="British Heart Foundation">'
    html = f"<html><head>{meta}</head><body><article><h1>Bridge approved</h1><p>By Tracy Parker</p>{ARTICLE_TEXT}</article></body></html>"
    result = process(RawInput(content=html, content_type="text/html"))
    assert [person.name for person in result.contributors if person.role == "author"] == ["Tracy Parker"]


def test_a_byline_element_holding_only_a_date_names_nobody():
    element = '<div class="byline">Sat, 20 Dec, 2025 - 06:36</div>'
    assert _authors_of(f"<html><body><article><h1>Bridge approved</h1>{element}{ARTICLE_TEXT}</article></body></html>") == []


def test_a_summary_card_labelled_written_by_names_the_author():
    card = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">' \
           '<meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Tyler Brown">'
    assert _authors_of(f"<html><head>{card}</head><body><article><h1>Bridge approved</h1>{ARTICLE_TEXT}</article></body></html>") == ["Tyler Brown"]


def _published_of(html: str) -> str | None:
    from worker.pipeline import process
    from worker.pipeline.model import RawInput

    result = process(RawInput(content=html, content_type="text/html"))
    return result.published.local[:10] if result.published else None


def test_a_shown_date_earlier_than_the_declared_one_is_the_publication_date():
    # The CMS declares its last save; the reader sees the day the post was first published.
    meta = '<meta property="article:published_time" content="2025-06-24T10:00:00+00:00">'
    shown = "<p>August 25, 2024</p>"
    html = f"<html><head>{meta}</head><body><article><h1>Bridge approved</h1>{shown}{ARTICLE_TEXT}</article></body></html>"
    assert _published_of(html) == "2024-08-25"


def test_the_declared_date_stands_when_the_page_also_shows_it_or_the_shown_one_is_later():
    meta = '<meta property="article:published_time" content="2022-01-28T00:00:00">'
    # A document's facts: the day it was signed shown in the header, its publication day in a table.
    facts = "<table><tr><td>Published: January 28, 2022</td></tr></table>"
    html = f"<html><head>{meta}</head><body>{facts}<article><h1>Notice</h1><p>January 27, 2022</p>{ARTICLE_TEXT}</article></body></html>"
    assert _published_of(html) == "2022-01-28"
    later = f"<html><head>{meta}</head><body><article><h1>Notice</h1><p>March 3, 2022</p>{ARTICLE_TEXT}</article></body></html>"
    assert _published_of(later) == "2022-01-28"


def test_a_user_name_in_an_author_element_is_kept_whole():
    # The name reader would cut "Ejp55230" at its digits and "InsaneSnow" at its glued capital.
    for handle in ("Ejp55230", "Noah_B", "InsaneSnow"):
        element = f'<span class="author">{handle}</span>'
        assert _authors_of(f"<html><body><article><h1>Bridge approved</h1>{element}{ARTICLE_TEXT}</article></body></html>") == [handle]
    element = '<span class="author">Jane Doe</span>'
    assert _authors_of(f"<html><body><article><h1>Bridge approved</h1>{element}{ARTICLE_TEXT}</article></body></html>") == ["Jane Doe"]



def test_elements_opened_too_deep_open_nothing_but_still_separate_blocks():
    # As in browsers, the open elements are capped (512): deeper tags do not open containers,
    # so 16 MB of nested tags cost per MB what a small page does; their blocks stay apart.
    from worker.pipeline.extract.html import _EXTRACTOR

    content = "<div>" * 5_000 + "<p>one</p>two<p>three</p>" + "</div>" * 5_000 + "<p>after</p>"
    assert texts(content) == ["one", "two", "three", "after"]
    lasts = _EXTRACTOR.extract(content)[4][0]  # the containers that hold blocks
    assert len(lasts) <= 513


def _page_with(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article><h1>Bridge approved</h1>{body}{ARTICLE_TEXT}</article></body></html>"


def test_an_organization_declared_as_author_gives_way_to_the_person_the_byline_element_shows():
    typed = '<script type="application/ld+json">{"@type":"Article","headline":"Bridge approved","author":{"@type":"Organization","name":"Harbourworks"}}</script>'
    byline = '<div class="author">Harbourworks</div><div class="author">Shauna Mitchell</div>'
    assert _authors_of(_page_with(typed, byline)) == ["Shauna Mitchell"]
    # the site's own name, declared as the author
    site = '<meta property="og:site_name" content="Harbour Works"><meta name="author" content="Harbour Works">'
    assert _authors_of(_page_with(site, '<span class="byline">Jane Roe</span>')) == ["Jane Roe"]
    # ... but an element showing the declared name first confirms it (a commenter's name follows)
    confirmed = '<span class="byline">Harbour Works</span><span class="byline">Elaine Winter</span>'
    assert _authors_of(_page_with(site, confirmed)) == ["Harbour Works"]
    # a declared person, or an organization with no person shown, stands
    assert _authors_of(_page_with('<meta name="author" content="Tom Rogan">', '<span class="byline">Jane Roe</span>')) == ["Tom Rogan"]
    assert _authors_of(_page_with(typed, '<span class="byline">Read more</span>')) == ["Harbourworks"]


def test_a_declared_author_with_an_empty_name_beside_its_outlet_is_the_outlet():
    ld = '<script type="application/ld+json">{"@type":"Article","headline":"x","author":{"@type":"Person","name":", USA TODAY"}}</script>'
    assert _authors_of(_page_with(ld, '<span class="author">Brian Truitt</span>')) == ["Brian Truitt"]


def test_a_byline_element_with_a_cue_inside_or_a_comment_signature():
    assert _authors_of(_page_with("", '<span class="author">Recipe by PJ Hamel</span>')) == ["PJ Hamel"]
    assert _authors_of(_page_with("", '<span class="author">Harbour Mattresses Reviewed by Youval Meicler</span>')) == ["Youval Meicler"]
    signature = '<span class="author">Jiobal says:</span><span class="author">Amanda Reed</span>'
    assert _authors_of(_page_with("", signature)) == ["Amanda Reed"]


def test_a_forum_post_by_element_names_its_poster():
    posts = '<p class="author">Post by changingtimes » Sat Feb 24, 2024 12:41 pm</p><p class="author">Post by invest4 » Sat Feb 24, 2024</p>'
    assert _authors_of(_page_with("", posts)) == ["changingtimes"]


def test_a_desk_or_site_declared_as_author_keeps_its_whole_name():
    for value in ("Podium Staff", "Community Editor"):
        assert _authors_of(_page_with(f'<meta name="author" content="{value}">', "")) == [value], value
    # a person and a role stay apart
    assert _authors_of(_page_with('<meta name="author" content="Jane Doe, Staff Writer">', "")) == ["Jane Doe"]


def test_a_role_after_the_names_in_a_byline_element_ends_them():
    element = '<p class="author">This post was written by Danielle Padula, Head of Marketing and Community Development</p>'
    assert _authors_of(_page_with("", element)) == ["Danielle Padula"]
    element = '<p class="author">Authors: Julie Weisenhorn and Natalie Hoidal, Extension horticulture educators</p>'
    assert _authors_of(_page_with("", element)) == ["Julie Weisenhorn", "Natalie Hoidal"]


def test_a_headings_permalink_mark_is_no_part_of_the_title():
    from worker.pipeline import process
    from worker.pipeline.model import RawInput

    _, hints = extract_blocks(_page_with("", "").replace("<h1>Bridge approved</h1>", '<h1>Advanced Usage<a class="headerlink" href="#x">¶</a></h1>'))
    assert ("h1", "Advanced Usage") in hints.title_candidates
    html = _page_with("<title>Advanced Usage — Requests 2.32 documentation</title>", "").replace("<h1>Bridge approved</h1>", "<h1>Advanced Usage¶</h1>")
    assert process(RawInput(content=html, content_type="text/html")).title == "Advanced Usage"
