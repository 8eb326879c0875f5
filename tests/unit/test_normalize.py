"""Unicode repair and line blocks with offsets into the original content."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from worker.pipeline.extract.normalize import normalize_text, text_blocks


def test_repairs_entities_mojibake_and_invisible_characters():
    assert normalize_text("Tom &amp; Jerry&#8217;s") == "Tom & Jerry’s"
    assert normalize_text("donâ€™t stop") == "don’t stop"
    assert normalize_text("zero\u200bwidth\u00adsoft\ufeff") == "zerowidthsoft"
    assert normalize_text("\ttabs\x01 and  \u00a0 spaces ") == "tabs and spaces"


def test_composes_to_nfc():
    assert normalize_text("Cafe\u0301") == "Café"


def test_keeps_cjk_text_and_ideographic_layout_intact():
    assert normalize_text("  中国新闻网　北京  ") == "中国新闻网　北京"


def test_blocks_point_at_the_original_lines():
    content = "  Title line \r\n\n\tBody text here.\u2029Last"
    blocks = text_blocks(content)
    assert [b.text for b in blocks] == ["Title line", "Body text here.", "Last"]
    assert [content[b.start : b.end] for b in blocks] == ["Title line", "Body text here.", "Last"]


def test_overlong_lines_are_cut_into_bounded_pieces():
    blocks = text_blocks("a" * 25, max_line_chars=10)
    assert [(b.start, b.end) for b in blocks] == [(0, 10), (10, 20), (20, 25)]


@given(st.text(alphabet=st.sampled_from("ab 中\n\r\t\u00a0\u200b&;#é\u0301"), max_size=200))
def test_block_offsets_always_delimit_their_source(content):
    for block in text_blocks(content):
        source = content[block.start : block.end]
        assert source and source == source.strip()
        assert "\n" not in source and "\r" not in source
        assert block.text == normalize_text(source)


@given(st.text(max_size=100))
def test_normalize_is_idempotent(text):
    # Double-escaped entities ('&amp;lt;') legitimately unescape one level per call.
    assume("&" not in text)
    once = normalize_text(text)
    assert normalize_text(once) == once
