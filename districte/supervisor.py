"""Runs the four services as child processes, restarts a crashed one, stops them in order."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass, field

SERVICES = ("census", "location", "notifications", "portal")


@dataclass
class Child:
    name: str
    env: dict[str, str]
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0
    stopping: bool = field(default=False)

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", f"services.{self.name}", env=self.env,
            # Own process group: Ctrl-C reaches the supervisor only, which stops them in order.
            start_new_session=True)

    async def stop(self, timeout_s: float) -> None:
        self.stopping = True
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout=timeout_s)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


class Supervisor:
    def __init__(self, env: dict[str, str], names: tuple[str, ...] = SERVICES) -> None:
        self.children = [Child(name, dict(env)) for name in names]
        self._watchers: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        for child in self.children:
            await child.start()
            self._watchers.append(asyncio.create_task(self._watch(child)))

    async def _watch(self, child: Child) -> None:
        delay = 1.0
        while True:
            assert child.process is not None
            code = await child.process.wait()
            if child.stopping:
                return
            print(f"districte: {child.name} ha sortit (codi {code}); es reinicia en {delay:.0f} s",
                  file=sys.stderr)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
            child.restarts += 1
            await child.start()

    async def stop(self, timeout_s: float = 25.0) -> None:
        # The portal first (no new commands), the consumers last (finish what is in flight).
        for child in reversed(self.children):
            await child.stop(timeout_s)
        for watcher in self._watchers:
            watcher.cancel()


def child_env(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(overrides)
    return env
