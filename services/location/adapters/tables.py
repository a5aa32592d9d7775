"""The location database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
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


def poligon_columns() -> list:
    return [Column("poligon_id", String(80), primary_key=True),
            Column("nom", String(200), nullable=False)]


def oferta_columns() -> list:
    return [
        Column("oferta_id", String(36), primary_key=True),
        Column("tipus", String(10), nullable=False),
        Column("operacio", String(20), nullable=False),
        Column("poligon_id", String(80), nullable=False),
        Column("adreca", String(300)),
        Column("ref_cadastral", String(20)),
        Column("superficie_m2", Integer, nullable=False),
        Column("superficie_parcella_m2", Integer),
        Column("superficie_oficines_m2", Integer),
        Column("alcada_lliure_m", Float),
        Column("potencia_kw", Float),
        Column("molls_carrega", Integer),
        Column("acces_trailer", Boolean),
        Column("estat_conservacio", String(12), nullable=False),
        # 0 = nou ... 3 = obsolet, so "no worse than" is a comparison in SQL.
        Column("estat_conservacio_rang", Integer, nullable=False),
        Column("preu_eur", Integer, nullable=False),
        Column("preu_lloguer_eur", Integer),
        # Each way of taking it, for filters and sorting: monthly rent, sale price.
        Column("lloguer_mensual", Integer),
        Column("preu_venda", Integer),
        Column("disponible_des_de", Date),
        Column("descripcio", Text),
        Column("contacte_nom", String(200), nullable=False),
        Column("contacte_email", String(320), nullable=False),
        Column("contacte_telefon", String(30)),
        Column("confirmada_el", DateTime(timezone=True), nullable=False),
        Column("caduca_el", DateTime(timezone=True), nullable=False),
        Column("estat", String(12), nullable=False),
        Column("recordatori_de", DateTime(timezone=True)),
        Column("creada_el", DateTime(timezone=True), nullable=False),
    ]


def demanda_columns() -> list:
    return [
        Column("demanda_id", String(36), primary_key=True),
        Column("empresa_nom", String(200), nullable=False),
        Column("empresa_nif", String(9)),
        Column("empresa_email", String(320), nullable=False),
        Column("empresa_telefon", String(30)),
        # Lists of slugs, comma-separated: read for every candidate, so cheap to decode.
        Column("tipus", String(40), nullable=False),
        Column("operacio", String(20), nullable=False),
        Column("superficie_min_m2", Integer, nullable=False),
        Column("superficie_max_m2", Integer),
        Column("preu_max_eur", Integer),
        Column("preu_max_venda_eur", Integer),
        Column("poligons", Text, nullable=False),
        Column("alcada_min_m", Float),
        Column("potencia_min_kw", Float),
        Column("molls_min", Integer),
        Column("acces_trailer", Boolean, nullable=False),
        Column("accepta_estat", String(12), nullable=False),
        Column("accepta_estat_rang", Integer, nullable=False),
        Column("motiu", String(20), nullable=False),
        Column("frequencia_alertes", String(10), nullable=False),
        Column("estat", String(10), nullable=False),
        Column("resultat", String(30)),
        Column("registrada_el", DateTime(timezone=True), nullable=False),
        Column("tancada_el", DateTime(timezone=True)),
        # When staff were told it had found nothing (the lost-demand signal), once.
        Column("sense_coincidencies_el", DateTime(timezone=True)),
    ]


def franja_columns() -> list:
    """The matching index: where each *active* demand can be found, one row per estate it
    accepts ("*": any), type it wants and surface band its range touches (matching.franges),
    with every value the hard filters, the score and the reasons read, so a new offer's
    leads are found, scored and explained inside the index alone."""
    return [
        Column("demanda_id", String(36), nullable=False),
        Column("poligon_id", String(80), nullable=False),
        Column("tipus", String(10), nullable=False),
        Column("franja", Integer, nullable=False),
        Column("superficie_min_m2", Integer, nullable=False),
        Column("superficie_max_m2", Integer, nullable=False),  # no maximum: matching.MAX_SURFACE_M2
        Column("accepta_estat_rang", Integer, nullable=False),
        # The budget for each way it wants (no limit: NO_LIMIT); NULL: it does not want that way.
        Column("lloguer_max", BigInteger),
        Column("venda_max", BigInteger),
        Column("alcada_min_m", Float),
        Column("potencia_min_kw", Float),
        Column("molls_min", Integer),
        Column("acces_trailer", Boolean, nullable=False),
    ]


def oferta_externa_columns() -> list:
    """Which of our offers a partner's offer became: its updates land on the same one."""
    return [
        Column("soci", String(80), primary_key=True),
        Column("referencia", String(200), primary_key=True),
        Column("oferta_id", String(36), nullable=False),
    ]


def coincidencia_columns() -> list:
    """As revision 0002 created them; later columns are added to the table below."""
    return [
        Column("coincidencia_id", String(36), primary_key=True),
        Column("demanda_id", String(36), nullable=False),
        Column("oferta_id", String(36), nullable=False),
        Column("puntuacio", Float, nullable=False),
        Column("motius", JSON, nullable=False),
        Column("versio", Integer, nullable=False),
        Column("preu_referencia", Integer, nullable=False),
        # nova | m_interessa | descartada
        Column("resposta", String(12), nullable=False),
        Column("creada_el", DateTime(timezone=True), nullable=False),
        Column("actualitzada_el", DateTime(timezone=True), nullable=False),
        Column("resposta_el", DateTime(timezone=True)),
        # One lead per pair: a better version updates it, it is never duplicated.
        UniqueConstraint("demanda_id", "oferta_id", name="uq_coincidencia_parell"),
    ]


def vacant_columns(one_per_company: bool = True) -> list:
    """Revision 0004 kept one per company; since 0006 one per departure (a company that moved
    within the district may leave again): ``DEPARTURE_KEY``."""
    return [
        Column("vacant_id", String(36), primary_key=True),
        Column("empresa_id", String(36), nullable=False, unique=one_per_company),
        Column("poligon_id", String(80), nullable=False),
        Column("adreca", String(300)),
        Column("empresa_nom", String(200)),
        Column("motiu", String(20), nullable=False),
        Column("municipi_desti", String(120)),
        Column("data_baixa", Date, nullable=False),
        Column("detectada_el", DateTime(timezone=True), nullable=False),
        # per_verificar | confirmada | descartada
        Column("estat", String(14), nullable=False),
        Column("oferta_id", String(36)),
        Column("resolta_el", DateTime(timezone=True)),
    ]


# The migration builds the same tables from the same column lists.
_MATCHED = ["superficie_min_m2", "superficie_max_m2", "accepta_estat_rang", "alcada_min_m", "potencia_min_kw",
            "molls_min", "acces_trailer", "demanda_id"]
INDEXES = {
    # Covering: a new demand's candidates are judged, and its leads scored, inside the index.
    "ofertes": [("ix_ofertes_mercat", [
        "estat", "tipus", "superficie_m2", "estat_conservacio_rang", "lloguer_mensual", "preu_venda", "poligon_id",
        "alcada_lliure_m", "potencia_kw", "molls_carrega", "acces_trailer", "estat_conservacio", "oferta_id"]),
                ("ix_ofertes_caducitat", ["estat", "caduca_el"]),
                ("ix_ofertes_contacte", ["contacte_email"])],  # an owner's own offers
    "demandes": [("ix_demandes_llistat", ["estat", "registrada_el"]),
                 ("ix_demandes_empresa_email", ["empresa_email"]), ("ix_demandes_empresa_nif", ["empresa_nif"])],
    "coincidencies": [("ix_coincidencies_oferta", ["oferta_id"])],
    "vacants_possibles": [("ix_vacants_possibles_estat", ["estat", "detectada_el"])],
    # By budget, one per way, since the budget rules out most of an offer's band; covering.
    "demanda_franges": [
        ("ix_demanda_franges_lloguer", ["tipus", "franja", "poligon_id", "lloguer_max", *_MATCHED, "venda_max"]),
        ("ix_demanda_franges_venda", ["tipus", "franja", "poligon_id", "venda_max", *_MATCHED, "lloguer_max"]),
                        ("ix_demanda_franges_demanda", ["demanda_id"])],
}

poligons = Table("poligons", metadata, *poligon_columns())
ofertes = Table("ofertes", metadata, *oferta_columns(),
                *(Index(name, *cols) for name, cols in INDEXES["ofertes"]))
demandes = Table("demandes", metadata, *demanda_columns(),
                 *(Index(name, *cols) for name, cols in INDEXES["demandes"]))
demanda_franges = Table("demanda_franges", metadata, *franja_columns(),
                        *(Index(name, *cols) for name, cols in INDEXES["demanda_franges"]))
ofertes_externes = Table("ofertes_externes", metadata, *oferta_externa_columns())
coincidencies = Table("coincidencies", metadata, *coincidencia_columns(),
                      # revision 0005: the reasons as data (null for leads recorded before)
                      Column("raons", JSON),
                      *(Index(name, *cols) for name, cols in INDEXES["coincidencies"]))
DEPARTURE_KEY = ("uq_vacants_possibles_sortida", ["empresa_id", "poligon_id", "data_baixa"])
vacants_possibles = Table("vacants_possibles", metadata, *vacant_columns(one_per_company=False),
                          *(Index(name, *cols) for name, cols in INDEXES["vacants_possibles"]),
                          Index(DEPARTURE_KEY[0], *DEPARTURE_KEY[1], unique=True))
