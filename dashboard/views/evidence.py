"""What the evidence says beyond the drawn spells: counts without names, how each spell is known, who is not drawn."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from dashboard.strings import t

BASES = ("founding", "joined", "constitutive", "attended", "confirmed")
UNKNOWN_JOIN = ("attended", "confirmed")  # the start is only the earliest evidence, not a join year
KIND_ORDER = {"primary": 0, "secondary": 1, "mirror": 2}


def short_publisher(publisher: str) -> str:
    """'International Organization for Migration (IOM)' -> 'IOM'; 'piglix (Wikipedia mirror)' -> 'piglix'."""
    match = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", publisher or "")
    if not match:
        return (publisher or "").strip()
    name, inside = match.groups()
    return inside if re.fullmatch(r"[A-Z][A-Za-z&-]{1,11}", inside) else name


def since_basis(basis: str) -> str:
    """The older two-value column of the map CSV: 'joined' when the start is a join year, else 'confirmed'."""
    if basis == "eligible":
        return ""  # not a membership: neither a join year nor a listing
    return "confirmed" if basis in UNKNOWN_JOIN else "joined"


def parent_org(atlas, process_id: str) -> str | None:
    """The organisation whose member states are, by the process's own rule, its members (constitutive.csv)."""
    rules = atlas.remember(
        "constitutive", "all", lambda: dict(zip(atlas.constitutive.process_id, atlas.constitutive.org_id))
    )
    return rules.get(process_id)


def open_to_org(atlas, process_id: str) -> str | None:
    """The organisation to all of whose member states the process is open (open_to.csv: HLD 2006, GFMD: the UN)."""
    rules = atlas.remember("open_to", "all", lambda: dict(zip(atlas.open_to.process_id, atlas.open_to.org_id)))
    return rules.get(process_id)


def eligible_rows(atlas, process_id: str, year: int, drawn: set[str]) -> pd.DataFrame:
    """For a process open to all the member states of an organisation, in a year it runs: those member states that
    are not drawn as members or observers, as rows with role and basis `eligible` (never members). Else none."""
    org = open_to_org(atlas, process_id)
    proc = atlas.process_by_id[process_id]
    ended = proc["ended_year"]
    if org is None or proc["founded_year"] > year or (pd.notna(ended) and ended < year):
        return pd.DataFrame()
    rule = atlas.open_to[atlas.open_to.process_id == process_id].iloc[0]
    m = atlas.org_memberships
    members = m[(m["org_id"] == org) & (m["role"] == "member") & (m["start_year"] <= year)]
    members = members[members["end_year"].isna() | (members["end_year"] >= year)]
    members = members[~members["iso3"].isin(drawn)].sort_values("iso3")
    name = atlas.org_by_id[org]["short_name"]
    return pd.DataFrame(
        {
            "process_id": process_id,
            "iso3": members["iso3"].to_numpy(),
            "role": "eligible",
            "start_year": [max(int(s), int(proc["founded_year"])) for s in members["start_year"]],
            "end_year": pd.array(
                [e if pd.isna(ended) else (ended if pd.isna(e) else min(e, ended)) for e in members["end_year"]],
                dtype="Int64",
            ),
            "source_id": rule["source_id"],
            "note": [
                f"{name} member state in {year} ({s}); the process is open to all {name} member states "
                f"({rule['source_id']}): eligible, not a member"
                for s in members["source_id"]
            ],
            "basis": "eligible",
        }
    )


def basis_words(atlas, process_id: str, basis: str) -> str:
    """'founding meeting', 'present at a meeting', 'as an SADC member state (the process's rule)', ..."""
    if basis == "constitutive":
        org = atlas.org_by_id.get(parent_org(atlas, process_id) or "", {})
        return t("basis.constitutive", org=org.get("short_name", "?"))
    if basis == "eligible":
        org = atlas.org_by_id.get(open_to_org(atlas, process_id) or "", {})
        return t("basis.eligible", org=org.get("short_name", "?"))
    return t(f"basis.{basis}")


@dataclass(frozen=True)
class Count:
    """A number of states (or delegations) a source gives for a meeting, said in words."""

    process_id: str
    meeting_id: str
    year: int
    count: int
    qualifier: str
    unit: str
    source_id: str
    text: str  # '33 countries took part (Budapest, 1993-02)'


def _count_text(atlas, r) -> str:
    qual = t(f"count.qualifier.{r.qualifier}") if r.qualifier in ("about", "at-least") else ""
    key = f"count.{'expected' if r.qualifier == 'expected' else 'took_part'}.{r.unit}"
    where = ", ".join(x for x in (r.place, r.date) if x)
    return t(key, n=f"{qual}{r.count}", where=where)


def counts_table(atlas) -> pd.DataFrame:
    """participation_counts joined to their meetings: process_id, year, kind of source, in the order to prefer."""

    def build() -> pd.DataFrame:
        c = atlas.participation_counts.merge(
            atlas.meetings[["id", "process_id", "date", "place"]], left_on="meeting_id", right_on="id"
        )
        c["year"] = c["date"].str[:4].astype(int)
        kinds = {s: KIND_ORDER.get(atlas.source_for(s).get("kind", ""), 3) for s in set(c["source_id"])}
        units = {"delegations": 1, "member-states": 2}  # a count of states before one that mixes in organisations
        c["rank"] = [
            (q == "expected", units.get(u, 0), kinds[s]) for q, u, s in zip(c["qualifier"], c["unit"], c["source_id"])
        ]
        return c.sort_values(["process_id", "year", "rank"], kind="stable").reset_index(drop=True)

    return atlas.remember("counts_table", "all", build)


def named_meeting_years(atlas) -> dict[str, dict[int, int]]:
    """{process: {year: the latest year up to it with a meeting whose participants a source names}}."""

    def build() -> dict[str, dict[int, int]]:
        p = atlas.participants[atlas.participants["role"] != "participant"]
        m = atlas.meetings[atlas.meetings["id"].isin(set(p["meeting_id"]))]
        out: dict[str, dict[int, int]] = {}
        first, last = atlas.year_range
        for pid, dates in m.groupby("process_id")["date"]:
            years = sorted({int(d[:4]) for d in dates})
            out[pid] = {y: max((x for x in years if x <= y), default=0) for y in range(first, last + 1)}
        return out

    return atlas.remember("named_meeting_years", "all", build)


def _counts_by_process(atlas) -> dict[str, pd.DataFrame]:
    """counts_table() split by process once, so that a map's notices do not scan every count."""
    return atlas.remember("counts_by_process", "all", lambda: dict(tuple(counts_table(atlas).groupby("process_id"))))


def unknown_joins(atlas) -> dict[str, list[tuple[str, str, int]]]:
    """Per process, (iso3, role, start year) of its memberships whose start is only the earliest evidence (split
    once per atlas)."""

    def build() -> dict[str, list[tuple[str, str, int]]]:
        m = atlas.memberships
        rows = m[m["basis"].isin(UNKNOWN_JOIN)]
        out: dict[str, list[tuple[str, str, int]]] = {}
        for pid, iso3, role, start in zip(rows["process_id"], rows["iso3"], rows["role"], rows["start_year"]):
            out.setdefault(pid, []).append((iso3, role, int(start)))
        return out

    return atlas.remember("unknown_joins", "all", build)


def count_for_year(atlas, process_id: str, year: int) -> Count | None:
    """The count to say for a process in `year`: of that year's meetings, else of the latest earlier one
    (an actual count before an announced one, a primary source before others). Remembered: every map asks."""
    return atlas.remember("count_for_year", (process_id, year), lambda: _count_for_year(atlas, process_id, year))


def _count_for_year(atlas, process_id: str, year: int) -> Count | None:
    rows = _counts_by_process(atlas).get(process_id)
    if rows is None:
        return None
    rows = rows[rows["year"] <= year]
    if rows.empty:
        return None
    # The first row of the latest year (the table is in the order to prefer), read by field name.
    r = SimpleNamespace(**rows.loc[rows["year"].idxmax()].to_dict())
    if named_meeting_years(atlas).get(process_id, {}).get(year, 0) > r.year:
        return None  # a later meeting names who took part: the map shows that, not an older number
    return Count(process_id, r.meeting_id, int(r.year), int(r.count), r.qualifier, r.unit, r.source_id,
                 _count_text(atlas, r))  # fmt: skip


def count_notice(atlas, process_id: str, year: int, shown: int) -> str | None:
    """'Budapest Process: 33 countries took part (Budapest, 1993-02; source); the map shows the 5 the sources name.'"""
    count = count_for_year(atlas, process_id, year)
    name = atlas.process_by_id[process_id]["short_name"]
    if count is None:
        return None if shown else t("notice.no_names", name=name, year=year)
    src = atlas.source_for(count.source_id)
    if not shown:
        tail = t("notice.count_unnamed")
    elif shown > count.count and count.qualifier != "at-least":
        tail = t("notice.count_more", n=shown)  # sources disagree: the names outnumber that count
    else:
        tail = t("notice.count_named", n=shown)
    return t("notice.count", name=name, text=count.text, source=short_publisher(src["publisher"]), tail=tail)


def not_drawn_notice(atlas, process_id: str, year: int, drawn: set[str], role: str = "all") -> str | None:
    """'Budapest Process: 52 states listed from 2003 to 2017 have no known join year and are not drawn for 1995.'"""
    key = (process_id, year, frozenset(drawn), role)
    return atlas.remember("not_drawn", key, lambda: _not_drawn_notice(atlas, process_id, year, drawn, role))


def _not_drawn_notice(atlas, process_id: str, year: int, drawn: set[str], role: str) -> str | None:
    first: dict[str, int] = {}  # each state not drawn: the first year a source lists it
    for iso3, spell_role, start in unknown_joins(atlas).get(process_id, ()):
        if start > year and (role == "all" or spell_role == role) and iso3 not in drawn:
            first[iso3] = min(start, first.get(iso3, start))
    if not first:
        return None
    a, b = min(first.values()), max(first.values())
    when = t("notice.listed_by", year=a) if a == b else t("notice.listed_between", first=a, last=b)
    name = atlas.process_by_id[process_id]["short_name"]
    key = "notice.not_drawn_one" if len(first) == 1 else "notice.not_drawn"
    return t(key, name=name, n=len(first), when=when, year=year)


def count_rows(atlas, process_ids, year: int) -> list[dict]:
    """The counts the map says in words, as rows of its table and CSV (no state: the sources name none)."""
    out = []
    for pid in process_ids:
        count = count_for_year(atlas, pid, year)
        if count is None:
            continue
        src = atlas.source_for(count.source_id)
        out.append(
            {
                "layer": "counts",
                "year": year,
                "iso3": "",
                "country": "",
                "partner_iso3": "",
                "partner": "",
                "process_id": pid,
                "process": atlas.process_by_id[pid]["name"],
                "role": "count",
                "since": count.year,
                "since_basis": "",
                "basis": "count",
                "basis_words": t("role.count"),
                "until": "",
                "source_title": src["title"],
                "source_url": src["url"],
                "source_kind": src.get("kind", ""),
                "note": count.text,
            }
        )
    return out
