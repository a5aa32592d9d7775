"""CPU time per process, to say where the machine's time goes per company.

Read from ``/proc/<pid>/stat`` (Linux); elsewhere the figures are left out.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds used so far by process ``pid`` (None if unknown)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command name: state is field 3, utime field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / _TICKS


def own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """CPU used by each named process between ``start`` and ``stop``."""

    def __init__(self, pids: dict[str, int]) -> None:
        self._pids = pids
        self._before: dict[str, float | None] = {}

    def _sample(self) -> dict[str, float | None]:
        sample = {name: process_cpu_s(pid) for name, pid in self._pids.items()}
        sample["load generator + SMTP sink"] = own_cpu_s()
        return sample

    def start(self) -> None:
        self._before = self._sample()

    def ms_per_item(self, items: int) -> dict[str, float]:
        after = self._sample()
        return {name: round((after[name] - before) * 1000 / items, 2)
                for name, before in self._before.items()
                if before is not None and after[name] is not None}
