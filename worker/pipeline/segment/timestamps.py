"""From a date to a point in time: the absolute form of a date the page shows, and the dates a page
declares in machine-readable form.

:func:`resolve` gives a :class:`~worker.pipeline.model.PublishedDate`: the date as the page shows
it, plus its RFC 3339 form when the zone is known (from the page, else the input's hint, else the
configured default); a date without a time has no absolute form. :func:`parse_declared_date`
reads meta ``article:published_time``, JSON-LD ``datePublished`` and ``<time datetime>``: ISO
8601 and its common variants, Unix times, anything else read like page text (:mod:`.dates`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from worker.pipeline.model import PublishedDate
from worker.pipeline.segment.dates import _YEAR, MAX_YEAR, MIN_YEAR, DateMatch, _parse_offset, _valid_day, find_date

DECLARED_PATTERN = re.compile(
    rf"\s*(?P<y>{_YEAR})-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:[T\s](?P<hour>[0-2]\d):?(?P<minute>[0-5]\d)(?::?(?P<second>[0-5]\d)(?:[.,]\d{1,9})?)?"
    r"\s?(?P<offset>Z|[+\-−]\d\d(?::?\d\d)?)?)?\s*$"
)


def resolve(match: DateMatch, timezone_hint: str | None = None, default_timezone: str | None = None) -> PublishedDate:
    """Local ISO form as shown, plus the RFC 3339 form when a zone is known (page > hint > default).

    A date without a time has no absolute form (it is not an instant).
    """
    if match.hour is None:
        return PublishedDate(local=f"{match.year:04d}-{match.month:02d}-{match.day:02d}")
    local = datetime(match.year, match.month, match.day, match.hour, match.minute or 0, match.second or 0)
    absolute: str | None = None
    if match.utc_offset_minutes is not None:
        absolute = local.replace(tzinfo=timezone(timedelta(minutes=match.utc_offset_minutes))).isoformat()
    else:
        for name in (match.zone_name, timezone_hint, default_timezone):
            zone = _zone(name)
            if zone is not None:
                absolute = local.replace(tzinfo=zone).isoformat()
                break
    if absolute is not None and absolute.endswith("+00:00"):
        absolute = absolute[:-6] + "Z"
    return PublishedDate(local=local.isoformat(), absolute=absolute)


def parse_declared_date(value: str) -> DateMatch | None:
    """A machine-readable date (meta article:published_time, JSON-LD datePublished, <time datetime>).

    ISO 8601 and its common variants (space for 'T', no seconds, fractions, 'Z', '+0800', basic
    format); anything else is read like page text.
    """
    if not value or len(value) > 100:
        return None
    if "\\" in value:  # JSON escapes left in by the page: 11\/13\/2019, 11\u002F13\u002F2019
        value = value.replace("\\/", "/").replace("\\u002F", "/").replace("\\u002f", "/")
    stripped = value.strip()
    if stripped.isdigit() and len(stripped) in (10, 13):  # a Unix time, in seconds or milliseconds
        return _from_unix_time(int(stripped[:10]))
    declared = DECLARED_PATTERN.match(value)
    if declared is None:
        return find_date(value)
    year, month, day = int(declared["y"]), int(declared["m"]), int(declared["d"])
    if not _valid_day(year, month, day):
        return None
    hour = minute = second = offset = None
    if declared["hour"] is not None:
        hour, minute = int(declared["hour"]), int(declared["minute"])
        second = int(declared["second"]) if declared["second"] else None
        if hour > 23:
            return None
        if declared["offset"]:
            offset = _parse_offset(declared["offset"])
    return DateMatch(year, month, day, hour, minute, second, offset, None, declared.start("y"), declared.end())


def _from_unix_time(seconds: int) -> DateMatch | None:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return DateMatch(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, 0)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None
