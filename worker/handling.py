"""One input message in, the messages to publish out: the code path shared by CLI and agents.

:func:`handle` never raises for a bad input: every input is accounted for, as

- an Article (plus a SpamEvent per spam finding), or
- a quarantine SpamEvent (whole-page spam: no article), or
- a DeadLetter saying why the input could not be processed (not UTF-8, not JSON, schema
  violation, over the size limit, or an exception inside the pipeline).

It is pure apart from reading the clock that the caller passes in, so it is unit-tested without
Kafka; the Faust agent only decodes keys, calls it, and publishes what it returns.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from worker import __version__
from worker.contracts.messages import ARTICLE_SCHEMA_VERSION, InvalidMessage, decode_raw_article
from worker.pipeline import process
from worker.pipeline.model import RawInput, Result, SpamFinding
from worker.pipeline.settings import DEFAULT_SETTINGS, PipelineSettings

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where an input came from (for dead letters); all None for files."""

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None


@dataclass(slots=True)
class Outcome:
    """Messages to publish for one input, each as (key, value-dict)."""

    articles: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    spam_events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    dead_letters: list[tuple[bytes | None, dict[str, Any]]] = field(default_factory=list)


def _digest(*parts: str, size: int = 12) -> str:
    hasher = hashlib.blake2b(digest_size=size)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def article_id_for(raw: RawInput) -> str:
    """The input's id when given; else stable from the URL; else stable from the content."""
    if raw.id:
        return raw.id
    if raw.url:
        return "url-" + _digest(raw.url)
    return "content-" + _digest(raw.content_type, raw.content)


def event_id_for(article_id: str, finding: SpamFinding) -> str:
    """Deterministic: the same input and finding always give the same id."""
    spans = ",".join(f"{span.start}-{span.end}" for span in finding.evidence)
    return "spam-" + _digest(article_id, finding.detector, finding.kind, finding.action, spans)


def spam_event(raw: RawInput, article_id: str, finding: SpamFinding, now: datetime) -> dict[str, Any]:
    return {
        "event_id": event_id_for(article_id, finding),
        "article_id": article_id,
        "url": raw.url,
        "kind": finding.kind,
        "action": finding.action,
        "score": round(min(1.0, max(0.0, finding.score)), 4),
        "reason": finding.reason,
        "evidence": [
            {"start": span.start, "end": span.end, "excerpt": raw.content[span.start : span.end]}
            for span in finding.evidence
        ],
        "detector": finding.detector,
        "detector_version": finding.detector_version,
        "detected_at": rfc3339(now),
        "schema_version": ARTICLE_SCHEMA_VERSION,
    }


def article_message(raw: RawInput, article_id: str, result: Result, event_ids: list[str], now: datetime) -> dict[str, Any]:
    removed_chars = sum(span.end - span.start for f in result.spam if f.action == "removed" for span in f.evidence)
    return {
        "article_id": article_id,
        "url": raw.url,
        "site": raw.site,
        "title": result.title,
        "section": result.section,
        "published_at": result.published.absolute if result.published else None,
        "published_at_local": result.published.local if result.published else None,
        "source": result.source,
        "contributors": [{"name": c.name, "role": c.role} for c in result.contributors],
        "language": result.language,
        "captions": [{"text": c.text, "credit": c.credit} for c in result.captions],
        "paragraphs": [
            {
                "text": p.text,
                "language": p.language,
                "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in p.sentences],
            }
            for p in result.paragraphs
        ],
        "word_count": result.word_count,
        "page_type": result.page_type or "article",
        "page_type_confidence": result.page_type_confidence if result.page_type_confidence is not None else 0.0,
        "empty_reason": result.empty_reason,
        "spam": {
            "event_ids": event_ids,
            "removed_chars": removed_chars,
            "flagged": any(f.action == "flagged" for f in result.spam),
        },
        "processed_at": rfc3339(now),
        "worker_version": __version__,
        "schema_version": ARTICLE_SCHEMA_VERSION,
    }


def dead_letter(
    value: bytes | None, key: bytes | None, kind: str, message: str, source: SourceRef, now: datetime, max_payload_bytes: int
) -> dict[str, Any]:
    payload = value or b""
    truncated = len(payload) > max_payload_bytes
    payload = payload[:max_payload_bytes]
    try:
        payload_text, payload_encoding = payload.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        payload_text, payload_encoding = base64.b64encode(payload).decode("ascii"), "base64"
    letter: dict[str, Any] = {
        "source": {"topic": source.topic, "partition": source.partition, "offset": source.offset},
        "key": None,
        "payload": payload_text,
        "payload_encoding": payload_encoding,
        "payload_truncated": truncated,
        "error": {"kind": kind, "message": message},
        "received_at": rfc3339(now),
        "schema_version": ARTICLE_SCHEMA_VERSION,
    }
    if key is not None:
        try:
            letter["key"], letter["key_encoding"] = key.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            letter["key"], letter["key_encoding"] = base64.b64encode(key).decode("ascii"), "base64"
    return letter


def output_too_large_letter(
    value: bytes | None, key: bytes | None, source: SourceRef, refused: list[str], max_payload_bytes: int
) -> dict[str, Any]:
    """The dead letter for an input whose outputs the broker refused as too large (every retry would fail)."""
    reason = "the broker refused an output as too large: " + "; ".join(refused)
    return dead_letter(value, key, "output_too_large", reason, source, utc_now(), max_payload_bytes)


@dataclass(frozen=True, slots=True)
class HandlerSettings:
    max_message_bytes: int = 5_000_000
    dlq_max_payload_bytes: int = 1_000_000
    pipeline: PipelineSettings = DEFAULT_SETTINGS


def handle(
    value: bytes | None,
    key: bytes | None = None,
    *,
    settings: HandlerSettings = HandlerSettings(),
    source: SourceRef = SourceRef(),
    clock: Clock = utc_now,
) -> Outcome:
    """Process one raw message value; see the module docstring."""
    outcome = Outcome()
    try:
        raw = decode_raw_article(value, settings.max_message_bytes)
    except InvalidMessage as error:
        outcome.dead_letters.append(
            (key, dead_letter(value, key, error.kind, str(error), source, clock(), settings.dlq_max_payload_bytes))
        )
        return outcome
    try:
        result = process(raw, settings.pipeline)
    except Exception as error:  # noqa: BLE001 - any pipeline failure must become a dead letter
        log.exception("pipeline failed on %s", source)
        reason = f"{type(error).__name__}: {error}"[:2000]
        outcome.dead_letters.append(
            (key, dead_letter(value, key, "pipeline_error", reason, source, clock(), settings.dlq_max_payload_bytes))
        )
        return outcome

    now = clock()
    article_id = article_id_for(raw)
    events = [spam_event(raw, article_id, finding, now) for finding in result.spam]
    outcome.spam_events.extend((article_id, event) for event in events)
    if not result.quarantined:
        event_ids = [event["event_id"] for event in events]
        outcome.articles.append((article_id, article_message(raw, article_id, result, event_ids, now)))
    return outcome
