"""The fitted author chooser for page text (worker/pipeline/segment/authormodel.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline import process
from worker.pipeline.model import RawInput
from worker.pipeline.segment.authormodel import MAX_NAME_TOKEN_CHARS, names_in_line
from worker.pipeline.segment.names import parse_latin_names


@pytest.mark.parametrize(
    "line, names, how",
    [
        ("By Jane Smith", ["Jane Smith"], "byline"),
        ("Written By Tina Flint Huffman", ["Tina Flint Huffman"], "cue"),
        ("ByNina Pineda", ["Nina Pineda"], "byline"),
        ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"], "bare"),
        ("Andrew King", ["Andrew King"], "bare"),
        ("Residents queued from early morning to borrow books.", [], None),
        ("12 March 2024", [], None),
        ("Mike Kappel May 18, 2016", ["Mike Kappel"], "dated"),
        ("longshot · 03/03/2026 19:44", ["longshot"], "dated"),
        ("amondale (Amondale) November 8, 2024, 7:33pm", ["amondale"], "dated"),
        ("Updated May 3, 2024", [], None),  # a word saying what the date is names nobody
        # a desk, a site or a user name after a cue, read whole
        ("By Ask the Doctors", ["Ask the Doctors"], "cue"),
        ("by News Desk", ["News Desk"], "cue"),
        ("By 3i Global", ["3i Global"], "cue"),
        # a name in one segment of a line of several
        ("Aaron Ricadela | Senior Writer | July 2, 2025", ["Aaron Ricadela"], "segment"),
        ("Dec 26, 2025 • Mahua Das in Project Management", ["Mahua Das"], "segment"),
        # a forum's poster
        ("Ejp55230 Discussion starter", ["Ejp55230"], "handle"),
        ("FutureBSD said:", ["FutureBSD"], "handle"),
        ("Discussion in 'Social Networks' started by AjayJunkies, May 11, 2024.", ["AjayJunkies"], "handle"),
        ("microfast", ["microfast"], "handle"),
        ("Home | About | Contact", [], None),
        ("Share", [], None),  # (a word that ends names is no user name)
    ],
)
def test_names_are_read_from_bylines_cues_and_bare_name_lines(line, names, how):
    assert names_in_line(line) == (names, how)


# Capitals, lower case, the joiners and full stops name tokens take, commas, a tab and a
# non-breaking space (no name separators), particles' letters.
UNSPACED_NAME_CHARS = st.sampled_from(list("AJMSvdeanr.-'’,\t\u00a0ÉÖ"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=UNSPACED_NAME_CHARS, max_size=MAX_NAME_TOKEN_CHARS))
def test_a_line_without_a_space_names_nobody_of_two_words(text):
    """What names_in_line relies on to skip parsing a space-less line as a bare name."""
    names, _ = parse_latin_names(text)
    assert all(" " not in name for name in names)


def test_a_run_of_capitals_longer_than_a_token_is_still_parsed_as_a_bare_name():
    run = "A" * (MAX_NAME_TOKEN_CHARS + 5)
    names, _ = parse_latin_names(run)
    assert names == ["A" + "a" * (MAX_NAME_TOKEN_CHARS - 1) + " Aaaaa"]  # cut into two tokens
    assert names_in_line(run) == (names, "bare")  # the length test lets it through


def test_a_bare_name_line_under_the_headline_becomes_the_author_of_a_text_page():
    page = "\n".join(
        [
            "Home", "News", "Sport",
            "Council approves the new harbour bridge after long debate",
            "Andrew King",
            "12 March 2024",
            "The city council approved the new harbour bridge on Tuesday after a long debate about its cost. "
            "Work is expected to begin in the spring, and the mayor said it would take three years.",
            "Residents who live near the harbour welcomed the decision but worried about the traffic during "
            "the works. Several of them asked the council to publish a plan for buses and cyclists.",
            "The bridge will replace a ferry that has carried commuters across the harbour since 1952, "
            "and the council expects about twenty thousand crossings a day once it opens.",
        ]
    )
    result = process(RawInput(content=page, content_type="text/plain"))
    assert [(person.name, person.role) for person in result.contributors] == [("Andrew King", "author")]


def test_a_name_the_page_names_again_in_an_author_box_is_read_as_such():
    from worker.pipeline.segment import authormodel

    captured = {}

    def observe(name, seconds, page):
        if name == "title":
            captured["page"] = page

    lines = [
        "Council approves the new harbour bridge after long debate",
        "Trevor Jackins",
        "The city council approved the new harbour bridge on Tuesday after a long debate about its cost. "
        "Work is expected to begin in the spring, and the mayor said it would take three years.",
        "Residents who live near the harbour welcomed the decision but worried about the traffic during "
        "the works. Several of them asked the council to publish a plan for buses and cyclists.",
        "Trevor Jackins is a reporter who covers the city council and its budgets.",
    ]
    process(RawInput(content="\n".join(lines), content_type="text/plain"), observe=observe)
    found, rows = authormodel.candidates(captured["page"])
    column = authormodel.FEATURES.index("named_elsewhere")
    by_name = {names[0]: row[column] for names, row in zip(found, rows)}
    assert by_name["Trevor Jackins"] > 0  # the bio names him again
