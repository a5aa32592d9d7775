"""What partner systems publish (stream ``INGEST``), and the answer when it is refused.

A partner (an estate agent's system, the comarca's portal, the municipal activity-licence
system) publishes each of its records as a CloudEvent on ``districte.ingest.<partner>.<Name>.v1``,
with its own id for the record as the envelope ``subject`` and the envelope ``type`` equal to
the NATS subject. Publishing the same ``subject`` again updates the record. See docs/partners.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from shared.contracts.census import MotiuBaixa
from shared.contracts.census_api import RegistrarEmpresa
from shared.contracts.envelope import EventData
from shared.contracts.location_api import PublicarOferta

PARTNER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class OfertaExterna(PublicarOferta, EventData):
    """An offer as a partner publishes it: the fields of ``POST /api/v1/ofertes``, plus
    ``estat`` to take it off the market. Subject: districte.ingest.<partner>.OfertaExterna.v1."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    owner = "ingest"
    event_name = "OfertaExterna"

    estat: Literal["disponible", "retirada", "llogada", "venuda"] = "disponible"

    def entity_id(self) -> str:
        raise NotImplementedError("a partner's offer is named by the partner, in the envelope subject")


class EmpresaExterna(RegistrarEmpresa, EventData):
    """A company as a partner's census or licence register knows it: the fields of
    ``POST /api/v1/empreses`` (the estate by id or by name), plus ``estat`` to say it left.
    Subject: districte.ingest.<partner>.EmpresaExterna.v1."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    owner = "ingest"
    event_name = "EmpresaExterna"

    estat: Literal["activa", "baixa"] = "activa"
    motiu_baixa: MotiuBaixa | None = Field(default=None, description="quan l'estat és baixa (per defecte, altres)")
    municipi_desti: str | None = Field(default=None, max_length=120, description="quan el motiu és trasllat_fora")

    def entity_id(self) -> str:
        raise NotImplementedError("a partner's company is named by the partner, in the envelope subject")


class RegistreExternRebutjat(EventData):
    """A partner's record was refused: why, for the partner's contact (the message itself is
    kept as a dead letter for staff)."""

    soci: str = Field(pattern=PARTNER_PATTERN)
    referencia: str = Field(min_length=1, max_length=200)
    contacte: str = Field(min_length=3, max_length=320)
    motius: list[str] = Field(min_length=1)

    def entity_id(self) -> str:
        return f"{self.soci}/{self.referencia}"


class OfertaExternaRebutjada(RegistreExternRebutjat):
    """A partner's offer was refused (location would not publish it)."""

    owner = "location"
    event_name = "OfertaExternaRebutjada"


class EmpresaExternaRebutjada(RegistreExternRebutjat):
    """A partner's company record was refused (census would not record it)."""

    owner = "census"
    event_name = "EmpresaExternaRebutjada"
