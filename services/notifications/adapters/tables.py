"""The notifications database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

poligons = Table(
    "poligons", metadata,
    Column("poligon_id", String(80), primary_key=True),
    Column("nom", String(200), nullable=False),
)

ens_gestors = Table(
    "ens_gestors", metadata,
    Column("ens_gestor_id", String(36), primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("email", String(320), nullable=False),
)

ens_gestor_poligons = Table(
    "ens_gestor_poligons", metadata,
    Column("ens_gestor_id", String(36), primary_key=True),
    Column("poligon_id", String(80), primary_key=True),
)

notificacions = Table(
    "notificacions", metadata,
    Column("notificacio_id", String(36), primary_key=True),
    Column("tipus", String(40), nullable=False),
    Column("destinatari", String(320), nullable=False, index=True),
    Column("canal", String(20), nullable=False),
    Column("assumpte", String(300), nullable=False),
    Column("cos_text", Text, nullable=False),
    Column("cos_html", Text, nullable=False),
    Column("causa", String(36), nullable=False),
    Column("correlacio", String(64), nullable=False),
    Column("estat", String(20), nullable=False),
    Column("intents", Integer, nullable=False),
    Column("proper_intent_el", DateTime(timezone=True), nullable=False),
    Column("darrer_error", Text),
    Column("creada_el", DateTime(timezone=True), nullable=False),
    Column("enviada_el", DateTime(timezone=True)),
    Column("llegida_el", DateTime(timezone=True)),  # in the portal's feed
    Column("idioma", String(2), nullable=False),
    Column("enllac_baixa", Text),  # the signed unsubscribe link the mail carries
    Column("resum_id", String(36)),  # the digest this item went out in
    Column("dades", JSON),  # the causing event's data, which a webhook delivery carries
    # Exactly one notification per recipient, causing event and channel.
    UniqueConstraint("destinatari", "causa", "canal", name="uq_notificacio_destinatari_causa_canal"),
    Index("ix_notificacions_resum", "resum_id"),
    Index("ix_notificacions_destinatari_canal", "destinatari", "canal", "creada_el"),
)

preferencies = Table(
    "preferencies", metadata,
    Column("destinatari", String(320), primary_key=True),
    Column("rol", String(20), nullable=False),
    Column("dades", JSON, nullable=False),  # shared.contracts.notifications_api.Preferencies
    Column("actualitzades_el", DateTime(timezone=True), nullable=False),
)


def destinatari_columns() -> list:
    """People with a portal account who receive notifications: staff hear what staff hear."""
    return [Column("destinatari", String(320), primary_key=True),
            Column("nom", String(200), nullable=False),
            Column("rol", String(20), nullable=False, index=True),
            Column("registrat_el", DateTime(timezone=True), nullable=False)]


destinataris = Table("destinataris", metadata, *destinatari_columns())


def ritme_correu_columns() -> list:
    """Immediate mails per recipient and clock hour (the per-destination limit)."""
    return [Column("destinatari", String(320), primary_key=True),
            Column("hora", DateTime(timezone=True), primary_key=True),
            Column("enviats", Integer, nullable=False)]


ritme_correu = Table("ritme_correu", metadata, *ritme_correu_columns())


def webhook_columns() -> list:
    return [
        Column("webhook_id", String(36), primary_key=True),
        Column("propietari", String(320), nullable=False),  # the recipient it delivers for
        Column("url", String(2000), nullable=False),
        Column("secret", String(400), nullable=False),  # signs deliveries; sealed (adapters.secret_box)
        Column("tipus", JSON),  # only these kinds; null: every kind the recipient receives
        Column("descripcio", String(200)),
        Column("actiu", Boolean, nullable=False),
        Column("fallades_seguides", Integer, nullable=False),
        Column("desactivat_el", DateTime(timezone=True)),
        Column("motiu_desactivacio", Text),
        Column("creat_el", DateTime(timezone=True), nullable=False),
    ]


def lliurament_webhook_columns() -> list:
    return [
        Column("lliurament_id", String(36), primary_key=True),  # the webhook-id header: same on every retry
        Column("notificacio_id", String(36), nullable=False),
        Column("webhook_id", String(36), nullable=False),
        Column("estat", String(20), nullable=False),
        Column("intents", Integer, nullable=False),
        Column("proper_intent_el", DateTime(timezone=True), nullable=False),
        Column("darrer_error", Text),
        Column("creat_el", DateTime(timezone=True), nullable=False),
        Column("enviat_el", DateTime(timezone=True)),
        UniqueConstraint("notificacio_id", "webhook_id", name="uq_lliurament_notificacio_webhook"),
    ]


webhooks = Table("webhooks", metadata, *webhook_columns(), Index("ix_webhooks_propietari", "propietari"))
lliuraments_webhook = Table("lliuraments_webhook", metadata, *lliurament_webhook_columns(),
                            Index("ix_lliuraments_pendents", "estat", "proper_intent_el"))


# What this service knows of the location service's offers, demands and leads (from its events).
def oferta_coneguda_columns() -> list:
    return [Column("oferta_id", String(36), primary_key=True),
            Column("estat", String(12), nullable=False),
            Column("dades", JSON, nullable=False)]  # the offer as its last event told it


def demanda_coneguda_columns() -> list:
    return [Column("demanda_id", String(36), primary_key=True),
            Column("activa", Boolean, nullable=False),
            Column("dades", JSON, nullable=False)]


def coincidencia_coneguda_columns() -> list:
    return [Column("coincidencia_id", String(36), primary_key=True),
            Column("demanda_id", String(36), nullable=False),
            Column("oferta_id", String(36), nullable=False)]


def resum_pendent_columns() -> list:
    """Leads waiting for the daily or weekly digest their company chose (as revision 0002 made them)."""
    return [Column("coincidencia_id", String(36), primary_key=True),
            Column("versio", Integer, primary_key=True),
            Column("demanda_id", String(36), nullable=False),
            Column("oferta_id", String(36), nullable=False),
            Column("puntuacio", Float, nullable=False),
            Column("motius", JSON, nullable=False),
            Column("correlacio", String(64), nullable=False),
            Column("token_m_interessa", Text),
            Column("token_descartada", Text),
            Column("creada_el", DateTime(timezone=True), nullable=False)]


ofertes_conegudes = Table("ofertes_conegudes", metadata, *oferta_coneguda_columns())
demandes_conegudes = Table("demandes_conegudes", metadata, *demanda_coneguda_columns())
resums_pendents = Table("resums_pendents", metadata, *resum_pendent_columns(),
                        Column("raons", JSON),  # revision 0005: the lead's reasons as data
                        Index("ix_resums_pendents_demanda", "demanda_id"))
coincidencies_conegudes = Table("coincidencies_conegudes", metadata, *coincidencia_coneguda_columns(),
                                Index("ix_coincidencies_conegudes_oferta", "oferta_id"))


def contacte_cens_columns() -> list:
    """The address each census contact person was written at (revision 0008): when census says they
    exercised their right to erasure, what was sent to them is erased here too."""
    return [Column("contacte_id", String(36), primary_key=True),
            Column("destinatari", String(320), nullable=False),
            Column("registrat_el", DateTime(timezone=True), nullable=False)]


contactes_cens = Table("contactes_cens", metadata, *contacte_cens_columns())
