"""Rows and the printed table of the runtime benchmark."""

from __future__ import annotations

from dataclasses import dataclass

HEADER = (
    "setup",
    "conc",
    "events",
    "ev/s",
    "p50 ms",
    "p99 ms",
    "ingest p99",
    "CPU ms/ev (api+wkr)",
    "harness ms/ev",
    "busy %",
    "RSS MB",
    "lost",
    "dup",
)


@dataclass
class Row:
    """One measured phase: ``rss`` is the worker's (the API process's when the worker is embedded)."""

    setup: str
    concurrency: int
    events: int
    rate: float
    p50: float
    p99: float
    ingest_p99: float
    cpu_ms: list[float]  # per process: API, then worker when apart
    rss: float
    lost: int
    duplicates: int
    overloaded: int
    harness_ms: float  # CPU-ms per event of the load generator and the sink
    busy: float  # percent of all cores busy during the phase

    def cpu_text(self) -> str:
        """Total CPU-ms per event, split per process when there are several."""
        total = f"{sum(self.cpu_ms):.2f}"
        return total if len(self.cpu_ms) == 1 else f"{total} ({'+'.join(f'{c:.2f}' for c in self.cpu_ms)})"

    def cells(self) -> tuple[str, ...]:
        """The row's text cells, in ``HEADER`` order."""
        return (
            self.setup, str(self.concurrency), str(self.events), f"{self.rate:,.0f}", f"{self.p50:,.0f}",
            f"{self.p99:,.0f}", f"{self.ingest_p99:,.1f}", self.cpu_text(), f"{self.harness_ms:.2f}",
            f"{self.busy:.0f}", f"{self.rss:,.0f}",
            str(self.lost), str(self.duplicates),
        )  # fmt: skip


def _ratio(rate: float, base: float) -> str:
    return f"{rate / base:.2f}" if base else "-"


def print_table(rows: list[Row], limits: dict[int, float], peer: dict[int, float] | None = None) -> None:
    """Fixed-width table: 429 answers seen, the ratio to Node-RED and the share of the bare forwarder (the limit),
    each at the same concurrency."""
    peer = peer or {}
    lines = [(*HEADER, "429s", "x Node-RED", "limit ev/s", "share of limit")]
    for row in rows:
        limit = limits.get(row.concurrency, 0.0)
        share = _ratio(row.rate, limit) if not row.setup.startswith("limit") else "-"
        times_peer = _ratio(row.rate, peer.get(row.concurrency, 0.0))
        lines.append((*row.cells(), str(row.overloaded), times_peer, f"{limit:,.0f}" if limit else "-", share))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for index, line in enumerate(lines):
        cells = [
            cell.rjust(width) if i else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells))
        if index == 0:
            print("  ".join("-" * width for width in widths))
