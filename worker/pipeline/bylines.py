"""Bylines and credits (OWNED BY THE DATES/BYLINES HELPER; stub with the agreed API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.pipeline.model import Contributor


@dataclass(slots=True)
class Byline:
    contributors: list[Contributor] = field(default_factory=list)
    source: str | None = None  # credited outlet or agency ('China Daily', 'Reuters', '新华社')
    start: int = 0  # span of the byline within the text it was found in
    end: int = 0


def parse_byline(text: str) -> Byline | None:
    """Contributors and source credited in one line/block of text, or None if it is no byline."""
    return None
