"""The decoded form of a RawArticle message: what the pipeline receives.

It lives with the contracts (the bottom layer) because it is the typed side of
``raw_article.schema.json``: ``worker.contracts.messages.decode_raw_article`` builds it from a
validated message, and the pipeline takes it as its input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True, frozen=True)
class RawInput:
    """The fields of a RawArticle that the pipeline uses (already validated)."""

    content: str
    content_type: str = "text/plain"
    id: str | None = None
    url: str | None = None
    fetched_at: datetime | None = None  # aware datetime when given
    site: str | None = None
    language: str | None = None
    timezone: str | None = None  # IANA name hint

    @property
    def is_html(self) -> bool:
        return self.content_type == "text/html"
