from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table

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
    # revision 0004: its scope (an ens gestor's estates; a company's or an owner's NIF)
    Column("poligons", JSON),
    Column("nif", String(20)),
)

# People with an account on the portal: invited by staff, signing in with a password (argon2).
usuaris = Table(
    "usuaris", metadata,
    Column("usuari_id", String(36), primary_key=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("nom", String(200), nullable=False),
    Column("rol", String(30), nullable=False),
    Column("poligons", JSON, nullable=False),  # an ens gestor's estates
    Column("nif", String(20)),  # a company's NIF, an owner's own
    Column("idioma", String(2), nullable=False),
    Column("estat", String(12), nullable=False),
    Column("contrasenya_hash", String(200)),
    # Changes whenever the password does: links mailed before it are used up, sessions end.
    Column("credencials_el", DateTime(timezone=True), nullable=False),
    Column("convidat_per", String(200)),
    Column("creat_el", DateTime(timezone=True), nullable=False),
    Column("darrera_entrada_el", DateTime(timezone=True)),
)

sessions = Table(
    "sessions", metadata,
    Column("sessio_hash", String(64), primary_key=True),  # only the digest of the cookie's value
    Column("usuari_id", String(36), ForeignKey("usuaris.usuari_id", ondelete="CASCADE"), nullable=False),
    Column("creada_el", DateTime(timezone=True), nullable=False),
    Column("caduca_el", DateTime(timezone=True), nullable=False),
    Index("ix_sessions_usuari", "usuari_id"),
)

# Failed sign-ins, per address and per client, counted over a window (shared by replicas).
intents_entrada = Table(
    "intents_entrada", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("clau", String(400), nullable=False),
    Column("moment", DateTime(timezone=True), nullable=False),
    Index("ix_intents_entrada_clau_moment", "clau", "moment"),
)
