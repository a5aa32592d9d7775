"""The census database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

metadata = MetaData()

def fitxa_column() -> Column:
    """An estate's sheet: each checked datum with its date and source (revision 0010)."""
    return Column("fitxa", JSON)


poligons = Table(
    "poligons", metadata,
    Column("poligon_id", String(80), primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("estat", String(20), nullable=False),
    Column("superficie_m2", Integer, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    fitxa_column(),
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


def cerca_columns() -> list[Column]:
    """The directory's free-text search key (revision 0004): domain.names.search_key."""
    return [Column("cerca", String(420))]


def provenance_columns() -> list[Column]:
    """Where a record came from and how current it is (revision 0006)."""
    return [Column("font", String(20), nullable=False, server_default="personal_tecnic"),
            Column("actualitzada_el", DateTime(timezone=True)),
            Column("confirmada_el", DateTime(timezone=True))]


def record_detail_columns() -> list[Column]:
    """The legal entity beyond its name and main activity, and the establishment (revision 0012)."""
    return [Column("cnae_2025", String(4)),
            Column("cnae_secundaries", JSON),
            Column("any_treballadors", Integer),
            Column("web", String(300)),
            Column("codi_postal", String(5)),
            Column("referencia_cadastral", String(20)),
            Column("lat", Float),
            Column("lon", Float),
            Column("tinenca", String(10)),
            Column("superficie_ocupada_m2", Integer),
            Column("seu_social", Boolean, nullable=False, server_default=false())]


def revisio_column() -> Column:
    """False until the company was compared with its estate's records for duplicates (an import
    compares as it goes; the duplicate scan does the rest, those from before revision 0005 too)."""
    return Column("revisada_duplicats", Boolean, nullable=False, server_default=false())


# The directory's indexes (revision 0011, replacing one-column ones on the estate and the activity):
# each holds the directory's order and what its filters read, so a page is read off an index in
# order and stops at its last row, and the count is made on the index alone.
_DIRECTORY = ("estat", "persona_fisica", "rao_social", "empresa_id")
DIRECTORY_INDEXES = (("ix_empreses_directori", *_DIRECTORY, "cerca"),
                     ("ix_empreses_poligon_directori", "poligon_id", *_DIRECTORY, "cnae", "cerca"),
                     ("ix_empreses_cnae_directori", "cnae", *_DIRECTORY, "cerca"))

# The companies the duplicate scan has still to compare, oldest first (revision 0013): few, whatever
# the census's size, so the scan finds them without reading the others.
TO_COMPARE_INDEX = ("ix_empreses_per_comparar", "registrada_el", "empresa_id")
TO_COMPARE_WHERE = {"sqlite_where": text("revisada_duplicats = 0"),
                    "postgresql_where": text("revisada_duplicats = false")}

empreses = Table(
    "empreses", metadata,
    Column("empresa_id", String(36), primary_key=True),
    Column("nif", String(9), nullable=False),
    Column("persona_fisica", Boolean, nullable=False),
    Column("rao_social", String(200), nullable=False),
    Column("nom_comercial", String(200)),
    Column("cnae", String(4), nullable=False),
    Column("poligon_id", String(80), ForeignKey("poligons.poligon_id"), nullable=False),
    Column("adreca", String(300)),
    Column("email", String(320)),
    Column("telefon", String(30)),
    Column("treballadors", Integer),
    Column("registrada_el", DateTime(timezone=True), nullable=False),
    *baixa_columns(),
    *cerca_columns(),
    revisio_column(),
    *provenance_columns(),
    *record_detail_columns(),
    # One active record per NIF and estate; a company that left may come back (revision 0007).
    Index("uq_empreses_nif_poligon_activa", "nif", "poligon_id", unique=True,
          sqlite_where=text("estat = 'activa'"), postgresql_where=text("estat = 'activa'")),
    *(Index(*index) for index in DIRECTORY_INDEXES),
    Index(*TO_COMPARE_INDEX, **TO_COMPARE_WHERE),
)


def importacio_columns() -> list[Column]:
    """A bulk import: its file, its progress (committed with each chunk), its outcome."""
    return [Column("importacio_id", String(36), primary_key=True),
            Column("nom_fitxer", String(200), nullable=False),
            Column("objecte", String(200), nullable=False),  # in shared.messaging.uploads' store
            Column("format", String(10), nullable=False),
            Column("mapatge", JSON, nullable=False),
            Column("estat", String(12), nullable=False),
            Column("files", Integer),
            Column("processades", Integer, nullable=False),  # data rows done; a resumed job skips them
            Column("darrera_linia", Integer, nullable=False),
            Column("noves", Integer, nullable=False),
            Column("actualitzades", Integer, nullable=False),
            Column("sense_canvis", Integer, nullable=False),
            Column("rebutjades", Integer, nullable=False),
            Column("columnes", JSON, nullable=False),
            Column("columnes_ignorades", JSON, nullable=False),
            Column("poligons", JSON, nullable=False),  # per estate: new, updated, a sample of names
            Column("error", Text),
            Column("creada_el", DateTime(timezone=True), nullable=False),
            Column("acabada_el", DateTime(timezone=True)),
            Column("reservada_fins", DateTime(timezone=True))]  # the running job's lease


def importacio_linia_columns() -> list[Column]:
    """One line of an import's report."""
    return [Column("importacio_id", String(36), primary_key=True),
            Column("linia", Integer, primary_key=True),
            Column("resultat", String(14), nullable=False),
            Column("empresa_id", String(36)),
            Column("clau", String(100)),  # NIF and estate of an accepted line: a second one is a duplicate
            Column("errors", JSON)]




def import_actor_column() -> Column:
    """Who started an import: its changes are theirs in the audit trail (revision 0006)."""
    return Column("iniciada_per", String(200))


def duplicat_columns() -> list[Column]:
    """A likely duplicate suggested to staff, and what they decided (revision 0005)."""
    return [Column("duplicat_id", String(36), primary_key=True),
            Column("empresa_id", String(36), nullable=False),  # the newer record
            Column("altra_id", String(36), nullable=False),  # the one already in the census
            Column("poligon_id", String(80), nullable=False),
            Column("puntuacio", Float, nullable=False),
            Column("evidencies", JSON, nullable=False),
            Column("estat", String(12), nullable=False),  # pendent | fusionada | descartada
            Column("detectat_el", DateTime(timezone=True), nullable=False),
            Column("conservada_id", String(36)),  # the record kept by a merge
            Column("resolt_el", DateTime(timezone=True)),
            Column("resolt_per", String(200)),
            Column("desfet", Text)]  # the last decision undone: what, who, when; who undid it, when


def import_duplicate_columns() -> list[tuple[str, Column]]:
    """What an import's report says of likely duplicates; which companies were compared (revision 0005)."""
    return [("importacions", Column("duplicats_possibles", Integer, nullable=False, server_default="0")),
            ("importacio_linies", Column("avisos", JSON(none_as_null=True))),
            ("empreses", revisio_column())]


duplicats = Table("duplicats", metadata, *duplicat_columns(),
                  UniqueConstraint("empresa_id", "altra_id", name="uq_duplicats_parella"),
                  Index("ix_duplicats_estat", "estat", "detectat_el"))
importacions = Table("importacions", metadata, *importacio_columns(), import_duplicate_columns()[0][1],
                     import_actor_column(),
                     Index("ix_importacions_estat", "estat"))
importacio_linies = Table("importacio_linies", metadata, *importacio_linia_columns(), import_duplicate_columns()[1][1])


def auditoria_columns() -> list[Column]:
    """Who changed what in a company's record, and when (revision 0006)."""
    return [Column("auditoria_id", Integer, primary_key=True, autoincrement=True),
            Column("empresa_id", String(36), nullable=False),
            Column("moment", DateTime(timezone=True), nullable=False),
            Column("qui", String(200), nullable=False),
            Column("accio", String(20), nullable=False),
            Column("detall", JSON, nullable=False)]


auditoria = Table("auditoria", metadata, *auditoria_columns(), Index("ix_auditoria_empresa_id", "empresa_id"))


def empresa_externa_columns() -> list[Column]:
    """Which of our records a partner's record is: (partner, the partner's own id) → company (revision 0008)."""
    return [Column("soci", String(80), primary_key=True),
            Column("referencia", String(200), primary_key=True),
            Column("empresa_id", String(36), nullable=False),
            Column("actualitzada_el", DateTime(timezone=True), nullable=False)]


empreses_externes = Table("empreses_externes", metadata, *empresa_externa_columns())


def contacte_columns() -> list[Column]:
    """A company's contact persons; erased ones keep only their ids and dates (revision 0009)."""
    return [Column("contacte_id", String(36), primary_key=True),
            Column("empresa_id", String(36), nullable=False),
            Column("nom", String(200)),
            Column("carrec", String(120)),
            Column("email", String(320)),
            Column("telefon", String(30)),
            Column("creat_el", DateTime(timezone=True), nullable=False),
            Column("suprimit_el", DateTime(timezone=True))]


contactes = Table("contactes", metadata, *contacte_columns(), Index("ix_contactes_empresa_id", "empresa_id"))
