"""Decode and validate RawArticle inputs; encode outputs with orjson.

Input validation uses fastjsonschema (compiled once from ``raw_article.schema.json``), which is
an order of magnitude faster than interpreting the schema per message; the tests validate every
output with the reference ``jsonschema`` library against the same files.

Each way an input can be bad has its own error kind, which becomes the dead letter's
``error.kind``: ``too_large``, ``not_utf8``, ``not_json``, ``schema``.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import fastjsonschema
import orjson

from worker.contracts.raw import RawInput

ARTICLE_SCHEMA_VERSION = "1.2"  # 1.1: Article.page_type, page_type_confidence; 1.2: Article.empty_reason, dead letter kinds timeout and worker_crashed
SCHEMA_NAMES = ("raw_article", "article", "spam_event", "dead_letter")


class InvalidMessage(ValueError):
    """An input that cannot be processed; ``kind`` is the dead letter's error kind."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a message type, by name (see SCHEMA_NAMES)."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"unknown schema {name!r}; known: {', '.join(SCHEMA_NAMES)}")
    text = resources.files("worker.contracts").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@functools.cache
def _raw_article_validator():
    return fastjsonschema.compile(load_schema("raw_article"))


def dumps(message: dict[str, Any]) -> bytes:
    """Serialize an output message (compact JSON, UTF-8)."""
    return orjson.dumps(message)


def decode_raw_article(value: bytes | str | None, max_bytes: int) -> RawInput:
    """Check and decode one input message value, or raise InvalidMessage saying why."""
    if value is None:
        raise InvalidMessage("schema", "message has no value (tombstone); expected a RawArticle JSON object")
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    if len(value) > max_bytes:
        raise InvalidMessage("too_large", f"message is {len(value)} bytes, over the limit of {max_bytes} bytes")
    try:
        value.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidMessage("not_utf8", f"message is not valid UTF-8: {error.reason} at byte {error.start}") from None
    try:
        document = orjson.loads(value)
    except orjson.JSONDecodeError as error:
        raise InvalidMessage("not_json", f"message is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise InvalidMessage("schema", f"expected a JSON object (RawArticle), got {type(document).__name__}")
    try:
        document = _raw_article_validator()(document)
    except fastjsonschema.JsonSchemaException as error:
        raise InvalidMessage("schema", f"RawArticle schema violation: {error.message}") from None
    return raw_input_from_dict(document)


def raw_input_from_dict(document: dict[str, Any]) -> RawInput:
    """A RawInput from a RawArticle object that passed the schema (benchmarks call it directly)."""
    fetched_at = None
    if document.get("fetched_at"):
        text = document["fetched_at"].replace("Z", "+00:00").replace("z", "+00:00")
        try:
            fetched_at = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidMessage("schema", f"fetched_at {document['fetched_at']!r} is not an RFC 3339 date-time") from None
    timezone = document.get("timezone") or None
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidMessage("schema", f"timezone {timezone!r} is not an IANA time zone name") from None
    return RawInput(
        content=document["content"],
        content_type=document.get("content_type") or "text/plain",
        id=document.get("id") or None,
        url=document.get("url") or None,
        fetched_at=fetched_at,
        site=document.get("site") or None,
        language=document.get("language") or None,
        timezone=timezone,
    )
