"""The map view: memberships (and agreements) in a year as a figure, its rows (the CSV) and its title."""

from __future__ import annotations

import pandas as pd

from dashboard.strings import t
from dashboard.views import evidence, queries
from dashboard.views.figures.change_map import change_title, make_change_figure, make_change_view, summary_text
from dashboard.views.figures.map import APP_PLOT_SIZE, make_map_figure, map_title
from dashboard.views.figures.map_view import label_of, make_map_view
from dashboard.views.figures.theme import MAX_OUTLINES as MAX_COUNTED  # the map says counts for this many
from dashboard.views.figures.theme import Theme
from dashboard.views.legend import counted, join_names
from dashboard.views.names import full_name
from dashboard.viewstate import ViewState

NAME = "map"


def arcs_for(atlas, state: ViewState, year: int) -> list[dict]:
    """Agreement arcs in force in `year`, when the agreements layer is on (built by figures.agreements)."""
    if "agreements" not in state.layers:
        return []
    from dashboard.views.figures.agreements import agreement_arcs

    return agreement_arcs(atlas, year, highlight=state.country)


def make_figure(
    atlas,
    state: ViewState,
    *,
    geojson: dict | str | None = None,
    canvas: tuple[int, int] | None = None,
    theme: Theme | None = None,
) -> dict:
    """The map (or with `compare`, the change map) with its shapes inside, unless `geojson` says where they are.

    `canvas`: the output's (width, height) in pixels, for an export, and `theme` its type; None: the app's screen."""
    year = make_map_view(atlas, state).year
    arcs = arcs_for(atlas, state, year)
    size = plot_size(canvas) if canvas else APP_PLOT_SIZE
    if state.compare is not None:
        return make_change_figure(atlas, state, arcs=arcs, geojson=geojson, plot_size=size, theme=theme)
    return make_map_figure(atlas, state, arcs=arcs, geojson=geojson, plot_size=size, theme=theme)


def plot_size(canvas: tuple[int, int]) -> tuple[int, int]:
    """The map's plot area on an export of this size: the title, legend and caption take about a quarter."""
    width, height = canvas
    return width, round(height * 0.72)


def make_rows(atlas, state: ViewState) -> list[dict]:
    """The map's facts: memberships (with `compare`, their change), and with layer=agreements the agreements in
    force, one row each."""
    view = make_map_view(atlas, state)
    rows = []
    if "processes" in state.layers or view.layer == "organisations":
        rows = (
            change_table_rows(atlas, make_change_view(atlas, state))
            if state.compare is not None
            else table_rows(atlas, view)
        )
    if "processes" in state.layers and state.compare is None and view.layer == "processes" and state.match != "all":
        if len(view.process_ids) <= MAX_COUNTED:
            rows += evidence.count_rows(atlas, view.process_ids, view.year)
    if "agreements" in state.layers:
        rows += agreement_rows(atlas, view.year)
    return rows


def agreements_alone(state: ViewState, view) -> bool:
    """Only the agreements layer is on (and no organisation drawn): title, panel and table speak of agreements."""
    return "processes" not in state.layers and view.layer == "processes"


def agreement_rows(atlas, year: int) -> list[dict]:
    """The agreements in force in `year`, one row each, in the map's row shape (the CSV's and the table's)."""
    from dashboard.views.figures.agreements import agreements_in_force

    rows = []
    for r in agreements_in_force(atlas, year).sort_values(["year", "id"]).itertuples():
        src = atlas.source_for(r.source_id)
        rows.append(
            {
                "layer": "agreements",
                "year": year,
                "iso3": r.iso3_a,
                "country": atlas.country_name(r.iso3_a),
                "partner_iso3": r.iso3_b,
                "partner": atlas.country_name(r.iso3_b),
                "process_id": r.id,
                "process": r.title,
                "role": f"{r.kind} agreement",
                "since": int(r.year),
                "since_basis": "joined",
                "basis": "joined",
                "basis_words": t("basis.joined"),
                "until": "" if pd.isna(r.end_year) else int(r.end_year),
                "source_title": src["title"],
                "source_url": src["url"],
                "source_kind": src.get("kind", ""),
                "note": r.note,
            }
        )
    return rows


def make_title(atlas, state: ViewState) -> str:
    if state.compare is not None:
        return change_title(atlas, make_change_view(atlas, state), state)
    return map_title(atlas, make_map_view(atlas, state), state)


def _spell_fields(atlas, view, r) -> dict:
    """The columns every map row ends with: the spell (since, how known, until) and its source."""
    src = atlas.source_for(r.source_id)
    return {
        "since": int(r.start_year),
        "since_basis": evidence.since_basis(r.basis),
        "basis": r.basis,
        "basis_words": evidence.basis_words(atlas, r.process_id, r.basis)
        if view.layer == "processes"
        else t(f"basis.{r.basis}"),
        "until": "" if pd.isna(r.end_year) else int(r.end_year),
        "source_title": src["title"],
        "source_url": src["url"],
        "source_kind": src.get("kind", ""),
        "note": r.note,
    }


def change_table_rows(atlas, view) -> list[dict]:
    """What the change map shows, one row per state and process in either year; `change` is the state's change
    (its colour on the map), `process_change` that of its part in this process."""
    out = []
    for r in view.rows.itertuples():
        out.append(
            {
                "layer": view.layer,
                "from_year": view.changes.early,
                "to_year": view.changes.late,
                "iso3": r.iso3,
                "country": atlas.country_name(r.iso3),
                "process_id": r.process_id,
                "process": label_of(atlas, r.process_id, short=False),
                "change": r.change,
                "process_change": r.process_change,
                "role_before": r.role_before,
                "role": r.role_after,
                **_spell_fields(atlas, view, r),
            }
        )
    return out


def table_rows(atlas, view) -> list[dict]:
    """Exactly what the map shows, one row per fact (also the CSV export of the map)."""
    out = []
    for r in view.rows.itertuples():
        out.append(
            {
                "layer": view.layer,
                "year": view.year,
                "iso3": r.iso3,
                "country": atlas.country_name(r.iso3),
                "partner_iso3": "",
                "partner": "",
                "process_id": r.process_id,
                "process": label_of(atlas, r.process_id, short=False),
                "role": r.role,
                **_spell_fields(atlas, view, r),
            }
        )
    return out


def _one_sentence(atlas, view) -> str:
    """One process (or organisation): how many members and observers, what it is, and the first members."""
    rows = view.rows
    members = sorted({atlas.country_name(c) for c in rows.loc[rows["role"] == "member", "iso3"]})
    others = rows.loc[rows["role"] != "member", "iso3"].nunique()
    if view.layer == "organisations":
        org = atlas.org_by_id[view.process_ids[0]]
        facts, key, other = (
            {"name": full_name(atlas, org["id"]), "founded": org["founded_year"] or "—"},
            "describe.map.org",
            "associate",
        )
    else:
        proc = atlas.process_by_id[view.process_ids[0]]
        facts = {
            "name": full_name(atlas, proc["id"]),  # the description's first mention: in full, acronym after
            "kind": proc["kind"].capitalize(),
            "region": proc["region"],
            "founded": proc["founded_year"],
        }
        key, other = "describe.map.one", "observer"
    if not len(rows):
        return t(f"{key}_none", year=view.year, **facts)
    text = t(
        key,
        year=view.year,
        members=counted(len(members), "member_state"),
        observers=counted(others, other) if others else t(f"describe.word.no_{other}s"),
        **facts,
    )
    more = t("a11y.more", n="{n}")
    return text + (" " + t("describe.map.one_names", names=join_names(members, limit=6, more=more)) if members else "")


def _memberships_sentence(atlas, state: ViewState, view) -> str:
    if view.mode == "one":
        return _one_sentence(atlas, view)
    title = map_title(atlas, view, state)
    rows = view.rows
    if not len(rows):
        return t("describe.map.none", title=title)
    orgs = view.layer == "organisations"
    active = list(view.process_ids) if orgs else queries.active_processes(atlas, list(view.process_ids), view.year)
    per_state = rows.groupby("iso3")["process_id"].nunique()
    text = t(
        "describe.map.many",
        title=title,
        states=counted(len(per_state), "state"),
        active=counted(len(active), "organisation" if orgs else "process"),
    )
    if 1 < len(active) <= 8:
        text += " " + t("describe.map.all_of", n=counted(int((per_state == len(active)).sum()), "state"))
    top = int(per_state.max())
    leaders = sorted(atlas.country_name(c) for c in per_state[per_state == top].index)
    more = t("a11y.more", n="{n}")
    key = "describe.map.top_orgs" if orgs else "describe.map.top"
    return text + " " + t(key, count=top, names=join_names(leaders, limit=3, more=more))


def _change_sentence(atlas, state: ViewState) -> str:
    """The change map: how many states joined, left, changed role or stayed, and who joined."""
    view = make_change_view(atlas, state)
    joined = [atlas.country_name(c) for c in view.changes.states("joined")]
    text = f"{change_title(atlas, view, state)}: {summary_text(view.changes)}."
    if joined:
        names = join_names(sorted(joined), limit=6, more=t("a11y.more", n="{n}"))
        text += " " + t("describe.map.joined", names=names)
    return text


def describe(atlas, state: ViewState, rows: list[dict] | None = None) -> str:
    """The map in a sentence or three, from what it shows (the text alternative of the chart).

    `rows` (the view's rows) count the agreements when given; the memberships come from the (remembered) view.
    """
    view = make_map_view(atlas, state)
    if "processes" not in state.layers:
        parts = [make_title(atlas, state) + "."]
    elif state.compare is not None:
        parts = [_change_sentence(atlas, state)]
    else:
        parts = [_memberships_sentence(atlas, state, view)]
    if "agreements" in state.layers:
        if rows is None:
            from dashboard.views.figures.agreements import agreements_in_force

            count = len(agreements_in_force(atlas, view.year))
        else:
            count = sum(1 for r in rows if r.get("layer") == "agreements")
        parts.append(t("describe.map.agreements", agreements=counted(count, "agreement")))
    if state.country:
        parts.append(t("describe.map.country", name=atlas.country_name(state.country)))
    return " ".join(parts)


def notes(atlas, state: ViewState) -> list[str]:
    """What the map says in words inside the drawing (its notices), for the HTML beside it."""
    if state.compare is not None:
        return list(make_change_view(atlas, state).notices)
    return list(make_map_view(atlas, state).notices)
