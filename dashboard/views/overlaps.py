"""The overlaps view: which processes share which states in a year, as a matrix sorted so that clusters stand out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.strings import t
from dashboard.views import queries
from dashboard.views.figures.map_view import resolve_year
from dashboard.views.figures.overlaps import make_overlaps_figure
from dashboard.views.figures.theme import Theme
from dashboard.views.legend import join_names
from dashboard.views.names import full_names
from dashboard.viewstate import ViewState, to_path

NAME = "overlaps"
CAPTION_PARAMS = ("role", "year", "processes", "issues", "regions", "kinds")
MAX_MATRIX = 60  # processes in one matrix; beyond it the largest are kept and a notice says so
CSV_COLUMNS = (
    "year",
    "process_a_id",
    "process_a",
    "process_b_id",
    "process_b",
    "iso3",
    "country",
    "role_a",
    "role_b",
    "source_title",
    "source_url",
    "source_b_title",
    "source_b_url",
)


@dataclass(frozen=True)
class Overlaps:
    """The matrix of one year: processes in display order, their member sets and the states each pair shares."""

    year: int
    process_ids: tuple[str, ...]  # in display order (clusters together)
    members: dict[str, frozenset[str]]  # process -> states taking part that year
    shared: np.ndarray  # shared[i, j]: states in both; shared[i, i]: states in the process
    rows: dict[tuple[str, str], dict]  # (process, iso3) -> its membership row (role, source_id)
    notices: tuple[str, ...]

    def similarity(self) -> np.ndarray:
        """Jaccard: shared / in either (1 on the diagonal, 0 where neither has members)."""
        sizes = np.diag(self.shared)
        either = sizes[:, None] + sizes[None, :] - self.shared
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(either > 0, self.shared / either, 0.0)


def make_overlaps(atlas, state: ViewState) -> Overlaps:
    key = state.with_(theme="light", country=None, layers=("processes",), compare=None, match="any")
    return atlas.remember("overlaps", key, lambda: _compute(atlas, state), size=64)


def _compute(atlas, state: ViewState) -> Overlaps:
    year = resolve_year(atlas, state)
    ids = queries.selected_processes(atlas, state)
    frame = queries.memberships_in_year(atlas, ids, year, state.role)
    rows: dict[tuple[str, str], dict] = {}
    for r in frame.sort_values("role").to_dict("records"):  # "member" first: the stronger role is kept
        rows.setdefault((r["process_id"], r["iso3"]), r)
    states: dict[str, set[str]] = {p: set() for p in ids}
    for p, c in rows:
        states[p].add(c)
    members = {p: frozenset(states[p]) for p in ids}
    kept = [p for p in ids if members[p]]
    running = set(queries.active_processes(atlas, ids, year))
    notices = []
    for key, left_out in (
        ("overlaps.notice.not_running", [p for p in ids if p not in running]),
        ("overlaps.notice.no_members", [p for p in ids if p in running and not members[p]]),
    ):
        if left_out:
            names = ", ".join(
                atlas.process_by_id[p]["short_name"] for p in left_out[:8]
            )  # drawn under the matrix: short
            more = t("notice.and_more", n=len(left_out) - 8) if len(left_out) > 8 else ""
            notices.append(t(key, n=len(left_out), year=year, names=names + more))
    if len(kept) > MAX_MATRIX:
        notices.append(t("overlaps.notice.too_many", n=MAX_MATRIX, total=len(kept)))
        kept = sorted(kept, key=lambda p: (-len(members[p]), p))[:MAX_MATRIX]
    shared = _shared_counts([members[p] for p in kept])
    order = seriate(shared)
    kept = [kept[i] for i in order]
    shared = shared[np.ix_(order, order)]
    return Overlaps(year, tuple(kept), {p: members[p] for p in kept}, shared, rows, tuple(notices))


def _shared_counts(sets: list[frozenset[str]]) -> np.ndarray:
    states = sorted(set().union(*sets)) if sets else []
    index = {c: i for i, c in enumerate(states)}
    incidence = np.zeros((len(sets), len(states)), dtype=np.int64)
    for i, s in enumerate(sets):
        incidence[i, [index[c] for c in s]] = 1
    return incidence @ incidence.T


def seriate(shared: np.ndarray) -> list[int]:
    """An order of the processes that puts those sharing many states side by side.

    Average-linkage clustering on Jaccard distance, leaves in optimal order (scipy), ties broken by size so that
    the order is the same on every run.
    """
    n = len(shared)
    if n <= 2:
        return list(range(n))
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    sizes = np.diag(shared).astype(float)
    either = sizes[:, None] + sizes[None, :] - shared
    distance = 1 - np.divide(shared, either, out=np.zeros_like(either, dtype=float), where=either > 0)
    np.fill_diagonal(distance, 0)
    condensed = squareform(np.clip(distance, 0, 1), checks=False)
    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return [int(i) for i in leaves_list(tree)]


def map_link(overlaps: Overlaps, state: ViewState, a: str, b: str) -> str:
    """'/map?process=a,b&match=all&year=Y': the states in both, on the map (one process: its own map)."""
    pair = (a,) if a == b else (a, b)
    view = ViewState(view="map", processes=pair, year=overlaps.year, role=state.role, theme=state.theme)
    return to_path(view.with_(match="all") if a != b else view)


def make_figure(atlas, state: ViewState, canvas: tuple[int, int] | None = None, theme: Theme | None = None) -> dict:
    """The matrix; on an export (`canvas`, `theme` sized for it) its layout height is the least at which every
    cell's number stays at the theme's type."""
    return make_overlaps_figure(
        atlas,
        state,
        make_overlaps(atlas, state),
        theme=theme,
        fit=canvas is not None,
        width=canvas[0] if canvas else None,
    )


def make_title(atlas, state: ViewState) -> str:
    o = make_overlaps(atlas, state)
    return t("title.overlaps", n=len(o.process_ids), year=o.year)


def make_rows(atlas, state: ViewState) -> list[dict]:
    """Each cell's facts: one row per pair of processes and state they share (a with itself: its members)."""
    o = make_overlaps(atlas, state)
    out = []
    for i, a in enumerate(o.process_ids):
        for b in o.process_ids[i:]:
            for iso3 in sorted(o.members[a] & o.members[b]):
                ra, rb = o.rows[(a, iso3)], o.rows[(b, iso3)]
                sa, sb = atlas.source_for(ra["source_id"]), atlas.source_for(rb["source_id"])
                out.append(
                    {
                        "year": o.year,
                        "process_a_id": a,
                        "process_a": atlas.process_by_id[a]["name"],
                        "process_b_id": b,
                        "process_b": atlas.process_by_id[b]["name"],
                        "iso3": iso3,
                        "country": atlas.country_name(iso3),
                        "role_a": ra["role"],
                        "role_b": rb["role"],
                        "source_title": sa["title"],
                        "source_url": sa["url"],
                        "source_b_title": sb["title"],
                        "source_b_url": sb["url"],
                    }
                )
    return out


def describe(atlas, state: ViewState, rows: list[dict] | None = None) -> str:
    """The matrix in words: how many processes, the pair sharing the most states, and processes sharing none."""
    o = make_overlaps(atlas, state)
    title = make_title(atlas, state)
    if not o.process_ids:
        return f"{title}. " + t("overlaps.empty", year=o.year)
    n = len(o.process_ids)
    pairs = [(int(o.shared[i, j]), i, j) for i in range(n) for j in range(i + 1, n) if o.shared[i, j] > 0]
    name = full_names(atlas, o.process_ids)  # running text: each process's first mention, spelled out
    if not pairs:
        return f"{title}. " + t("overlaps.no_pairs", year=o.year)
    top, i, j = max(pairs, key=lambda p: (p[0], -p[1], -p[2]))
    alone = [name[k] for k in range(n) if not any(o.shared[k, m] for m in range(n) if m != k)]
    text = f"{title}. " + t("describe.overlaps", pairs=len(pairs), a=name[i], b=name[j], n=top)
    if alone:
        text += " " + t("describe.overlaps.alone", names=join_names(alone, limit=4, more=t("a11y.more", n="{n}")))
    return text


def notes(atlas, state: ViewState) -> list[str]:
    return [t("overlaps.reading"), *make_overlaps(atlas, state).notices]
