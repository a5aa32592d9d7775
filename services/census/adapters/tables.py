"""The census database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData()

poligons = Table(
    "poligons", metadata,
    Column("poligon_id", String(80), primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("estat", String(20), nullable=False),
    Column("superficie_m2", Integer, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
)

ens_gestors = Table(
    "ens_gestors", metadata,
    Column("ens_gestor_id", String(36), primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("email", String(320), nullable=False),
    Column("registrat_el", DateTime(timezone=True), nullable=False),
)

ens_gestor_poligons = Table(
    "ens_gestor_poligons", metadata,
    Column("ens_gestor_id", String(36), ForeignKey("ens_gestors.ens_gestor_id"), primary_key=True),
    Column("poligon_id", String(80), ForeignKey("poligons.poligon_id"), primary_key=True),
)

def baixa_columns() -> list[Column]:
    """A company's departure from its estate (revision 0002)."""
    return [Column("estat", String(10), nullable=False, server_default="activa"),
            Column("data_baixa", Date),
            Column("motiu_baixa", String(20)),
            Column("municipi_desti", String(120))]


empreses = Table(
    "empreses", metadata,
    Column("empresa_id", String(36), primary_key=True),
    Column("nif", String(9), nullable=False),
    Column("persona_fisica", Boolean, nullable=False),
    Column("rao_social", String(200), nullable=False),
    Column("nom_comercial", String(200)),
    Column("cnae", String(4), nullable=False, index=True),
    Column("poligon_id", String(80), ForeignKey("poligons.poligon_id"), nullable=False, index=True),
    Column("adreca", String(300)),
    Column("email", String(320)),
    Column("telefon", String(30)),
    Column("treballadors", Integer),
    Column("registrada_el", DateTime(timezone=True), nullable=False),
    *baixa_columns(),
    UniqueConstraint("nif", "poligon_id", name="uq_empreses_nif_poligon"),
)
