"""A lean HTTP/1.1 keep-alive client for load generation.

httpx spends more CPU per request than the service under test does, which on a 2-core
machine would measure the load generator; this client does the minimum: write a request,
read the status line, headers and a Content-Length body.
"""

from __future__ import annotations

import asyncio

import orjson


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: object | None = None,
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        try:
            return await self._exchange(method, path, body, headers)
        except ConnectionError:
            # The server closed an idle keep-alive connection: the request never reached it.
            await self.close()
            return await self._exchange(method, path, body, headers)

    async def _exchange(self, method: str, path: str, body: object | None,
                        headers: dict[str, str] | None) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        payload = orjson.dumps(body) if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self._host}:{self._port}",
                f"Content-Length: {len(payload)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self._writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
        assert self._reader is not None
        status_line = await self._reader.readline()
        if not status_line:
            raise ConnectionResetError("closed by the server")
        status = int(status_line.split(b" ", 2)[1])
        length = 0
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        return status, await self._reader.readexactly(length)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
