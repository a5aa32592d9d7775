"""The Dockerfile's final stage (what runs in production) and the build context (.dockerignore)."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
BUILD_TOOLS = {"build-essential", "gcc", "g++", "clang", "make", "cmake", "cargo", "rustc", "pkg-config"}


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n(\s*#[^\n]*\n)*", " ", text)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            result.append((instruction.upper(), arguments.strip()))
    return result


def _stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction, arguments in _instructions(DOCKERFILE.read_text()):
        if instruction == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction, arguments))
    return stages


@pytest.fixture(scope="module")
def final_stage() -> list[tuple[str, str]]:
    stages = _stages()
    assert len(stages) >= 2, "the Dockerfile must stay multi-stage (build tools out of the final image)"
    return stages[-1]


def _args(stage: list[tuple[str, str]], instruction: str) -> list[str]:
    return [arguments for name, arguments in stage if name == instruction]


def test_final_stage_runs_as_a_numeric_non_root_user(final_stage):
    users = _args(final_stage, "USER")
    assert users, "the final stage sets no USER: it would run as root"
    uid, _, gid = users[-1].partition(":")
    # Numeric, so Kubernetes' runAsNonRoot can verify it without /etc/passwd.
    assert uid.isdigit() and int(uid) != 0, users[-1]
    assert not gid or (gid.isdigit() and int(gid) != 0), users[-1]


def test_final_stage_installs_no_build_tools(final_stage):
    for command in _args(final_stage, "RUN"):
        if re.search(r"\b(apt-get|apt|apk)\s+(install|add)\b", command):
            found = [p for p in shlex.split(command) if p in BUILD_TOOLS or p.endswith("-dev")]
            assert not found, f"build tools in the final image: {found}"
        assert "pip install" not in command, "dependencies are built in the builder stage"


def test_final_stage_takes_the_venv_from_the_builder(final_stage):
    (builder_from,) = _args(_stages()[0], "FROM")
    named = re.search(r"\s+AS\s+(\S+)", builder_from, re.IGNORECASE)
    builder = named.group(1) if named else "0"
    assert f"--from={builder} /opt/venv /opt/venv" in _args(final_stage, "COPY")
    env = " ".join(_args(final_stage, "ENV"))
    assert re.search(r"PATH=/opt/venv/bin:", env), "the venv's scripts (districte) must be on PATH"


def test_builder_installs_the_console_script_and_no_dev_tools():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "districte" in scripts
    runs = " ".join(_args(_stages()[0], "RUN"))
    assert "pip install --no-deps ." in runs, "the package (and its console script) goes into the venv"
    # The lock pins the dev extra too (pytest, playwright...): only as constraints it keeps them out.
    assert "--constraint requirements.lock" in runs
    assert not re.search(r"(-r|--requirement)\s+requirements\.lock", runs)


def test_final_stage_declares_a_writable_data_directory(final_stage):
    (data_dir,) = re.findall(r"DISTRICTE_DATA_DIR=(\S+)", " ".join(_args(final_stage, "ENV")))
    assert any(data_dir in run and "--owner 10001" in run for run in _args(final_stage, "RUN"))


# --- .dockerignore ---------------------------------------------------------------------------


def _pattern(pattern: str) -> re.Pattern[str]:
    """Docker's .dockerignore pattern (Go filepath.Match, plus `**`) as a regular expression."""
    pattern = pattern.strip("/")
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        else:
            char = pattern[i]
            regex += {"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char))
            i += 1
    return re.compile(regex)


def _ignored(path: str) -> bool:
    """Whether Docker leaves ``path`` out of the build context: the last matching rule wins,
    and a rule matching a parent directory applies to what is inside it."""
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for line in DOCKERIGNORE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        regex = _pattern(line.lstrip("!"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = not exception
    return ignored


@pytest.mark.parametrize("path", [".venv/bin/python", ".git/HEAD", ".districte/census.db",
                                  "tests/artefactes/run.log", "docs/captures/portal.png", "tests/conftest.py",
                                  "deploy/k8s/README.md", "shared/__pycache__/settings.cpython-311.pyc",
                                  "services/portal/.districte/x", "districte.egg-info/PKG-INFO"])
def test_dockerignore_leaves_out(path):
    assert _ignored(path)


def test_dockerignore_keeps_everything_the_dockerfile_copies():
    sources = []
    for stage in _stages():
        for arguments in _args(stage, "COPY"):
            words = [w for w in arguments.split() if not w.startswith("--")]
            if "--from=" not in arguments:
                sources += words[:-1]
    assert sources
    for source in sources:
        probe = f"{source.rstrip('/')}/x.py" if source.endswith("/") else source
        assert not _ignored(probe), f"{source} is copied but excluded from the build context"
