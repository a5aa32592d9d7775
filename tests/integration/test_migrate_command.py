"""``districte migrate SERVICE``: the one-shot step before a release brings a service's database to
this version's schema; run again (or by the service at start), it finds nothing to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text

from shared.persistence.database import Database
from shared.persistence.migrations import alembic_config

CLI = str(Path(sys.executable).parent / "districte")
MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "location" / "adapters" / "migrations"


def migrate(url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISTRICTE_")}
    env |= {"DISTRICTE_DATABASE_URL": url, "DISTRICTE_DATA_DIR": str(data_dir)}
    return subprocess.run([CLI, "migrate", "location"], env=env, capture_output=True, text=True, timeout=120)


async def test_migrate_brings_a_database_to_head_once(databases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("location")
    url = databases.url("location")
    for _ in range(2):
        done = migrate(url, tmp_path)
        assert done.returncode == 0, done.stderr
    head = ScriptDirectory.from_config(alembic_config(url, MIGRATIONS)).get_current_head()
    database = Database(url)
    try:
        async with database.reading() as connection:
            versions = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    finally:
        await database.dispose()
    assert versions == [head]


def test_a_bad_database_url_is_refused_naming_the_variable(tmp_path: Path) -> None:
    done = migrate("mysql://db/location", tmp_path)
    assert done.returncode == 1 and "DISTRICTE_DATABASE_URL" in done.stderr
