"""Which HTTP client the live path uses: aiohttp direct vs httpx on the ``httpx-aiohttp`` transport, measured.

``python bench/outbound_clients.py`` starts ``bench/runtime_sink.py`` on 127.0.0.1, then runs each client in its own
process, alternately (``--rounds`` times each): ``--calls`` guarded POSTs of a small JSON body with an
``Idempotency-Key`` at ``--concurrency`` at once, on uvloop as the worker runs. It prints the client process's
CPU-ms per call and calls per second. Numbers only compare within one run on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WARMUP = 300


async def _aiohttp_sender(url: str) -> tuple[Any, Any]:
    """The project's sender: aiohttp directly, behind ``backend.outbound``."""
    from backend.outbound.messages import OutboundRequest
    from backend.outbound.sender import create_sender

    sender = create_sender(frozenset({"127.0.0.1"}))

    async def call(index: int) -> int:
        payload = {"n": index, "sentAt": time.time()}
        request = OutboundRequest("POST", url, {"Idempotency-Key": f"k-{index}"}, [], payload, True)
        return (await sender.send(request, 10.0)).status

    return call, sender.aclose


async def _httpx_sender(url: str) -> tuple[Any, Any]:
    """httpx's API on the ``httpx-aiohttp`` transport over the same guarded aiohttp session."""
    import httpx
    from httpx_aiohttp import AiohttpTransport

    from backend.outbound.sender import create_sender

    session = create_sender(frozenset({"127.0.0.1"})).session()
    client = httpx.AsyncClient(transport=AiohttpTransport(client=session), follow_redirects=False, trust_env=False)

    async def call(index: int) -> int:
        request = client.build_request(
            "POST",
            url,
            headers={"Idempotency-Key": f"k-{index}"},
            json={"n": index, "sentAt": time.time()},
            timeout=httpx.Timeout(10.0),
        )
        async with asyncio.timeout(10.0):
            response = await client.send(request, stream=True)
            try:
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
            finally:
                await response.aclose()
        return response.status_code

    async def close() -> None:
        await client.aclose()
        await session.close()

    return call, close


async def _run(kind: str, url: str, calls: int, concurrency: int) -> dict[str, float]:
    call, close = await (_aiohttp_sender if kind == "aiohttp" else _httpx_sender)(url)
    counter = iter(range(WARMUP + calls))

    async def client(limit: int) -> None:
        for index in counter:
            if index >= limit:
                return
            assert await call(index) == 200

    await asyncio.gather(*(client(WARMUP) for _ in range(concurrency)))
    counter = iter(range(calls))
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(calls) for _ in range(concurrency)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await close()
    return {"cpuMsPerCall": cpu * 1000 / calls, "callsPerS": calls / wall}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--kinds", default="aiohttp,httpx")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import uvloop

        print(json.dumps(uvloop.run(_run(args.child, args.url, args.calls, args.concurrency))))
        return
    port = _free_port()
    sink = subprocess.Popen(
        [sys.executable, str(HERE / "runtime_sink.py"), str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert sink.stdout is not None
        assert sink.stdout.readline().strip() == "ready"
        results: dict[str, list[dict[str, float]]] = {}
        for round_ in range(args.rounds):
            for kind in args.kinds.split(","):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        kind,
                        "--url",
                        f"http://127.0.0.1:{port}/hook",
                        "--calls",
                        str(args.calls),
                        "--concurrency",
                        str(args.concurrency),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                result = json.loads(out.stdout)
                results.setdefault(kind, []).append(result)
                cpu, rate = result["cpuMsPerCall"], result["callsPerS"]
                print(f"round {round_ + 1} {kind:8} {cpu:.3f} CPU-ms/call {rate:,.0f} calls/s", flush=True)
        for kind, rows in results.items():
            cpu = [r["cpuMsPerCall"] for r in rows]
            rate = [r["callsPerS"] for r in rows]
            spread = f"min {min(cpu):.3f}, max {max(cpu):.3f}"
            median = f"CPU-ms/call median {statistics.median(cpu):.3f} ({spread})"
            print(f"{kind:8} {median}; calls/s {statistics.median(rate):,.0f}")
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
