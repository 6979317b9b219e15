"""Reading a page's SVG charts back (``web/charts/_years.svg``): each chart by its
title, and a line's points as (the label of the year under it, the figure at its height),
through the chart's own axis labels, so a test checks what is drawn, not how."""

from __future__ import annotations

import re
from xml.etree import ElementTree

SVG = "{http://www.w3.org/2000/svg}"


def charts_of(response) -> dict[str, ElementTree.Element]:
    """The page's SVG charts by their title, parsed as XML."""
    found = {}
    for svg in re.findall(r"<svg.*?</svg>", response.content.decode(), re.S):
        chart = ElementTree.fromstring(svg)
        found[chart.findtext(f"{SVG}title")] = chart
    return found


def drawn_values(chart: ElementTree.Element, points: str) -> list[tuple[str, float]]:
    """Each point of an SVG ``points`` as (the year under it, the figure at its height),
    read back through the chart's own axis labels."""
    ticks = [
        (float(t.get("y")), _figure(t.text))
        for t in chart.iter(f"{SVG}text")
        if t.get("class") == "senda-chart__y-tick"
    ]
    (y0, v0), (y1, v1) = ticks[0], ticks[-1]
    years = {
        round(float(t.get("x"))): t.text
        for t in chart.iter(f"{SVG}text")
        if t.get("class") == "senda-chart__x-tick"
    }
    found = []
    for pair in points.split():
        x, y = (float(n) for n in pair.split(","))
        found.append((years.get(round(x), "?"), v0 + (y - y0) * (v1 - v0) / (y1 - y0)))
    return found


def _figure(label: str) -> float:
    """An axis label's figure: ``1,200``, ``£1.5m``, ``−£2.0m``."""
    text = label.replace(",", "").replace("£", "").replace("−", "-")
    return float(text[:-1]) * 1_000_000 if text.endswith("m") else float(text)
