"""Links to the previous and next page of results, keeping the search."""

from __future__ import annotations

from math import ceil
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request


def page_links(request: Request, pagina: int, mida: int, total: int) -> dict[str, Any]:
    pages = max(1, ceil(total / mida))

    def link(number: int) -> str | None:
        if not 1 <= number <= pages or number == pagina:
            return None
        params = {k: v for k, v in request.query_params.items() if k != "pagina" and v}
        return f"{request.url.path}?{urlencode({**params, 'pagina': number})}"

    return {"pagina": pagina, "pagines": pages, "anterior": link(pagina - 1), "seguent": link(pagina + 1)}
