from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, String, Table

metadata = MetaData()

api_tokens = Table(
    "api_tokens", metadata,
    Column("token_id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("nom", String(200), nullable=False),
    Column("rol", String(30), nullable=False),
    Column("email", String(320)),  # the recipient it reads notifications as, if any
    Column("creat_el", DateTime(timezone=True), nullable=False),
    Column("revocat_el", DateTime(timezone=True)),
)
