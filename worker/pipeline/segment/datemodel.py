"""The publication date of a page given as text, chosen among the dated lines by a fitted model.

The header rules (:mod:`.header`) take the first date line of the header, else one a little further
or just after the body. Page text has no declared date, and its lines around the headline often
carry several dates: a modified date, a comment's date, a related story's date, a ticker's clock.
Every line with a date in a window around the body's start, and just after the body, is a candidate
(:func:`candidates`); a logistic regression (:mod:`.ranking`) scores it from :data:`FEATURES` (where
it sits against the body and the title, the cue before it, a time of day, a byline on the same line,
whether it is the newest or the oldest of the candidates, repeats, its class, whether the rules
chose it) and the best one becomes the date when it reaches the fitted threshold.

Fitted by ``python -m bench.datetrain`` on the tune fold (``data/date_model.json``).
"""

from __future__ import annotations

import math

from worker.pipeline.model import BlockKind
from worker.pipeline.page import Page
from worker.pipeline.segment import dates, timestamps
from worker.pipeline.segment.dates import DateMatch
from worker.pipeline.segment.ranking import RankerStep

MODEL_FILE = "date_model.json"
WINDOW_BEFORE = 60
WINDOW_AFTER = 5
AFTER_BODY = 15  # lines after the body's last block ("First published ...")
MAX_LINE_CHARS = 200  # of a line, the part searched for a date
KINDS = (BlockKind.PROSE, BlockKind.SHORT, BlockKind.TINY, BlockKind.JUNK)

FEATURES = (
    "blocks_before_body",
    "before_body",
    "after_body",
    "near_title",
    "after_title",
    "cue_published",
    "cue_updated",
    "has_time",
    "relative",
    "log_chars",
    "long_line",
    "date_is_the_line",
    "newest",
    "oldest",
    "first_candidate",
    "repeated_on_page",
    "kind_prose",
    "kind_short",
    "kind_tiny",
    "kind_junk",
    "rules_choice",
    "rules_chose_nothing",
)


def day_of(match: DateMatch) -> str:
    return f"{match.year:04d}-{match.month:02d}-{match.day:02d}"


def candidates(page: Page) -> tuple[list[DateMatch], list[list[float]]]:
    """The dates of the lines around the body's start and just after it, and their feature rows."""
    blocks = page.blocks
    if not blocks:
        return [], []
    start = page.body[0] if page.body else page.region[0]
    end = page.body[-1] + 1 if page.body else page.region[1]
    window = list(range(max(0, start - WINDOW_BEFORE), min(len(blocks), start + WINDOW_AFTER + 1)))
    window += [index for index in range(max(end, window[-1] + 1 if window else 0), min(len(blocks), end + AFTER_BODY))]
    title = (page.result.title or "").strip()
    title_at = next((index for index in window if title and blocks[index].text.strip() == title), None)
    rules = page.result.published.local[:10] if page.result.published else None
    fetched_at = page.when.fetched_at
    found: list[tuple[int, DateMatch]] = []
    for index in window:
        # A long line is read at its start only: a dateline opening the lead ("March 3, 2024 - ...").
        match = dates.find_date(blocks[index].text[:MAX_LINE_CHARS], fetched_at)
        if match is not None:
            found.append((index, match))
    if not found:
        return [], []
    days = [day_of(match) for _, match in found]
    newest, oldest = max(days), min(days)
    counts: dict[str, int] = {}
    for index, _ in found:
        counts[blocks[index].text] = counts.get(blocks[index].text, 0) + 1
    rows = []
    for position, ((index, match), day) in enumerate(zip(found, days)):
        text = blocks[index].text.strip()
        kind = blocks[index].kind
        rows.append(
            [
                max(-1.0, min(4.0, (start - index) / 10)),
                float(index < start),
                float(index >= end),
                float(title_at is not None and abs(index - title_at) <= 3),
                float(title_at is not None and index > title_at),
                float(match.cue == "published"),
                float(match.cue == "updated"),
                float(match.hour is not None),
                float(match.relative),
                math.log1p(len(text)),
                float(len(text) > MAX_LINE_CHARS),
                min(1.0, (match.end - match.start) / max(len(text), 1)),
                float(day == newest),
                float(day == oldest),
                float(position == 0),
                float(counts[blocks[index].text] > 1),
                *(float(kind == wanted) for wanted in KINDS),
                float(rules is not None and day == rules),
                float(rules is None),
            ]
        )
    return [match for _, match in found], rows


class ChooseDate(RankerStep):
    """Page text only: the fitted model's date line replaces the rules' date when it is sure enough."""

    name = "date"
    model_file = MODEL_FILE
    features = FEATURES
    command = "python -m bench.datetrain"

    def run(self, page: Page) -> None:
        ranker = self.ranker(page.raw.is_html)
        if ranker is None or page.result.quarantined:
            return
        matches, rows = candidates(page)
        best = ranker.best(rows)
        if best is not None:
            chosen = matches[best]
            if page.result.published is None or page.result.published.local[:10] != day_of(chosen):
                page.result.published = timestamps.resolve(chosen, page.when.timezone, page.when.default_timezone)
