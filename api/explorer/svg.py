"""Two small pictures drawn on the server as SVG: cables by month, and whom a person met.

Plain SVG markup with presentation attributes (no script, no style element), so the
pages keep a strict Content-Security-Policy and print as they show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from api.explorer.reads import Ref

INK, BAR, MUTED, EDGE = "#1b1b1b", "#0b4f9c", "#4a4a4a", "#9bb4d3"


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(counts: Sequence[tuple[str, int]], *, width: int = 720, height: int = 160) -> str:
    """Cables per month as bars, every month from the first to the last shown (empty
    months stay empty), years marked below."""
    dated = [(month, n) for month, n in counts if len(month) == 7 and month[4] == "-"]
    if not dated:
        return "<p>No dated cables yet.</p>"
    by_month = dict(dated)
    months = _months_between(dated[0][0], dated[-1][0])
    top = max(by_month.values())
    left, bottom, plot_h = 34, 22, height - 30
    step = (width - left - 4) / len(months)
    bars = []
    for i, month in enumerate(months):
        n = by_month.get(month, 0)
        if not n:
            continue
        h = max(1.0, plot_h * n / top)
        x = left + i * step
        bars.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{max(1.0, step - 1):.1f}" '
            f'height="{h:.1f}" fill="{BAR}">'
            f"<title>{month}: {n} cable{'s' * (n != 1)}</title></rect>"
        )
    years = []
    every = max(1, math.ceil(len({m[:4] for m in months}) / 12))
    for i, month in enumerate(months):
        if month.endswith("-01") or i == 0:
            year = int(month[:4])
            if (year - int(months[0][:4])) % every == 0:
                x = left + i * step
                years.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{height - bottom}" '
                    f'y2="{height - bottom + 4}" stroke="{MUTED}"/>'
                    f'<text x="{x:.1f}" y="{height - 6}" font-size="11" fill="{MUTED}">'
                    f"{year}</text>"
                )
    total = sum(by_month.values())
    label = f"Cables per month, {months[0]} to {months[-1]}: {total} cables, at most {top} a month"
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        f'<text x="0" y="12" font-size="11" fill="{MUTED}">{top}</text>'
        f'<line x1="{left}" x2="{width}" y1="{height - bottom}" y2="{height - bottom}" '
        f'stroke="{MUTED}"/>{"".join(bars)}{"".join(years)}</svg>'
    )


def ego(center: str, others: Sequence[tuple[Ref, int, str]], *, size: int = 360) -> str:
    """``center`` in the middle and each of ``others`` (a person, how many meetings,
    where their page is) on a circle around it, the line as thick as the meetings."""
    if not others:
        return ""
    shown = others[:16]
    mid = size / 2
    radius = size / 2 - 60
    parts = []
    nodes = []
    for i, (ref, meetings, href) in enumerate(shown):
        angle = 2 * math.pi * i / len(shown) - math.pi / 2
        x, y = mid + radius * math.cos(angle), mid + radius * math.sin(angle)
        parts.append(
            f'<line x1="{mid}" y1="{mid}" x2="{x:.1f}" y2="{y:.1f}" stroke="{EDGE}" '
            f'stroke-width="{min(8, 1 + 1.5 * meetings):.1f}"/>'
        )
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-12 if math.sin(angle) < 0 else 20)
        noun = "meeting" if meetings == 1 else "meetings"
        nodes.append(
            f'<a href="{escape(href)}"><title>{escape(ref.label)}: {meetings} {noun}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{BAR}"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="15" '
            f'fill="{INK}">{escape(ref.label)}</text></a>'
        )
    label = f"Whom {center} met: " + ", ".join(ref.label for ref, _, _ in shown)
    return (
        f'<svg viewBox="0 0 {size} {size}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>{"".join(parts)}'
        f'<circle cx="{mid}" cy="{mid}" r="11" fill="#7a2e0e"/>'
        f'<text x="{mid}" y="{mid + 30}" text-anchor="middle" font-size="16" font-weight="700" '
        f'fill="{INK}">{escape(center)}</text>{"".join(nodes)}</svg>'
    )
