"""structlog set-up: JSON lines in production, readable lines on a console.

Handlers bind ``event_id`` and ``correlation_id`` with :func:`bind_message`, so every line
logged while a message is handled carries them. Personal data (emails, NIFs, names) is
never passed to a logger: log ids, not people.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import structlog


def configure_logging(service: str, fmt: str = "json", level: str = "info") -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    numeric_level = getattr(logging, level.upper())
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)
    # Libraries log through the standard library; keep their warnings, drop their chatter.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")


@contextmanager
def bind_message(event_id: str, correlation_id: str | None, **extra: object) -> Iterator[None]:
    """Attach a handled message's ids to every log line inside the block."""
    tokens = structlog.contextvars.bind_contextvars(
        event_id=event_id, correlation_id=correlation_id, **extra
    )
    try:
        yield
    finally:
        structlog.contextvars.reset_contextvars(**tokens)
