"""Liveness, readiness and metrics endpoints of a service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shared.observability.metrics import ServiceMetrics

Check = Callable[[], Awaitable[None]]


def readiness_report(checks: dict[str, Check]) -> Callable[[], Awaitable[tuple[bool, dict[str, str]]]]:
    async def report() -> tuple[bool, dict[str, str]]:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                await check()
            except Exception as exc:  # noqa: BLE001 - a failing check is the answer
                results[name] = f"error: {type(exc).__name__}"
            else:
                results[name] = "ok"
        return all(v == "ok" for v in results.values()), results

    return report


def health_routes(service: str, checks: dict[str, Check], metrics: ServiceMetrics) -> list[Route]:
    report = readiness_report(checks)

    async def live(_: Request) -> Response:
        return JSONResponse({"service": service, "status": "ok"})

    async def ready(_: Request) -> Response:
        ok, results = await report()
        return JSONResponse({"service": service, "ready": ok, "checks": results},
                            status_code=200 if ok else 503)

    async def metrics_endpoint(_: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/health/live", live),
        Route("/health/ready", ready),
        Route("/metrics", metrics_endpoint),
    ]


def health_app(service: str, checks: dict[str, Check], metrics: ServiceMetrics) -> Starlette:
    return Starlette(routes=health_routes(service, checks, metrics))
