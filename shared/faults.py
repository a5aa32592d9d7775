"""Named crash points for failure tests: ``DISTRICTE_FAULT_INJECTION=point[,point]``.

Reaching a named point kills the process with SIGKILL, exactly as a power cut or an OOM
kill would, at the moment that is hardest to get right (after a commit, before the
message that follows it). Unset in production; the tests restart the process without it.
"""

from __future__ import annotations

import os
import signal
from functools import cache

RELAY_BEFORE_PUBLISH = "relay_before_publish"
CONSUMER_BEFORE_ACK = "consumer_before_ack"
CONSUMER_BEFORE_COMMIT = "consumer_before_commit"


@cache
def _armed() -> frozenset[str]:
    return frozenset(p.strip() for p in os.environ.get("DISTRICTE_FAULT_INJECTION", "").split(",") if p.strip())


def crash_point(name: str) -> None:
    if name in _armed():
        os.kill(os.getpid(), signal.SIGKILL)
