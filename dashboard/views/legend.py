"""What a chart says outside its data, as plain text: its legend (read from the figure) and a few words of English.

Pages, embeds and exports put these beside the chart in HTML, so that a screen reader (which is kept out of the
SVG) hears the same legend the eye sees.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from dashboard.strings import t, tn

_TAG = re.compile(r"<[^>]+>")
# How a legend entry is drawn: plotly marker symbols we use, and lines.
SYMBOLS = {"square": "■", "diamond-open": "◇", "star": "★", "circle": "●", "line": "—"}


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str | None
    symbol: str  # a key of SYMBOLS


@dataclass(frozen=True)
class Legend:
    entries: tuple[LegendEntry, ...] = ()
    scale_title: str = ""  # a stepped colour scale (the map's number of processes): title and steps
    scale: tuple[LegendEntry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries or self.scale)


def plain(text) -> str:
    """Plotly's pseudo-HTML as plain text: tags dropped (<br> as a space), entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", str(text or ""))).split())


def join_names(names: list[str], *, limit: int = 4, more: str = "{n} more") -> str:
    """'A', 'A and B', 'A, B and C'; past `limit` names: 'A, B, C, D and 5 more'."""
    names = [n for n in names if n]
    if len(names) > limit:
        names = names[:limit] + [more.format(n=len(names) - limit)]
    if len(names) < 2:
        return names[0] if names else ""
    return t("list.and", names=", ".join(names[:-1]), last=names[-1])


def counted(n: int, key: str) -> str:
    """'1 state', '3 states' (in the current language): the plural entry describe.n.<key>."""
    return tn(f"describe.n.{key}", n)


def _entry(trace: dict) -> LegendEntry | None:
    if trace.get("showlegend") is not True or not plain(trace.get("name")):
        return None
    mode = trace.get("mode", "")
    marker = trace.get("marker") or {}
    line = trace.get("line") or {}
    if "markers" in mode or trace.get("type") == "bar":
        colour = marker.get("color")
        symbol = marker.get("symbol", "circle")
        return LegendEntry(
            plain(trace["name"]),
            colour if isinstance(colour, str) else None,
            symbol if isinstance(symbol, str) and symbol in SYMBOLS else "square",
        )
    colour = line.get("color") or marker.get("color")
    return LegendEntry(plain(trace["name"]), colour if isinstance(colour, str) else None, "line")


def _scale(trace: dict) -> tuple[str, tuple[LegendEntry, ...]]:
    """A stepped colorscale over integer z (our choropleth of counts): one step per integer from zmin to zmax."""
    scale, low, high = trace.get("colorscale"), trace.get("zmin"), trace.get("zmax")
    if not isinstance(scale, list) or low is None or high is None or high <= low:
        return "", ()
    steps = []
    for value in range(int(low + 0.5), int(high - 0.5) + 1):
        where = (value - low) / (high - low)
        colour = next((c for stop, c in reversed(scale) if stop <= where), scale[0][1])
        steps.append(LegendEntry(str(value), colour, "square"))
    title = (trace.get("colorbar") or {}).get("title") or {}
    return plain(title.get("text") if isinstance(title, dict) else title), tuple(steps)


def legend_of(figure: dict) -> Legend:
    """The figure's legend entries in drawing order, and its colour scale when one is shown."""
    entries: list[LegendEntry] = []
    scale: tuple[LegendEntry, ...] = ()
    scale_title = ""
    for trace in figure.get("data", []):
        if trace.get("showscale"):
            scale_title, scale = _scale(trace)
        entry = _entry(trace)
        if entry and entry not in entries:
            entries.append(entry)
    return Legend(tuple(entries), scale_title, scale)


def legend_text(legend: Legend) -> str:
    """The legend in one line: 'Member; Observer (◇ marker); Number of selected processes: 0 to 3'."""
    parts = [e.label for e in legend.entries]
    if legend.scale:
        parts.append(f"{legend.scale_title}: {legend.scale[0].label} to {legend.scale[-1].label}")
    return "; ".join(parts)
