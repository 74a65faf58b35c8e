"""The gateway half of the local Discord: one websocket per client, compressed the way the
client asked (zlib-stream with a single compressobj and Z_SYNC_FLUSH per frame, as discord.py
expects; zstd-stream when a zstd library is importable), HELLO, IDENTIFY -> READY +
GUILD_CREATE, HEARTBEAT -> ACK, RESUME -> RESUMED.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web


class Socket:
    """One gateway connection with its own compressor and sequence."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.seq = 0
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._zstd: Any = None
        if compress == "zstd-stream":
            import zstandard  # only requested when discord.py found a zstd library

            self._zstd = zstandard.ZstdCompressor().compressobj()

    async def send(self, op: int, d: Any, t: str | None = None) -> None:
        payload: dict[str, Any] = {"op": op, "d": d, "s": None, "t": t}
        if op == 0:
            self.seq += 1
            payload["s"] = self.seq
        raw = json.dumps(payload).encode()
        if self._zlib is not None:
            await self.ws.send_bytes(self._zlib.compress(raw) + self._zlib.flush(zlib.Z_SYNC_FLUSH))
        elif self._zstd is not None:
            import zstandard

            data = self._zstd.compress(raw) + self._zstd.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
            await self.ws.send_bytes(data)
        else:
            await self.ws.send_str(raw.decode())


class GatewayMixin:
    """Gateway handlers mixed into `FakeDiscord` (which provides the payloads and records)."""

    _sockets: list[Socket]
    compressions: list[str | None]
    identifies: list[dict[str, Any]]
    resumes: list[dict[str, Any]]
    application_id: str
    port: int
    guild: Any

    if TYPE_CHECKING:
        def bot_user(self) -> dict[str, Any]: ...
        def _guild_payload(self) -> dict[str, Any]: ...
        async def _notify(self) -> None: ...

    # -- gateway -------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        compress = request.query.get("compress")
        self.compressions.append(compress)
        sock = Socket(ws, compress)
        self._sockets.append(sock)
        try:
            await sock.send(10, {"heartbeat_interval": 41250})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                await self._on_op(sock, json.loads(msg.data))
        finally:
            self._sockets.remove(sock)
        return ws

    async def _on_op(self, sock: Socket, frame: dict[str, Any]) -> None:
        op, d = frame.get("op"), frame.get("d")
        if op == 1:
            await sock.send(11, None)
        elif op == 2:
            self.identifies.append(d)
            await sock.send(0, {
                "v": 10, "user": self.bot_user(),
                "session_id": f"sess-{len(self.identifies)}-{id(sock)}",
                "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
                "guilds": [{"id": self.guild.id, "unavailable": True}],
                "application": {"id": self.application_id, "flags": 0},
                "shard": d.get("shard") or [0, 1]}, "READY")
            await sock.send(0, self._guild_payload(), "GUILD_CREATE")
        elif op == 6:
            self.resumes.append(d)
            sock.seq = int(d.get("seq") or 0)
            await sock.send(0, {}, "RESUMED")
        await self._notify()

