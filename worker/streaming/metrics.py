"""Prometheus metrics of one worker, in a registry of its own (so tests can build several apps)."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from worker.handling import Outcome
from worker.pipeline.model import EMPTY_REASONS


@dataclass
class WorkerMetrics:
    registry: CollectorRegistry
    messages_in: Counter
    messages_out: Counter
    dead_letters: Counter
    spam_events: Counter
    processing_seconds: Histogram
    delivery_failures: Counter
    empty_articles: Counter

    @classmethod
    def create(cls) -> "WorkerMetrics":
        registry = CollectorRegistry()
        metrics = cls(
            registry=registry,
            messages_in=Counter("newsworker_messages_in", "Messages consumed, by topic.", ["topic"], registry=registry),
            messages_out=Counter("newsworker_messages_out", "Messages published and acknowledged, by topic.", ["topic"], registry=registry),
            dead_letters=Counter("newsworker_dead_letters", "Inputs sent to the dead-letter topic, by reason.", ["reason"], registry=registry),
            spam_events=Counter("newsworker_spam_events", "Spam events published, by kind and action.", ["kind", "action"], registry=registry),
            processing_seconds=Histogram(
                "newsworker_processing_seconds",
                "Time to decode and process one input (pipeline included, publishing excluded).",
                buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
                registry=registry,
            ),
            delivery_failures=Counter(
                "newsworker_delivery_failures",
                "Inputs whose outputs the broker did not acknowledge (left uncommitted, redelivered after a restart).",
                registry=registry,
            ),
            empty_articles=Counter(
                "newsworker_empty_articles",
                "Articles published without paragraphs, by empty_reason.",
                ["reason"],
                registry=registry,
            ),
        )
        # Every reason is exposed from the start (at 0), so a rate or an alert on one exists before
        # its first empty article.
        for reason in EMPTY_REASONS:
            metrics.empty_articles.labels(reason=reason)
        return metrics

    def record_outcome(self, outcome: Outcome) -> None:
        for _, event in outcome.spam_events:
            self.spam_events.labels(kind=event["kind"], action=event["action"]).inc()
        for _, article in outcome.articles:
            if article.get("empty_reason"):
                self.empty_articles.labels(reason=article["empty_reason"]).inc()
        for _, letter in outcome.dead_letters:
            self.dead_letters.labels(reason=letter["error"]["kind"]).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
