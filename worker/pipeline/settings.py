"""Tunable knobs of the pipeline, set from configuration (see worker.streaming.config)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class PipelineSettings:
    default_timezone: str | None = None  # IANA zone used when neither page nor input says
    spam_remove_threshold: float = 0.80  # a block scoring at least this is cut out ('removed')
    spam_flag_threshold: float = 0.50  # below remove, at least this: 'flagged', nothing cut
    spam_quarantine_threshold: float = 0.90  # a whole page scoring at least this: 'quarantined'
    max_line_chars: int = 100_000  # longer plain-text lines are cut into pieces of this size


DEFAULT_SETTINGS = PipelineSettings()
