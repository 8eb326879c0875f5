"""The fitted date chooser for page text (worker/pipeline/segment/datemodel.py)."""

from worker.pipeline import STEPS, process
from worker.pipeline.model import RawInput
from worker.pipeline.segment.datemodel import ChooseDate, candidates, day_of

PAGE = "\n".join(
    [
        "Home", "News",
        "Council approves the new harbour bridge after long debate",
        "Andrew King",
        "12 March 2024",
        "The city council approved the new harbour bridge on Tuesday after a long debate about its cost. "
        "Work is expected to begin in the spring, and the mayor said it would take three years.",
        "Residents who live near the harbour welcomed the decision but worried about the traffic during "
        "the works. Several of them asked the council to publish a plan for buses and cyclists.",
        "Related: Ferry timetable changes from 2 January 2023",
    ]
)


def test_dated_lines_around_the_body_are_the_candidates_and_the_header_date_wins():
    seen = {}

    def observe(name, seconds, page):
        if name == "authors":
            seen["days"] = [day_of(match) for match in candidates(page)[0]]

    without = tuple(step for step in STEPS if not isinstance(step, ChooseDate))
    process(RawInput(content=PAGE, content_type="text/plain"), observe=observe, steps=without)
    assert "2024-03-12" in seen["days"]
    assert process(RawInput(content=PAGE, content_type="text/plain")).published.local == "2024-03-12"
