"""The fitted title choosers for page text and HTML (worker/pipeline/segment/titlemodel.py)."""

import math

from worker.pipeline import STEPS, process
from worker.pipeline.model import RawInput
from worker.pipeline.segment.titlemodel import FEATURES, LINE_FEATURES, ChooseTitle

LEAD = (
    "The city council approved the new harbour bridge on Tuesday after a long debate about its cost, "
    "and construction is expected to begin in the spring. "
)
PAGE = "\n".join(
    [
        "Home", "News", "Sport", "Weather",
        "Council approves the new harbour bridge after long debate",
        "By Jane Smith",
        "12 March 2024",
        LEAD * 2,
        "Residents who live near the harbour said they welcomed the decision but worried about traffic during the works. " * 2,
        "The mayor said the bridge would be finished within three years and would carry buses and cyclists. " * 2,
    ]
)


def test_the_headline_line_is_the_title_of_a_text_page_and_not_a_paragraph():
    result = process(RawInput(content=PAGE, content_type="text/plain"))
    assert result.title == "Council approves the new harbour bridge after long debate"
    assert all("Council approves" not in paragraph.text for paragraph in result.paragraphs)


def test_html_pages_keep_the_rules_title():
    html = "<html><head><title>Declared headline of the page</title></head><body><h1>Declared headline of the page</h1><p>" + LEAD * 3 + "</p></body></html>"
    without_model = tuple(step for step in STEPS if not isinstance(step, ChooseTitle))
    raw = RawInput(content=html, content_type="text/html")
    assert process(raw).title == process(raw, steps=without_model).title == "Declared headline of the page"


def test_a_model_file_fitted_on_other_features_fails_at_load(tmp_path, monkeypatch):
    import json

    from worker.pipeline.segment import ranking

    stale = tmp_path / "title_model.json"
    stale.write_text(json.dumps({"features": ["something_else"], "kinds": {}}))
    monkeypatch.setattr(ranking, "data_path", lambda name: stale)
    monkeypatch.setattr(ranking, "load_json", lambda name: json.loads(stale.read_text()))
    try:
        ChooseTitle().preload()
    except ValueError as error:
        assert "bench.titletrain" in str(error)
    else:
        raise AssertionError("a stale model file was accepted")


def test_an_html_page_offers_every_title_it_declares_and_shows_with_its_source():
    from worker.pipeline.extract.html import extract_blocks

    html = (
        '<html><head><title>Harbour bridge approved | The Daily Example</title>'
        '<meta property="og:title" content="Council approves harbour bridge"></head>'
        "<body><h1>Council approves the new harbour bridge</h1><p>" + LEAD * 3 + "</p></body></html>"
    )
    _, hints = extract_blocks(html)
    offered = set(hints.title_candidates)
    assert ("og", "Council approves harbour bridge") in offered
    assert ("title", "Harbour bridge approved | The Daily Example") in offered
    assert ("title_stripped", "Harbour bridge approved") in offered
    assert ("h1", "Council approves the new harbour bridge") in offered


def test_the_html_title_chooser_picks_one_of_the_offered_titles():
    html = (
        '<html><head><title>Harbour bridge approved | The Daily Example</title>'
        '<meta property="og:title" content="Council approves harbour bridge"></head>'
        "<body><h1>Council approves the new harbour bridge</h1><p>" + LEAD * 3 + "</p></body></html>"
    )
    title = process(RawInput(content=html, content_type="text/html")).title
    assert title in {"Council approves harbour bridge", "Harbour bridge approved", "Council approves the new harbour bridge"}



def _html_rows(html: str) -> dict[str, dict[str, float]]:
    """Each offered title's HTML feature row by name, as the title step sees the page."""
    from worker.pipeline.segment.titlemodel import HTML_FEATURES, html_candidates

    captured = {}

    def observe(name, seconds, page):
        if name == "header":
            captured["rows"] = dict(zip(*html_candidates(page)))

    process(RawInput(content=html, content_type="text/html"), observe=observe)
    return {text: dict(zip(HTML_FEATURES, row)) for text, row in captured["rows"].items()}


def test_an_html_title_row_says_whether_and_where_the_page_shows_it():
    rows = _html_rows(
        '<html><head><title>Harbour bridge approved | The Daily Example</title>'
        '<meta property="og:title" content="Council approves harbour bridge"></head>'
        "<body><nav><a href='/'>Home</a></nav><article><h1>Council approves the new harbour bridge</h1><p>"
        + LEAD * 3 + "</p></article></body></html>"
    )
    shown, meta_only = rows["Council approves the new harbour bridge"], rows["Council approves harbour bridge"]
    assert shown["shown"] == shown["shown_as_h1"] == shown["shown_near_body_start"] == 1.0
    assert shown["shown_outside_chrome"] == 1.0
    assert meta_only["shown"] == meta_only["shown_as_h1"] == meta_only["shown_near_body_start"] == 0.0
    assert meta_only["log_blocks_to_body"] == 0.0



def test_the_parts_of_a_declared_title_are_candidates_with_their_place():
    rows = _html_rows(
        '<html><head><title>SEO Checker | Test your website for free with Seobility</title></head>'
        "<body><p>" + LEAD * 3 + "</p></body></html>"
    )
    assert rows["SEO Checker"]["part_first"] == 1.0 and rows["SEO Checker"]["part_last"] == 0.0
    last = rows["Test your website for free with Seobility"]
    assert last["part_last"] == 1.0 and last["from_title"] == 0.0  # no source declares it whole


def test_a_title_cut_into_many_parts_is_left_whole():
    from worker.pipeline.segment.titlemodel import _title_parts

    assert _title_parts("Home | News | World | Europe | Article") == []
    assert _title_parts("No separator: here") == []
    assert _title_parts("Middleware | Django documentation | Django") == [
        ("first", "Middleware"), ("middle", "Django documentation"), ("last", "Django")]

def test_a_tree_ranker_scores_rows_with_the_compiled_ensemble():
    from worker.pipeline.segment.ranking import LineRanker

    # One stump on feature 1: rows with feature 1 above 0.5 get +2 (p 0.88), others -2 (p 0.12).
    stump = {"feature": [1, 0, 0], "threshold": [0.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
             "value": [0.0, -2.0, 2.0], "leaf": [False, True, True]}
    ranker = LineRanker({"trees": {"baseline": 0.0, "trees": [stump]}, "threshold": 0.5}, 2)
    rows = [[9.0, 0.0], [0.0, 1.0], [5.0, 0.2]]
    assert ranker.best(rows) == 1
    assert abs(ranker.probabilities(rows)[1] - 1 / (1 + math.exp(-2.0))) < 1e-12
    assert LineRanker({"trees": {"baseline": 0.0, "trees": [stump]}, "threshold": 0.9}, 2).best(rows) is None

# The compiled facts of mostly-ASCII candidate lines (native/src/lines.rs) against the Python
# definitions they stand in for: the same tuple for every line the extension accepts.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from worker._native import title_line_facts  # noqa: E402
from worker.pipeline.segment.titlemodel import line_facts, normalized  # noqa: E402

ACCEPTED_CHARS = st.sampled_from(
    list("abcXYZ019 .,:|-_'\t\x1c") + ["\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "\u00ab", "\u00bb", "\u2022", "\u00b7", "\u00a0", "\u3000"]
)
WORDS = st.sets(st.sampled_from(["abcx", "xyz0", "1990", "zzzz", "über", "abc"]), max_size=4)


@settings(max_examples=300, deadline=None)
@given(text=st.text(ACCEPTED_CHARS, min_size=1, max_size=40), opening=WORDS, url_words=WORDS, rules_from_text=st.booleans())
def test_compiled_line_facts_equal_the_python_definitions(text, opening, url_words, rules_from_text):
    text = text.strip() or "a"
    rules = normalized(text) if rules_from_text else "abc xyz0"
    (compiled,) = title_line_facts([text], opening, url_words, rules)
    assert compiled == line_facts(text, opening, url_words, rules)


def test_lines_in_other_scripts_are_left_to_python():
    assert title_line_facts(["Über den Fluss", "Мост открыт", "plain words"], set(), set(), "")[:2] == [None, None]


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.one_of(ACCEPTED_CHARS, st.characters()), max_size=40))
def test_content_words_fast_path_equals_the_unicode_definition(text):
    from worker.pipeline.segment.titlemodel import _content_words
    from worker.pipeline.textfacts import WORD_PATTERN

    expected = {word for word in WORD_PATTERN.findall(text.casefold()) if len(word) > 3 or not word.isascii()}
    assert _content_words(text) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.one_of(ACCEPTED_CHARS, st.characters()), max_size=40))
def test_words_fast_path_equals_the_unicode_pattern(text):
    from worker.pipeline.textfacts import WORD_PATTERN, words

    assert words(text) == WORD_PATTERN.findall(text)


def test_compiled_rows_refuse_a_window_that_misses_the_neighbours():
    import pytest

    from worker._native import title_rows
    from worker.pipeline.segment.titlemodel import _dated

    texts = ["Home", "A headline of the page here", "By Jane Smith", "The article's first paragraph."]
    limits = (4, 300, 3, 80, (4, 20))
    common = dict(kinds=[3, 2, 2, 0], repeated=[False] * 4, count=10, body=[3], sentence_end=".", opening=set(),
                  url_words=set(), rules="", line_facts=line_facts, dated=_dated, limits=limits)
    with pytest.raises(ValueError):  # blocks 4..6 (below the last candidate) are not in the window
        title_rows(texts, first=0, low=0, high=4, start=3, **common)
    indices, rows = title_rows(texts, first=0, low=0, high=1, start=3, **common)
    assert indices == [0] and len(rows) == 8 * len(LINE_FEATURES)
