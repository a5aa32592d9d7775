"""Prometheus metrics every service exposes on ``/metrics``."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class ServiceMetrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        labels = {"service": service}
        self.messages_handled = Counter(
            "districte_messages_handled", "Events handled, per consumer", ["consumer"],
            registry=self.registry,
        )
        self.messages_failed = Counter(
            "districte_messages_failed", "Event deliveries that failed, per consumer", ["consumer"],
            registry=self.registry,
        )
        self.duplicates_skipped = Counter(
            "districte_duplicates_skipped", "Events already handled before, skipped, per consumer",
            ["consumer"], registry=self.registry,
        )
        self.dead_letters = Counter(
            "districte_dead_letters", "Events set aside as dead letters, per consumer", ["consumer"],
            registry=self.registry,
        )
        self.handler_latency = Histogram(
            "districte_handler_seconds", "Time to handle a batch of events, per consumer",
            ["consumer"], registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.events_published = Counter(
            "districte_events_published", "Events the outbox relay published (PubAck received)",
            registry=self.registry,
        )
        self.outbox_backlog = Gauge(
            "districte_outbox_backlog", "Outbox rows not yet published", registry=self.registry
        )
        self.outbox_oldest_age = Gauge(
            "districte_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row",
            registry=self.registry,
        )
        self.info = Gauge("districte_service_info", "Service identity", list(labels),
                          registry=self.registry)
        self.info.labels(**labels).set(1)
