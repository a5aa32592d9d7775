"""``districte``: run the whole district on one machine, and project tools.

    districte up [--nats-url nats://HOST:PORT]   the four services (+ an embedded NATS)
    districte import empreses FILE [options]     import companies from a CSV or XLSX file
    districte asyncapi [--check]                 write (or check) docs/asyncapi.json
    districte nats-config DIR [--partner NAME]   NATS users and credentials, one per identity
    districte provision                          declare streams and consumers (before a release)
    districte migrate SERVICE                    upgrade a service's database (before a release)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import sys
import urllib.request
from pathlib import Path

from districte import demo_data
from districte.demo_data import DEMO_EMAIL
from districte.nats_server import NatsServer, free_port
from districte.supervisor import Supervisor, child_env


def data_dir() -> Path:
    return Path(os.environ.get("DISTRICTE_DATA_DIR", ".districte")).resolve()


def admin_token(directory: Path) -> str:
    """The staff token: from the environment, or made once and kept in the data directory."""
    return kept_secret(directory, "ADMIN_TOKEN", "admin-token", "dst_")


def kept_secret(directory: Path, variable: str, name: str, prefix: str = "") -> str:
    """``DISTRICTE_<variable>``, or a random value made once and kept (0600) in the data directory."""
    if os.environ.get(f"DISTRICTE_{variable}"):
        return os.environ[f"DISTRICTE_{variable}"]
    path = directory / name
    if path.exists():
        return path.read_text().strip()
    value = prefix + secrets.token_urlsafe(32)
    directory.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(value + "\n")
    return value


async def wait_ready(url: str, timeout_s: float = 60.0) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while asyncio.get_running_loop().time() < deadline:
        try:
            status = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=1).status)
            if status == 200:
                return True
        except OSError:
            pass
        await asyncio.sleep(0.3)
    return False


async def up(nats_url: str | None) -> int:
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    nats: NatsServer | None = None
    if nats_url is None:
        nats = NatsServer(directory / "nats", port=free_port(), log_file=directory / "nats.log")
        nats.start()
        nats_url = nats.url
    port = os.environ.get("DISTRICTE_HTTP_PORT", "8000")
    token = admin_token(directory)
    demo_password = kept_secret(directory, "DEMO_PASSWORD", "demo-password")
    # Links in the mails lead to this portal, whatever port it was given.
    public_url = os.environ.get("DISTRICTE_PUBLIC_URL", f"http://127.0.0.1:{port}")
    env = child_env(DISTRICTE_DATA_DIR=str(directory), DISTRICTE_NATS_URL=nats_url,
                    DISTRICTE_ADMIN_TOKEN=token, DISTRICTE_SEED_DEMO="1", DISTRICTE_PUBLIC_URL=public_url,
                    DISTRICTE_DEMO_PASSWORD=demo_password,
                    DISTRICTE_LOG_FORMAT=os.environ.get("DISTRICTE_LOG_FORMAT", "console"))
    supervisor = Supervisor(env)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await supervisor.start()
    try:
        if await wait_ready(f"http://127.0.0.1:{port}/health/ready"):
            if await demo_data.seed(f"http://127.0.0.1:{port}", token):
                print("districte: s'hi han afegit empreses i espais de mostra (ficticis)", flush=True)
            print(f"""
Districte industrial de Terrassa — en marxa
  Portal:            http://127.0.0.1:{port}
  Documentació API:  http://127.0.0.1:{port}/api/docs
  Entrada del personal tècnic: {DEMO_EMAIL} / {demo_password}
  Testimoni del personal tècnic (API): {token}
  NATS: {nats_url}   Dades: {directory}
  Correus (sense DISTRICTE_SMTP_URL): {directory / 'mail'}
Ctrl-C per aturar.
""", flush=True)
        else:
            print("districte: el portal no està preparat; vegeu els registres", file=sys.stderr)
        await stop.wait()
    finally:
        print("districte: aturant els serveis...", file=sys.stderr)
        await supervisor.stop()
        if nats is not None:
            nats.stop()
    return 0


def import_command(args: argparse.Namespace) -> int:
    from districte.importing import ImportFailed, import_companies, summary

    kept = data_dir() / "admin-token"
    token = args.token or (kept.read_text().strip() if kept.exists() else None)
    if token is None:
        print("Cal un testimoni del personal tècnic: --token o DISTRICTE_TOKEN.", file=sys.stderr)
        return 2
    try:
        done = import_companies(args.file, args.portal, token, args.mapatge, args.informe)
    except (ImportFailed, OSError) as exc:
        print(f"No s'ha pogut importar: {exc}", file=sys.stderr)
        return 2
    print(summary(done))
    if args.informe:
        print(f"Informe: {args.informe}")
    return 0 if done["estat"] == "completada" else 1


def nats_config_command(args: argparse.Namespace) -> int:
    from districte.nats_config import Tls, write

    if (args.tls_cert is None) != (args.tls_key is None):
        print("--tls-cert i --tls-key van juntes.", file=sys.stderr)
        return 2
    tls = Tls(args.tls_cert, args.tls_key, args.tls_ca) if args.tls_cert else None
    try:
        users = write(args.directory, args.partner, tls, args.sync_interval, args.store_dir)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for user in users:
        print(f"{user.name:<16} {user.public_key}")
    print(f"Configuració a {args.directory}: auth.conf, nats-server.conf; la llavor secreta de cada identitat a "
          "<identitat>/nkey.seed (0600).")
    return 0


def provision_command() -> int:
    from districte.provision import provision
    from shared.settings import ServiceSettings, load_settings

    try:
        declared = asyncio.run(provision(load_settings(ServiceSettings)))
    except ConnectionError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"districte: fluxos i consumidors declarats ({len(declared)}): {', '.join(declared)}")
    return 0


def migrate_command(service: str) -> int:
    """The one-shot step before a release (services also migrate at start: then it finds nothing to do)."""
    from importlib.util import find_spec

    from shared.persistence.migrations import upgrade
    from shared.settings import ServiceSettings, load_settings

    spec = find_spec(f"services.{service}")
    assert spec is not None and spec.submodule_search_locations
    settings = load_settings(ServiceSettings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # where SQLite keeps it, when no URL is given
    upgrade(settings.database_url_for(service), Path(spec.submodule_search_locations[0]) / "adapters" / "migrations")
    print(f"districte: la base de dades de {service} és al darrer esquema")
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="districte", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    up_parser = commands.add_parser("up", help="run the four services")
    up_parser.add_argument("--nats-url", help="use this NATS instead of starting one")
    import_parser = commands.add_parser("import", help="import companies from a CSV or XLSX file")
    import_parser.add_argument("what", choices=["empreses"])
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument("--portal", default=os.environ.get("DISTRICTE_PORTAL_URL", "http://127.0.0.1:8000"))
    import_parser.add_argument("--token", default=os.environ.get("DISTRICTE_TOKEN"),
                               help="a staff token (default: DISTRICTE_TOKEN, or the one `districte up` keeps)")
    import_parser.add_argument("--mapatge", action="append", default=[], metavar="CAMP:COLUMNA",
                               help="the column a field is in, when its header is not recognised")
    import_parser.add_argument("--informe", type=Path, help="save the report (CSV) here")
    asyncapi_parser = commands.add_parser("asyncapi", help="write docs/asyncapi.json")
    asyncapi_parser.add_argument("--check", action="store_true",
                                 help="fail if docs/asyncapi.json differs from the code")
    nats_config_parser = commands.add_parser("nats-config", help="NATS server users and identities' credentials")
    nats_config_parser.add_argument("directory", type=Path, help="where to write them (seeds already there are kept)")
    nats_config_parser.add_argument("--partner", action="append", default=[],
                                    help="a partner system allowed to publish on districte.ingest.<partner>.>")
    nats_config_parser.add_argument("--tls-cert", type=Path, help="the server's certificate (TLS on)")
    nats_config_parser.add_argument("--tls-key", type=Path, help="the server's private key")
    nats_config_parser.add_argument("--tls-ca", type=Path, help="require client certificates signed by this CA")
    nats_config_parser.add_argument("--sync-interval", default="always",
                                    help="how often one server flushes to disk (docs/deploy.md)")
    nats_config_parser.add_argument("--store-dir", type=Path, default=Path("/data/jetstream"),
                                    help="where one server keeps its streams")
    commands.add_parser("provision", help="declare streams and consumers (DISTRICTE_NATS_*)")
    migrate_parser = commands.add_parser("migrate", help="upgrade a service's database to this version's schema")
    migrate_parser.add_argument("service", choices=["census", "location", "notifications", "portal"])
    args = parser.parse_args(argv)
    if args.command == "nats-config":
        sys.exit(nats_config_command(args))
    if args.command == "provision":
        sys.exit(provision_command())
    if args.command == "migrate":
        sys.exit(migrate_command(args.service))
    if args.command == "up":
        sys.exit(asyncio.run(up(args.nats_url)))
    if args.command == "import":
        sys.exit(import_command(args))
    if args.command == "asyncapi":
        from shared.contracts.asyncapi import check_or_write

        sys.exit(check_or_write(Path("docs/asyncapi.json"), check=args.check))
