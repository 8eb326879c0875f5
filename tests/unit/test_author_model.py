"""The fitted author chooser for page text (worker/pipeline/segment/authormodel.py)."""

import pytest

from worker.pipeline import process
from worker.pipeline.model import RawInput
from worker.pipeline.segment.authormodel import names_in_line


@pytest.mark.parametrize(
    "line, names, how",
    [
        ("By Jane Smith", ["Jane Smith"], "byline"),
        ("Written By Tina Flint Huffman", ["Tina Flint Huffman"], "cue"),
        ("ByNina Pineda", ["Nina Pineda"], "cue"),
        ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"], "bare"),
        ("Andrew King", ["Andrew King"], "bare"),
        ("Residents queued from early morning to borrow books.", [], None),
        ("12 March 2024", [], None),
    ],
)
def test_names_are_read_from_bylines_cues_and_bare_name_lines(line, names, how):
    assert names_in_line(line) == (names, how)


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
