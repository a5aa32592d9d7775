"""What the district publishes as open data, and in what shape."""

from __future__ import annotations

from services.census.domain.cnae_labels import division_name, section_of
from services.census.domain.model import Empresa
from shared.contracts.census_open_data import EmpresaOberta
from shared.contracts.indicators import headcount_band
from shared.identifiers import Nif, forma_juridica

__all__ = ["headcount_band", "open_record"]


def open_record(empresa: Empresa) -> EmpresaOberta:
    """A legal entity's public record (sole traders are personal data: the caller never gets them here)."""
    assert not empresa.persona_fisica
    return EmpresaOberta(empresa_id=empresa.empresa_id, nif=empresa.nif, rao_social=empresa.rao_social,
                         nom_comercial=empresa.nom_comercial, cnae=empresa.cnae, cnae_2025=empresa.cnae_2025, seccio=section_of(empresa.cnae),
                         activitat=division_name(empresa.cnae), poligon_id=empresa.poligon_id,
                         adreca=empresa.adreca, treballadors=headcount_band(empresa.treballadors),
                         forma_juridica=forma_juridica(Nif(empresa.nif, False)), codi_postal=empresa.codi_postal,
                         web=empresa.web,
                         registrada_el=empresa.registrada_el.date())
