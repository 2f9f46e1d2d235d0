"""The map's fills in every year of a selection, in one compact message, so that the browser steps years itself."""

from __future__ import annotations

import dataclasses
from html import escape

import numpy as np
import pandas as pd

from dashboard.views import evidence, queries
from dashboard.views.figures.map import APP_PLOT_SIZE, make_map_view, map_title, title_width
from dashboard.views.figures.text_width import wrap_to_width
from dashboard.views.figures.theme import get_theme
from dashboard.views.spell_grid import covered, distinct_covered
from dashboard.viewstate import ViewState, to_query

# The fields a series covers: a state that sets any other (a future parameter as much as a known one such as
# org on the map) is not stepped in the browser, and every year step of it goes to the server as before.
STEPPED_FIELDS = {"view", "processes", "issues", "year", "role", "country", "layers", "theme", "regions", "kinds"}
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"  # 64 symbols, none needs escaping


def steps_in_browser(state: ViewState) -> bool:
    """Whether the browser can step this state's years from a series (else the server draws every year)."""
    if state.view != "map" or "processes" not in state.layers:
        return False
    default = ViewState()
    return all(
        f.name in STEPPED_FIELDS or getattr(state, f.name) == getattr(default, f.name)
        for f in dataclasses.fields(ViewState)
        if f.compare
    )


def selection_key(state: ViewState) -> str:
    """What a series depends on: the state without its year and open country (the same string in the browser)."""
    return to_query(state.with_(year=None, country=None))


_DIGIT_BYTES = np.frombuffer(DIGITS.encode("ascii"), dtype=np.uint8)


def encode_rows(grid: np.ndarray, width: int) -> list[str]:
    """Each row of non-negative integers as one string, `width` base-64 digits per value, most significant first."""
    shifts = 6 * np.arange(width - 1, -1, -1)
    digits = (grid[:, :, None] >> shifts) & 63
    return [row.tobytes().decode("ascii") for row in _DIGIT_BYTES[digits].reshape(len(grid), -1)]


def decode(text: str, width: int) -> list[int]:
    """encode_rows()'s inverse for one row (the browser has the same few lines in assets/map_years.js)."""
    index = {c: i for i, c in enumerate(DIGITS)}
    out = []
    for i in range(0, len(text), width):
        v = 0
        for c in text[i : i + width]:
            v = v * 64 + index[c]
        out.append(v)
    return out


def year_epochs(atlas) -> list[tuple[int, int, tuple[str, ...], dict[str, str]]]:
    """Runs of years that draw the same shapes with the same former-state codes: (first, last, shapes, codes)."""

    def compute() -> list:
        first, last = atlas.year_range
        runs: list = []
        for year in range(first, last + 1):
            shapes, codes = tuple(queries.shapes_in_year(atlas, year)), queries.display_codes(atlas, year)
            if runs and runs[-1][2] == shapes and runs[-1][3] == codes:
                runs[-1] = (runs[-1][0], year, shapes, codes)
            else:
                runs.append((year, year, shapes, codes))
        return runs

    return atlas.remember("map_year_epochs", atlas.year_range, compute, size=4)


def _base_spells(atlas) -> dict:
    """Every membership spell as arrays, cut to the years its process existed (computed once per atlas)."""

    def compute():
        m = atlas.memberships
        procs = atlas.processes.set_index("id")
        founded = m["process_id"].map(procs["founded_year"]).astype("int64").to_numpy()
        ended = m["process_id"].map(procs["ended_year"]).astype("Int64").fillna(10_000).astype("int64").to_numpy()
        process, process_ids = pd.factorize(m["process_id"])
        iso, isos = pd.factorize(m["iso3"])
        return {
            "process": process,
            "process_index": {p: i for i, p in enumerate(process_ids)},
            "iso": iso,
            "isos": list(isos),
            "member": (m["role"] == "member").to_numpy(),
            "observer": (m["role"] == "observer").to_numpy(),
            "lo": np.maximum(m["start_year"].astype("int64").to_numpy(), founded),
            "hi": np.minimum(m["end_year"].astype("Int64").fillna(10_000).astype("int64").to_numpy(), ended),
        }

    return atlas.remember("map_year_spells", "all", compute, size=1)


def _spells(atlas, process_ids, role: str) -> dict:
    """The spells of these processes (and role): arrays process, iso, member, lo, hi."""
    base = _base_spells(atlas)
    wanted = np.zeros(len(base["process_index"]) + 1, dtype=bool)
    wanted[[base["process_index"][p] for p in process_ids if p in base["process_index"]]] = True
    mask = wanted[base["process"]] & (base["lo"] <= base["hi"])
    if role in ("member", "observer"):
        mask &= base[role]
    return {k: base[k][mask] for k in ("process", "iso", "member", "lo", "hi")}


def _drawn_at(atlas, epoch) -> np.ndarray:
    """For each country code of the memberships, the index of the shape it is drawn on in the epoch (-1: none)."""

    def compute():
        _, _, shapes, display = epoch
        position = {code: i for i, code in enumerate(shapes)}
        return np.array([position.get(display.get(c, c), -1) for c in _base_spells(atlas)["isos"]], dtype=np.int64)

    return atlas.remember("map_year_drawn_at", epoch[:2], compute, size=64)


def epoch_values(atlas, spells: dict, mode: str, epoch) -> np.ndarray:
    """The choropleth's z for the epoch's shapes (rows) in each of its years (columns), as make_map_figure draws it:
    one process, 2 member and 1 observer; several, how many of them the country takes part in."""
    start, end, shapes, display = epoch
    n_years, n_shapes = end - start + 1, len(shapes)
    code = _drawn_at(atlas, epoch)[spells["iso"]]
    keep = (code >= 0) & (spells["lo"] <= end) & (spells["hi"] >= start)
    code, process, member, lo, hi = (
        code[keep],
        spells["process"][keep],
        spells["member"][keep],
        spells["lo"][keep],
        spells["hi"][keep],
    )
    if mode == "one":
        members = covered(code[member], lo[member], hi[member], n_shapes, start, n_years) > 0
        others = covered(code[~member], lo[~member], hi[~member], n_shapes, start, n_years) > 0
        return np.where(members, 2, np.where(others, 1, 0))
    # Several processes: a country counts each process once, however many of its spells (or of its parts, for
    # a former state) are in force.
    return distinct_covered(process, code, lo, hi, n_shapes, start, n_years)


def epoch_names(atlas) -> list[dict]:
    """Each epoch's shapes and their names as the figure's customdata has them (computed once per atlas)."""

    def compute():
        return [
            {"codes": list(shapes), "names": [escape(atlas.country_name(c)) for c in shapes]}
            for _, _, shapes, _ in year_epochs(atlas)
        ]

    return atlas.remember("map_year_epoch_names", atlas.year_range, compute, size=4)


def year_series(atlas, state: ViewState) -> dict | None:
    """For the state's selection, every year's fills: the shapes of each run of years (with their names), and per
    year the z of each shape (base-64 digits, `width` each) and the map's title. None when the browser cannot step
    this state (see steps_in_browser)."""
    if not steps_in_browser(state):
        return None
    view = make_map_view(atlas, state)
    mode = "one" if len(view.process_ids) == 1 else "overlap"
    if mode == "one" and state.role == "all" and evidence.open_to_org(atlas, view.process_ids[0]):
        return None  # its eligible states are drawn by the server, year by year

    spells = _spells(atlas, view.process_ids, state.role)
    epochs = year_epochs(atlas)
    values = [epoch_values(atlas, spells, mode, epoch) for epoch in epochs]
    top = max((int(v.max()) for v in values if v.size), default=0)
    width = 1 if top < 64 else 2 if top < 64**2 else 3
    first, last = atlas.year_range
    z, epoch_of, titles = [], [], []  # titles: each year's lines, wrapped as the server's figure wraps them
    size, room = get_theme(state.theme).title_size, title_width(APP_PLOT_SIZE)
    for e, ((start, end, _, _), grid) in enumerate(zip(epochs, values)):
        z += encode_rows(grid.T, width)
        epoch_of += [e] * (end - start + 1)
        titles += [
            wrap_to_width(map_title(atlas, dataclasses.replace(view, year=year), state), size, room)
            for year in range(start, end + 1)
        ]
    return {
        "selection": selection_key(state),
        "first": first,
        "last": last,
        "default": atlas.default_year,
        "width": width,
        "epochs": epoch_names(atlas),
        "epoch": epoch_of,
        "z": z,
        "titles": titles,
    }
