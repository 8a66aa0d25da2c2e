"""Small charts for the reports, drawn as inline SVG: the radar of levels and a scope's ladder bar.

Levels run from 0 (offline) to 4 (intelligent); every ring of the radar is a stage. All text is
escaped with ``svg.esc``.
"""

from __future__ import annotations

import math

from .svg import FONT, STAGE_FILL, STAGE_STROKE, esc, fit, text_width

TOP = 4


def _point(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def radar_svg(axes: list[tuple[str, float]], stage_words: list[str], earlier: list[float] | None = None,
              earlier_label: str = "", now_label: str = "", title: str = "") -> str:
    """A radar with one axis per (label, level); rings are the stages; ``earlier`` draws a dashed comparison.

    Fewer than three axes make no area, so a caller with one or two shows bars instead (``level_bars_svg``).
    """
    n = len(axes)
    size = 13 if n <= 8 else 11 if n <= 16 else 9.5
    label_w = min(max((text_width(f"{lbl} 0.00", size) for lbl, _ in axes), default=60), 170)
    radius = 110 if n <= 12 else 150
    pad_x, pad_y = label_w + 14, 30
    w, h = 2 * (radius + pad_x), 2 * (radius + pad_y) + (26 if earlier else 0)
    cx, cy = w / 2, radius + pad_y
    step = 2 * math.pi / n
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 {w:.0f} {h:.0f}" '
           f'width="{w:.0f}" height="{h:.0f}" role="img" aria-label="{esc(title)}" font-family="{esc(FONT)}">']
    if title:
        out.append(f"<title>{esc(title)}</title>")
    for ring in range(TOP, 0, -1):  # stage rings, outermost first so inner fills sit on top
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, radius * ring / TOP, i * step) for i in range(n)))
        out.append(f'<polygon points="{pts}" fill="{STAGE_FILL[ring]}" fill-opacity="0.45" stroke="#c8c8c8" '
                   f'stroke-width="1"/>')
    for i in range(n):
        x, y = _point(cx, cy, radius, i * step)
        out.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8"/>')
    for ring in range(1, TOP + 1):  # stage names up the first axis
        x, y = _point(cx, cy, radius * ring / TOP, 0)
        out.append(f'<text x="{x + 4:.1f}" y="{y + 11:.1f}" font-size="9.5" fill="#666">{ring} '
                   f"{esc(stage_words[ring])}</text>")
    if earlier:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in
                       (_point(cx, cy, radius * max(0.0, min(v, TOP)) / TOP, i * step) for i, v in enumerate(earlier)))
        out.append(f'<polygon class="earlier" points="{pts}" fill="none" stroke="#777" stroke-width="1.6" '
                   f'stroke-dasharray="5 4"/>')
    pts_list = [_point(cx, cy, radius * max(0.0, min(v, TOP)) / TOP, i * step) for i, (_, v) in enumerate(axes)]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts_list)
    out.append(f'<polygon class="now" points="{pts}" fill="#2f6db5" fill-opacity="0.22" stroke="#2f6db5" '
               f'stroke-width="2.2"/>')
    for x, y in pts_list:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#2f6db5"/>')
    for i, (label, value) in enumerate(axes):
        angle = i * step
        x, y = _point(cx, cy, radius + 12, angle)
        s = math.sin(angle)
        anchor = "start" if s > 0.25 else "end" if s < -0.25 else "middle"
        c = math.cos(angle)
        dy = -4 if c > 0.5 else 12 if c < -0.5 else 4
        text = fit(label, size, label_w - text_width(" 0.00", size))
        out.append(f'<text x="{x:.1f}" y="{y + dy:.1f}" font-size="{size}" text-anchor="{anchor}" fill="#222">'
                   f'{esc(text)} <tspan font-weight="700">{value:.2f}</tspan><title>{esc(label)}</title></text>')
    if earlier:
        ly = h - 12
        out.append(f'<line x1="{cx - 150:.1f}" y1="{ly - 4:.1f}" x2="{cx - 126:.1f}" y2="{ly - 4:.1f}" stroke="#2f6db5" '
                   f'stroke-width="2.2"/><text x="{cx - 120:.1f}" y="{ly:.1f}" font-size="11">{esc(now_label)}</text>')
        out.append(f'<line x1="{cx + 10:.1f}" y1="{ly - 4:.1f}" x2="{cx + 34:.1f}" y2="{ly - 4:.1f}" stroke="#777" '
                   f'stroke-width="1.6" stroke-dasharray="5 4"/><text x="{cx + 40:.1f}" y="{ly:.1f}" '
                   f'font-size="11">{esc(earlier_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def ladder_svg(level: float, reached: int, target: int | None = None, capped: bool = False, width: int = 168) -> str:
    """A scope's level on a four-step bar: reached stages filled, the next one filled in part, the target marked."""
    h = 16
    seg = (width - 2) / TOP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder" viewBox="0 0 {width} {h + 4}" width="{width}" '
           f'height="{h + 4}" aria-hidden="true">']
    for i in range(TOP):
        x = 1 + i * seg
        out.append(f'<rect x="{x:.1f}" y="2" width="{seg - 2:.1f}" height="{h}" rx="2" fill="#f1f1f1" '
                   f'stroke="#d0d0d0"/>')
        fill = 1.0 if i < reached else (level - reached if i == reached else 0.0)
        if fill > 0:
            stage = min(i + 1, TOP)
            colour = STAGE_STROKE[stage] if i < reached else STAGE_FILL[stage]
            out.append(f'<rect x="{x:.1f}" y="2" width="{(seg - 2) * min(fill, 1):.1f}" height="{h}" rx="2" '
                       f'fill="{colour}"/>')
    if target is not None and target > 0:
        x = 1 + target * seg - 2
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h + 4}" stroke="#1d1d1d" stroke-width="2"/>')
    if capped:
        x = 1 + reached * seg
        out.append(f'<rect x="{x - 1:.1f}" y="0" width="3" height="{h + 4}" fill="#c62828"/>')
    out.append("</svg>")
    return "".join(out)


def level_bars_svg(rows: list[tuple[str, float]], stage_words: list[str], title: str = "") -> str:
    """Horizontal bars of levels (for one or two domains, where a radar has no area)."""
    label_w = min(max((text_width(lbl, 12) for lbl, _ in rows), default=60) + 12, 220)
    bar_w, row_h = 320, 26
    w, h = label_w + bar_w + 60, 26 + row_h * len(rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" viewBox="0 0 {w:.0f} {h}" width="{w:.0f}" '
           f'height="{h}" role="img" aria-label="{esc(title)}" font-family="{esc(FONT)}">']
    for ring in range(TOP + 1):
        x = label_w + bar_w * ring / TOP
        out.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{h}" stroke="#ddd"/>'
                   f'<text x="{x:.1f}" y="10" font-size="9" text-anchor="middle" fill="#666">'
                   f"{esc(stage_words[ring])}</text>")
    for i, (label, value) in enumerate(rows):
        y = 18 + i * row_h
        stage = min(int(value), TOP)
        out.append(f'<text x="{label_w - 8:.1f}" y="{y + 14}" font-size="12" text-anchor="end">'
                   f"{esc(fit(label, 12, label_w - 12))}</text>")
        out.append(f'<rect x="{label_w:.1f}" y="{y + 3}" width="{bar_w * min(value, TOP) / TOP:.1f}" height="14" '
                   f'fill="{STAGE_STROKE[stage]}"/>')
        out.append(f'<text x="{label_w + bar_w * min(value, TOP) / TOP + 6:.1f}" y="{y + 14}" font-size="11" '
                   f'font-weight="700">{value:.2f}</text>')
    out.append("</svg>")
    return "".join(out)
