"""The timeline's items: processes, agreements, organisations and milestones as one list, and the view's filters."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.strings import t
from dashboard.views.names import spelled_out
from dashboard.viewstate import ViewState

# Lanes top to bottom; each names the `kind` filter values it holds (process kinds, then the other lane kinds).
LANES = (
    ("bilateral", ("bilateral",)),
    ("regional", ("regional",)),
    ("interregional", ("interregional", "global")),
    ("organisation", ("organisation",)),
    ("milestone", ("milestone",)),
)
PROCESS_KINDS = ("regional", "interregional", "global")
# Agreements carry no issue links in the data; their issue area follows from their kind (said so in the hover).
AGREEMENT_ISSUES = {
    "recruitment": ("temporary-permanent",),
    "labour": ("temporary-permanent",),
    "social-security": ("migrant-rights",),
    "readmission": ("return-readmission",),
}


@dataclass(frozen=True)
class Item:
    """One thing on the timeline. Years are calendar years; `end` None means still running (or not recorded)."""

    key: str  # "process:bali", "agreement:deu-ita-1955", "org:iom", "milestone:icrmw-1990"
    lane: str  # one of LANES
    kind: str  # the `kind` filter value: a process kind, "bilateral", "organisation", "milestone"
    subkind: str  # agreement kind or milestone kind; process kind for processes
    name: str  # the full name (hover, details)
    label: str  # the label drawn on the chart: a short name; a milestone's title in full
    start: int | None
    end: int | None
    ongoing: bool  # a bar runs to today
    issues: tuple[str, ...]
    region: str | None
    source_id: str
    successor: str | None = None
    parties: tuple[str, ...] = ()
    detail: str = ""  # members count (processes); kept short
    acronym: str = ""  # a process's or organisation's short name, which `spelled` gives after the name

    @property
    def id(self) -> str:
        return self.key.split(":", 1)[1]

    @property
    def spelled(self) -> str:
        """The name as hover, details and running text give it: 'Regional Conference on Migration (RCM; …)'."""
        return spelled_out(self.name, self.acronym) if self.acronym else self.name


def abbreviate(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis; keep a short trailing '(Name)', which is how titles give short names.

    >>> abbreviate("Protocol against the Smuggling of Migrants by Land, Sea and Air (Palermo)", 42)
    'Protocol against the Smuggling… (Palermo)'
    """
    if len(text) <= limit:
        return text
    tail = ""
    if text.endswith(")") and "(" in text:
        head, _, paren = text.rpartition("(")
        if len(paren) <= limit // 2:
            text, tail = head.rstrip(), f" ({paren}"
    room = limit - len(tail) - 1
    cut = text[: room + 1].rsplit(" ", 1)[0] if len(text) > room else text
    return cut.rstrip(" ,;:–-") + ("…" if len(cut) < len(text) else "") + tail


def _member_counts(atlas) -> dict[str, tuple[int, int, int]]:
    """Per process: (year, members, observers) in its last verified year (or its last year)."""
    procs = atlas.processes
    last = atlas.year_range[1]
    ref = procs["ended_year"].fillna(procs["members_known_through"]).fillna(last)
    ref = pd.concat([ref, procs["founded_year"]], axis=1).max(axis=1).astype(int)
    years = dict(zip(procs["id"], ref))
    m = atlas.memberships.assign(ref=atlas.memberships["process_id"].map(years))
    alive = m[(m["start_year"] <= m["ref"]) & (m["end_year"].isna() | (m["end_year"] >= m["ref"]))]
    counts = alive.groupby(["process_id", "role"])["iso3"].nunique()
    return {
        pid: (int(y), int(counts.get((pid, "member"), 0)), int(counts.get((pid, "observer"), 0)))
        for pid, y in years.items()
    }


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def build_items(atlas) -> list[Item]:
    """Every item the timeline can show, in lane order (computed once per atlas and language: names differ)."""
    return atlas.per_language("timeline.items", lambda: _build_items(atlas))


def _build_items(atlas) -> list[Item]:
    items: list[Item] = []
    for r in atlas.agreements.sort_values(["year", "id"]).itertuples():
        items.append(
            Item(
                f"agreement:{r.id}",
                "bilateral",
                "bilateral",
                r.kind,
                r.title,
                f"{r.iso3_a}–{r.iso3_b}",
                int(r.year),
                _int(r.end_year),
                False,
                AGREEMENT_ISSUES.get(r.kind, ()),
                None,
                r.source_id,
                parties=(r.iso3_a, r.iso3_b),
            )
        )
    counts = _member_counts(atlas)
    for r in atlas.processes.sort_values(["founded_year", "id"]).itertuples():
        year, members, observers = counts[r.id]
        detail = (
            t("timeline.hover.members", members=members, observers=observers, year=year)
            if members + observers
            else t("timeline.hover.no_members")
        )
        lane = "regional" if r.kind == "regional" else "interregional"
        items.append(
            Item(
                f"process:{r.id}",
                lane,
                r.kind,
                r.kind,
                r.name,
                abbreviate(r.short_name, 22),
                int(r.founded_year),
                _int(r.ended_year),
                pd.isna(r.ended_year),
                tuple(sorted(atlas.issues_of_process.get(r.id, ()))),
                r.region,
                r.source_id,
                successor=f"process:{r.successor_id}" if r.successor_id else None,
                detail=detail,
                acronym=r.short_name,
            )
        )
    mandates = atlas.mandates.groupby("org_id")["issue_id"].agg(lambda s: tuple(sorted(set(s)))).to_dict()
    for r in atlas.organisations.sort_values(["founded_year", "id"]).itertuples():
        items.append(
            Item(
                f"org:{r.id}",
                "organisation",
                "organisation",
                "organisation",
                r.name,
                abbreviate(r.short_name, 16),
                _int(r.founded_year),
                None,
                False,
                mandates.get(r.id, ()),
                None,
                r.source_id,
                acronym=r.short_name,
            )
        )
    for r in atlas.milestones.sort_values(["year", "id"]).itertuples():
        issues = tuple(i for i in (r.issue_ids or "").split(";") if i)
        items.append(
            Item(
                f"milestone:{r.id}",
                "milestone",
                "milestone",
                r.kind,
                r.title,
                r.title,  # in full: drawn on up to three lines (timeline_layout.place_label), never cut
                int(r.year),
                _int(r.in_force_year),
                False,
                issues,
                None,
                r.source_id,
            )
        )
    return items


def item_by_key(atlas) -> dict[str, Item]:
    return {i.key: i for i in build_items(atlas)}


def select_items(atlas, state: ViewState) -> list[Item]:
    """The items a timeline view shows: issue areas, regions (processes only), kinds, named processes and orgs."""
    wanted = set(state.issues)
    out = []
    for item in build_items(atlas):
        if wanted and not wanted & set(item.issues):
            continue
        if state.kinds and item.kind not in state.kinds:
            continue
        if item.lane in ("regional", "interregional"):
            if state.regions and item.region not in state.regions:
                continue
            if state.processes and item.id not in state.processes:
                continue
        if item.lane == "organisation" and state.orgs and item.id not in state.orgs:
            continue
        out.append(item)
    return out


PROCESS_BARS = 80  # the timeline draws at most this many processes, the earliest founded; a note says so


def is_process(item: Item) -> bool:
    return item.lane in ("regional", "interregional")


def drawn_items(items: list[Item], limit: int | None = None) -> tuple[list[Item], int]:
    """(the items the drawing places, how many processes it leaves out): the `limit` (PROCESS_BARS) earliest
    founded processes of those dated, and every other dated item. The list grows with the data; the drawing
    stays readable."""
    limit = PROCESS_BARS if limit is None else limit
    dated = [i for i in items if i.start is not None]
    processes = sorted((i for i in dated if is_process(i)), key=lambda i: (i.start, i.key))
    if len(processes) <= limit:
        return dated, 0
    kept = {i.key for i in processes[:limit]}
    return [i for i in dated if not is_process(i) or i.key in kept], len(processes) - limit


def few_processes(atlas) -> bool:
    """Whether the data has no more processes than the drawing shows at most."""
    return sum(1 for i in build_items(atlas) if is_process(i)) <= PROCESS_BARS


def alive_in(item: Item, year: int, last: int) -> bool:
    """Whether the item runs in `year` (processes, agreements); points are 'alive' in their own years."""
    if item.start is None:
        return False
    if item.lane == "milestone":
        return year in (item.start, item.end)
    end = item.end if item.end is not None else last
    return item.start <= year <= end
