"""Publication dates in page text (OWNED BY THE DATES/BYLINES HELPER; stub with the agreed API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from worker.pipeline.model import PublishedDate


@dataclass(slots=True, frozen=True)
class DateMatch:
    """A date (and maybe time) found in a piece of text."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None  # when the text itself shows a zone ('ET', '+08:00', 'GMT')
    zone_name: str | None = None  # IANA name when the text shows a named zone ('ET' -> America/New_York)
    start: int = 0  # span of the match in the text
    end: int = 0


def find_date(text: str, fetched_at: datetime | None = None) -> DateMatch | None:
    """The first publication-like date in ``text`` (one line or block), or None."""
    return None


def resolve(match: DateMatch, timezone_hint: str | None = None, default_timezone: str | None = None) -> PublishedDate:
    """Local ISO form as shown, plus the RFC 3339 form when a zone is known (page > hint > default)."""
    raise NotImplementedError
