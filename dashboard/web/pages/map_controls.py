"""The map page's controls: processes by kind and region, group quick-select, issues, role, layers, frame, theme."""

from __future__ import annotations

from dash import dcc, html

from dashboard.strings import t
from dashboard.viewstate import LAYERS, ROLES, THEMES, ZOOMS, ViewState
from dashboard.web import ids
from dashboard.web.controls import choice_group
from dashboard.web.pages.map_change import match_control


def process_options(atlas) -> list[dict]:
    """Every process as an option of the processes dropdown (computed once: it grows with the data)."""

    def compute() -> list[dict]:
        procs = atlas.processes.sort_values(["kind", "region", "founded_year"])
        return [
            {
                "label": f"{p.short_name} — {p.name} ({p.region}, {p.kind}, {p.founded_year})",
                "value": p.id,
                "search": f"{p.name} {p.short_name} {p.region} {p.kind}",
            }
            for p in procs.itertuples()
        ]

    return atlas.remember("process_options", None, compute, size=1)


def chosen_options(atlas, state: ViewState) -> list[dict]:
    """The options of the processes chosen: all the first paint needs (the rest follow it, map.py)."""
    return [o for o in process_options(atlas) if o["value"] in state.processes]


def _group_options(atlas) -> list[dict]:
    regions = sorted(set(atlas.processes["region"]))
    kinds = ("regional", "interregional", "global")
    return [{"label": f"Region: {r}", "value": f"region:{r}"} for r in regions] + [
        {"label": f"Kind: {k}", "value": f"kind:{k}"} for k in kinds
    ]


def _year_marks(first: int, last: int) -> dict:
    marks = {y: str(y) for y in range(first + 5, last - 7, 10)}
    marks[last] = str(last)
    return marks


def controls_panel(atlas, state: ViewState):
    """The column of controls beside the map, set to the state; of the processes, only those chosen."""
    return html.Div(
        [
            html.Label(t("map.processes"), htmlFor=ids.MAP_PROCESSES, id=f"{ids.MAP_PROCESSES}-label"),
            dcc.Dropdown(
                id=ids.MAP_PROCESSES,
                options=chosen_options(atlas, state),
                value=list(state.processes),
                multi=True,
                placeholder=t("map.processes_placeholder"),
                searchable=True,
            ),
            html.Label(
                t("a11y.group"), htmlFor=ids.MAP_GROUP, id=f"{ids.MAP_GROUP}-label", className="visually-hidden"
            ),
            dcc.Dropdown(
                id=ids.MAP_GROUP,
                options=_group_options(atlas),
                value=None,
                placeholder=t("map.select_group"),
                clearable=True,
                className="mt-1",
            ),
            html.Label(t("map.issues"), htmlFor=ids.MAP_ISSUES, id=f"{ids.MAP_ISSUES}-label", className="mt-2"),
            dcc.Dropdown(
                id=ids.MAP_ISSUES,
                options=[{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()],
                value=list(state.issues),
                multi=True,
                placeholder=t("map.issues_placeholder"),
            ),
            choice_group(
                ids.MAP_ROLE,
                t("map.role"),
                [{"label": t(f"map.role.{r}"), "value": r} for r in ROLES],
                state.role,
                inputClassName="me-1",
            ),
            *match_control(state),
            choice_group(
                ids.MAP_LAYERS,
                t("map.layers"),
                [{"label": t(f"map.layer.{layer}"), "value": layer} for layer in LAYERS],
                list(state.layers),
                multi=True,
                inputClassName="me-1",
            ),
            choice_group(
                ids.MAP_ZOOM,
                t("map.zoom"),
                [{"label": t(f"map.zoom.{z}"), "value": z} for z in ZOOMS],
                state.zoom,
                inputClassName="me-1",
            ),
            choice_group(
                ids.MAP_THEME,
                t("map.theme"),
                [{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES],
                state.theme,
                inputClassName="me-1",
            ),
        ],
        className="atlas-controls",
    )
