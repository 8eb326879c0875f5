"""Malformed markup must cost at most the broken tag, never the rest of the article.

Crawled pages are full of broken start tags. The old regex tokenizer read some of them as
swallowing everything up to a later quote or end tag, so the article after them was lost. The
standard's tokenizer defines what every such tag means, as browsers read it; these tests put
each kind in the middle of an article and check that all of the article's text comes out, and
that the spans the tokenizer reports are exact.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker import _native
from worker.pipeline.extract.html import extract_blocks

PARAGRAPHS = [
    f"Paragraph {number} of the story tells how the council met on Tuesday and what it decided about the town's budget."
    for number in range(1, 9)
]

# name -> a broken tag (or two) as found on real pages
MALFORMED = {
    "stray quote at the end of a tag": '<div class="story-body"">',
    "two stray quotes": '<a href="/x" title="" " >link</a>',
    "unbalanced quote inside a value": '<a href="/pots" title=" Gray Pot, 6½" wide">Gray Pot, 6½" wide</a>',
    "closing quote missing (the value runs to the next quote)": '<span style="display: inline;><a href="/x">x</a></span>',
    "curly quotes around a value": "<a href=\u201c/news/today\u201d class=\u2018link\u2019>today</a>",
    "apostrophe in an unquoted value": "<img alt=Don't src=/a.jpg><a title=Children's href=/k>kids</a>",
    "'<' inside a quoted value": '<img alt="a<b and c>d" src="/x.png"><div title="<p>not a tag</p>">',
    "markup inside a quoted value": "<em class=\"(<span class='x'><code>-c</code></span>)\">term</em>",
    "unquoted value with quotes inside": '<img src=/a.jpg alt=5"3\' width=10>',
    "'<' in an unquoted value": "<a href=/search?q=a<b>x</a>",
    "tag without its closing '>'": '<button class="share"\n  Share\n</button>',
    "self-closed button": '<button class="btn-search" />',
    "unclosed svg": '<svg width="18" height="18"><path d="M0 0"/>',
    "xml processing instruction": '<?xml version="1.0" encoding="UTF-8"?>',
    "stray end tags": "</div></span></p></td></table>",
    "null character in a tag": "<di\x00v cla\x00ss=x>",
}


def article(broken: str) -> str:
    first, second = PARAGRAPHS[:4], PARAGRAPHS[4:]
    body = "".join(f"<p>{text}</p>" for text in first)
    # the broken markup between two paragraphs and inside the next one
    body += broken + f"<p>{second[0][:20]}{broken}{second[0][20:]}</p>"
    body += "".join(f"<p>{text}</p>" for text in second[1:])
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Budget</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><main><article><h1>Budget approved</h1>{body}</article></main>"
        "<footer>Contact</footer></body></html>"
    )


@pytest.mark.parametrize("name", list(MALFORMED))
def test_the_whole_article_comes_out_around_a_malformed_tag(name):
    content = article(MALFORMED[name])
    blocks, _ = extract_blocks(content)
    text = " ".join(block.text for block in blocks)
    for paragraph in PARAGRAPHS[:4] + PARAGRAPHS[5:]:
        assert paragraph in text, f"{name}: lost {paragraph[:30]!r}"
    # the paragraph holding the broken tag keeps its words on both sides of it
    assert PARAGRAPHS[4][:20].strip() in text and PARAGRAPHS[4][20:].strip()[:40] in text
    assert "Contact" in text  # and the page after the article too
    for block in blocks:
        assert 0 <= block.start <= block.end <= len(content)


def test_an_unclosed_button_is_closed_by_the_end_of_its_block():
    content = "<div><p>Before.</p><button class='x' />Menu</div><p>After the button.</p>"
    assert [b.text for b in extract_blocks(content)[0]] == ["Before.", "After the button."]


def test_markup_inside_an_unclosed_button_does_not_close_blocks_around_it():
    content = "<div><button><div>icon</div></button><p>Kept.</p></div><p>After.</p>"
    assert [b.text for b in extract_blocks(content)[0]] == ["Kept.", "After."]


def test_character_references_in_attributes_are_decoded():
    head = (
        "<meta property='og:title' content='Caf&eacute; &amp; Bar'>"
        "<script type='application/ld&#x2B;json'>{\"@type\": \"NewsArticle\", \"headline\": \"H\", \"author\": {\"name\": \"Ann Lee\"}}</script>"
    )
    _, hints = extract_blocks(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert hints.title == "H" and hints.authors == ["Ann Lee"]


def test_attribute_names_are_case_insensitive():
    _, hints = extract_blocks("<p>x <time dateTime='2020-03-01T10:00:00Z'>March 1</time></p>")
    assert hints.published == "2020-03-01T10:00:00Z"


def test_lone_surrogates_are_replaced_one_for_one():
    content = "<p>caf\ud800 latte</p><p>second</p>"
    blocks, _ = extract_blocks(content)
    assert [b.text for b in blocks] == ["caf\ufffd latte", "second"]
    assert content[blocks[1].start : blocks[1].end] == "<p>second</p>"


# -- token spans --------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<div class='a'>", '<a href="/x?a=1&amp;b=2">', "</a>", "text ", "é中😀 ", "&amp;", "&nbsp;",
        "<br/>", "<!-- c -->", "<!DOCTYPE html>", "<script>if (a<b) x();</script>", "<style>p{}</style>",
        "<title>T &amp; U</title>", "<", ">", '"', "'", "=", "\n", "\r\n", "<img alt=\"<x>\">", "</>", "<?pi?>",
        "<textarea><p></textarea>", "<svg><![CDATA[x]]></svg>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_token_spans_are_exact(html):
    tokens = _native.tokenize(html)
    previous_end = 0
    for token, start, end in tokens:
        assert previous_end <= start <= end <= len(html)
        source = html[start:end]
        if token[0] in ("StartTag", "EndTag", "Comment", "DOCTYPE"):
            assert source.startswith("<"), (token, source)
            if token[0] in ("StartTag", "EndTag"):
                assert source.endswith(">"), (token, source)
        elif "&" not in source and "\r" not in source and "\x00" not in source and "<" not in source:
            assert token[1] == source  # plain text is its source
        previous_end = end
