"""Tables every service keeps for reliable messaging: outbox, processed events, dead letters."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

# SQLite only auto-increments an INTEGER PRIMARY KEY.
AutoId = BigInteger().with_variant(Integer(), "sqlite")


def outbox_columns() -> list:
    return [
        Column("id", AutoId, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("subject", String(200), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text),
    ]


def processed_event_columns() -> list:
    return [
        Column("consumer", String(100), nullable=False),
        Column("event_id", String(36), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False),
        PrimaryKeyConstraint("consumer", "event_id"),
    ]


def dead_letter_columns() -> list:
    return [
        Column("id", String(36), primary_key=True),
        Column("stream", String(64), nullable=False),
        Column("consumer", String(100), nullable=False),
        Column("sequence", BigInteger, nullable=False),
        Column("subject", String(200), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("reason", Text, nullable=False),
        Column("deliveries", Integer, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("replayed_at", DateTime(timezone=True)),
    ]


# Every service has these tables in its own database; statements are built from these objects.
metadata = MetaData()
outbox = Table("outbox", metadata, *outbox_columns())
processed_events = Table("processed_events", metadata, *processed_event_columns())
dead_letters = Table("dead_letters", metadata, *dead_letter_columns())


def create_messaging_tables(op) -> None:  # type: ignore[no-untyped-def]
    """Alembic operations of the first revision of every service (schema version 1)."""
    op.create_table("outbox", *outbox_columns())
    op.create_index("ix_outbox_pending", "outbox", ["published_at", "id"])
    op.create_table("processed_events", *processed_event_columns())
    op.create_table("dead_letters", *dead_letter_columns())
    op.create_index("ix_dead_letters_open", "dead_letters", ["replayed_at", "created_at"])
