"""The /map page: controls, the map, the process panel, the country profile and the data table."""

from __future__ import annotations

import json
from html import unescape as html_unescape
from urllib.parse import urlencode

import pandas as pd
from flask import Response
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import ids, queries
from dashboard.figures.map import make_map_figure, make_map_view
from dashboard.figures.profile import make_profile_figure
from dashboard.pages.export_controls import export_controls, graph_config
from dashboard.pages.patching import figure_diff
from dashboard.strings import t
from dashboard.viewstate import LAYERS, ROLES, THEMES, Catalog, ViewState, parse_view, to_query

TABLE_PAGE = 25


def _process_options(atlas) -> list[dict]:
    procs = atlas.processes.sort_values(["kind", "region", "founded_year"])
    return [{"label": f"{p.short_name} — {p.name} ({p.region}, {p.kind}, {p.founded_year})", "value": p.id,
             "search": f"{p.name} {p.short_name} {p.region} {p.kind}"} for p in procs.itertuples()]


def _group_options(atlas) -> list[dict]:
    regions = sorted(set(atlas.processes["region"]))
    kinds = ("regional", "interregional", "global")
    return ([{"label": f"Region: {r}", "value": f"region:{r}"} for r in regions]
            + [{"label": f"Kind: {k}", "value": f"kind:{k}"} for k in kinds])


def _year_marks(first: int, last: int) -> dict:
    marks = {y: str(y) for y in range(first + 5, last - 7, 10)}
    marks[last] = str(last)
    return marks


def arcs_for(atlas, state: ViewState, year: int) -> list[dict]:
    """Agreement arcs in force in `year`, when the agreements layer is on (built by figures.agreements)."""
    if "agreements" not in state.layers:
        return []
    from dashboard.figures.agreements import agreement_arcs
    return agreement_arcs(atlas, year, highlight=state.country)


FIGURE_CACHE_SIZE = 64
GEOMETRY_URL = "/geometry/countries.geojson"   # served by register(); plotly.js fetches it once per page


def build_figure(atlas, state: ViewState) -> dict:
    """The map figure for a state (remembered, so that the previous state's figure is at hand for a patch)."""
    def compute() -> dict:
        view = make_map_view(atlas, state)
        return make_map_figure(atlas, state, view=view, arcs=arcs_for(atlas, state, view.year), geojson=GEOMETRY_URL)
    return atlas.remember("map_figures", state, compute, size=FIGURE_CACHE_SIZE)


def make_figure(atlas, state: ViewState) -> dict:
    """The map with its shapes inside (exports and embeds draw it without the app's geometry route)."""
    view = make_map_view(atlas, state)
    return make_map_figure(atlas, state, view=view, arcs=arcs_for(atlas, state, view.year))


def make_rows(atlas, state: ViewState) -> list[dict]:
    """The map's facts: memberships, and with layer=agreements the agreements in force, one row each."""
    view = make_map_view(atlas, state)
    rows = table_rows(atlas, view) if "processes" in state.layers else []
    if "agreements" in state.layers:
        from dashboard.figures.agreements import agreements_in_force
        for r in agreements_in_force(atlas, view.year).sort_values(["year", "id"]).itertuples():
            src = atlas.source_for(r.source_id)
            rows.append({"layer": "agreements", "year": view.year, "iso3": r.iso3_a, "country": atlas.country_name(r.iso3_a),
                         "partner_iso3": r.iso3_b, "partner": atlas.country_name(r.iso3_b), "process_id": r.id,
                         "process": r.title, "role": f"{r.kind} agreement", "since": int(r.year), "since_basis": "joined",
                         "until": "" if pd.isna(r.end_year) else int(r.end_year), "source_title": src["title"],
                         "source_url": src["url"], "note": r.note})
    return rows


def make_title(atlas, state: ViewState) -> str:
    return html_unescape(build_figure(atlas, state)["layout"]["title"]["text"])   # the figure holds it escaped for plotly


def figure_patch(atlas, figure: dict, old: ViewState):
    """What differs from the figure of `old` (what the browser shows): a year step redraws the country fills,
    not the outlines, arcs and markers that stayed the same. The geometry is a URL, so it never travels."""
    return figure_diff(build_figure(atlas, old), figure)


def _source_link(atlas, source_id: str, label: str | None = None):
    src = atlas.source_for(source_id)
    return html.A(label or src["title"], href=src["url"], target="_blank", rel="noopener noreferrer",
                  title=f"{src['publisher']}, accessed {src.get('accessed', '')}")


def secretariat_text(atlas, proc: dict) -> str:
    """The secretariat named in processes.csv, else the organisations recorded as secretariat in org_roles.csv."""
    if proc["secretariat"]:
        org = atlas.org_by_id[proc["secretariat"]]
        return f"{org['name']} ({org['hq_city']})" if org["hq_city"] else org["name"]
    roles = atlas.org_roles[(atlas.org_roles["process_id"] == proc["id"]) & (atlas.org_roles["role"] == "secretariat")]
    names = [atlas.org_by_id[r.org_id]["short_name"] + (f" ({r.start_year}–{'' if pd.isna(r.end_year) else r.end_year})"
             if pd.notna(r.start_year) else "") for r in roles.itertuples()]
    return ", ".join(names) or t("panel.none")


def process_panel(atlas, state: ViewState, view) -> html.Div:
    if view.mode != "one":
        return html.Div(html.P(t("panel.pick_one"), className="text-muted"), className="atlas-panel")
    proc = atlas.process_by_id[view.process_ids[0]]
    secretariat = secretariat_text(atlas, proc)
    counts = view.rows.groupby("role")["iso3"].nunique().to_dict()
    changes = queries.membership_changes(atlas, proc["id"])
    issues = sorted(atlas.issues_of_process.get(proc["id"], ()))
    successor = atlas.process_by_id.get(proc["successor_id"]) if proc["successor_id"] else None
    cited = [proc["source_id"]] + sorted(set(view.rows["source_id"]) - {proc["source_id"]})
    items = [
        (t("panel.kind"), f"{proc['kind']}, {proc['region']}"),
        (t("panel.founded"), str(proc["founded_year"])),
        (t("panel.ended"), str(proc["ended_year"]) if pd.notna(proc["ended_year"]) else "—"),
        (t("panel.secretariat"), secretariat),
        (t("panel.count", year=view.year), t("panel.count_value", members=counts.get("member", 0),
                                             observers=counts.get("observer", 0))),
        (t("panel.issues"), ", ".join(atlas.issue_by_id[i]["label"] for i in issues) or "—"),
    ]
    if successor:
        items.append((t("panel.successor"), successor["name"]))
    if proc["note"]:
        items.append(("Note", proc["note"]))
    return html.Div([
        html.H2(proc["name"], className="h5"),
        html.Dl([part for k, v in items for part in (html.Dt(k), html.Dd(v))], className="atlas-dl"),
        html.H3(t("panel.changes"), className="h6"),
        html.Ul([html.Li(" ".join(filter(None, [
            t("panel.joined", year=c.year, names=", ".join(atlas.country_name(x) for x in c.joined)) if c.joined else "",
            t("panel.confirmed", year=c.year, names=", ".join(atlas.country_name(x) for x in c.confirmed))
            if c.confirmed else "",
            t("panel.left", last=c.year - 1, names=", ".join(atlas.country_name(x) for x in c.left)) if c.left else ""])))
            for c in changes], className="atlas-changes"),
        html.H3(t("panel.sources"), className="h6"),
        html.Ul([html.Li(_source_link(atlas, s)) for s in cited]),
    ], className="atlas-panel", id="process-panel")


def country_profile(atlas, state: ViewState):
    if not state.country:
        return None
    code = state.country
    m = atlas.memberships[atlas.memberships["iso3"] == code]
    a = atlas.agreements[(atlas.agreements["iso3_a"] == code) | (atlas.agreements["iso3_b"] == code)]
    issue_ids = sorted({i for pid in set(m["process_id"]) for i in atlas.issues_of_process.get(pid, ())})
    return html.Section([
        html.Div([html.H2(t("profile.title", name=atlas.country_name(code)), className="h5"),
                  html.Button("×", id=ids.MAP_CLOSE_PROFILE, className="btn btn-sm btn-outline-secondary",
                              title=t("profile.close"), **{"aria-label": t("profile.close")})],
                 className="d-flex justify-content-between"),
        html.H3(t("profile.memberships"), className="h6"),
        dcc.Graph(figure=make_profile_figure(atlas, code, theme=state.theme), config={"displayModeBar": False},
                  style={"height": f"{max(120, 28 * m['process_id'].nunique() + 60)}px"}) if len(m) else html.P(t("profile.none")),
        html.Ul([html.Li([f"{atlas.process_by_id[r.process_id]['short_name']}: {t('role.' + r.role)} "
                          f"{r.start_year}–{'' if pd.isna(r.end_year) else r.end_year}"
                          + (f" ({t('profile.confirmed', year=r.start_year)})" if r.start_basis == "confirmed" else "")
                          + " · ",
                          _source_link(atlas, r.source_id, "source")]) for r in m.sort_values("start_year").itertuples()]),
        html.H3(t("profile.agreements"), className="h6"),
        html.Ul([html.Li([f"{r.year}: {r.title} ({atlas.country_name(r.iso3_b if r.iso3_a == code else r.iso3_a)}) · ",
                          _source_link(atlas, r.source_id, "source")]) for r in a.sort_values("year").itertuples()])
        if len(a) else html.P(t("profile.none")),
        html.H3(t("profile.issues"), className="h6"),
        html.Ul([html.Li(profile_issue(atlas, code, i)) for i in issue_ids]) if issue_ids else html.P(t("profile.none")),
    ], className="atlas-profile", id="country-profile", **{"aria-live": "polite"})


def profile_issue(atlas, code: str, issue_id: str) -> list:
    """'Asylum — via Budapest Process (source), Puebla (source)': each process that brings the issue, with its source."""
    m = atlas.memberships[atlas.memberships["iso3"] == code]
    pi = atlas.process_issues
    rows = pi[(pi["issue_id"] == issue_id) & pi["process_id"].isin(set(m["process_id"]))].sort_values("process_id")
    parts: list = [atlas.issue_by_id[issue_id]["label"], " — via "]
    for n, r in enumerate(rows.itertuples()):
        parts += ([", "] if n else []) + [atlas.process_by_id[r.process_id]["short_name"], " (",
                                          _source_link(atlas, r.source_id, "source"), ")"]
    return parts


def table_rows(atlas, view) -> list[dict]:
    """Exactly what the map shows, one row per fact (also the CSV export of the map)."""
    out = []
    for r in view.rows.itertuples():
        src = atlas.source_for(r.source_id)
        out.append({"layer": "processes", "year": view.year, "iso3": r.iso3, "country": atlas.country_name(r.iso3),
                    "partner_iso3": "", "partner": "", "process_id": r.process_id, "process": atlas.process_by_id[r.process_id]["name"],
                    "role": r.role, "since": int(r.start_year), "since_basis": r.start_basis,
                    "until": "" if pd.isna(r.end_year) else int(r.end_year),
                    "source_title": src["title"], "source_url": src["url"], "note": r.note})
    return out


def data_table(atlas, view, page: int = 0) -> html.Div:
    rows = table_rows(atlas, view)
    pages = max(1, -(-len(rows) // TABLE_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = rows[page * TABLE_PAGE:(page + 1) * TABLE_PAGE]
    if not rows:
        return html.P(t("map.no_rows", year=view.year))
    head = [t("map.table.country"), t("map.table.process"), t("map.table.role"), t("map.table.since"), t("map.table.source")]
    return html.Div([
        html.Table([
            html.Caption(t("map.table_caption", n=len(rows)) + (f" — page {page + 1} of {pages}" if pages > 1 else "")),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody([html.Tr([html.Td(r["country"]), html.Td(r["process"]), html.Td(t("role." + r["role"])),
                                 html.Td(t("table.by_year", year=r["since"]) if r["since_basis"] == "confirmed"
                                         else r["since"]), html.Td(html.A(r["source_title"], href=r["source_url"],
                                                                      target="_blank", rel="noopener noreferrer"))])
                        for r in shown]),
        ], className="table table-sm atlas-table"),
        html.Div([html.Button("‹ Previous", id={"type": "map-page", "step": -1}, className="btn btn-sm btn-outline-secondary",
                              disabled=page == 0),
                  html.Button("Next ›", id={"type": "map-page", "step": 1}, className="btn btn-sm btn-outline-secondary",
                              disabled=page >= pages - 1)], className="d-flex gap-2") if pages > 1 else None,
        dcc.Store(id="map-table-page", data=page),
    ])


def layout(atlas, state: ViewState, notices: list[str]):
    first, last = atlas.year_range
    year = state.year if state.year is not None else atlas.default_year
    figure = build_figure(atlas, state)
    view = make_map_view(atlas, state)
    controls = html.Div([
        html.Label(t("map.processes"), htmlFor=ids.MAP_PROCESSES),
        dcc.Dropdown(id=ids.MAP_PROCESSES, options=_process_options(atlas), value=list(state.processes), multi=True,
                     placeholder=t("map.processes_placeholder"), searchable=True),
        dcc.Dropdown(id=ids.MAP_GROUP, options=_group_options(atlas), value=None, placeholder=t("map.select_group"),
                     clearable=True, className="mt-1"),
        html.Label(t("map.issues"), htmlFor=ids.MAP_ISSUES, className="mt-2"),
        dcc.Dropdown(id=ids.MAP_ISSUES, options=[{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()],
                     value=list(state.issues), multi=True, placeholder=t("map.issues_placeholder")),
        html.Label(t("map.role"), className="mt-2"),
        dcc.RadioItems(id=ids.MAP_ROLE, options=[{"label": t(f"map.role.{r}"), "value": r} for r in ROLES],
                       value=state.role, inline=True, inputClassName="me-1", labelClassName="me-3"),
        html.Label(t("map.layers"), className="mt-2"),
        dcc.Checklist(id=ids.MAP_LAYERS, options=[{"label": t(f"map.layer.{l}"), "value": l} for l in LAYERS],
                      value=list(state.layers), inline=True, inputClassName="me-1", labelClassName="me-3"),
        html.Label(t("map.theme"), className="mt-2"),
        dcc.RadioItems(id=ids.MAP_THEME, options=[{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES],
                       value=state.theme, inline=True, inputClassName="me-1", labelClassName="me-3"),
    ], className="atlas-controls")
    slider = html.Div([
        html.Button(t("map.play"), id=ids.MAP_PLAY, className="btn btn-sm btn-primary me-2", n_clicks=0),
        html.Div(dcc.Slider(id=ids.MAP_YEAR, min=first, max=last, step=1, value=year, marks=_year_marks(first, last),
                            tooltip={"placement": "top", "always_visible": True}, updatemode="mouseup"),
                 className="flex-grow-1"),
        dcc.Interval(id=ids.MAP_TICK, interval=900, disabled=True),
    ], className="d-flex align-items-center atlas-year", **{"aria-label": t("map.year")})
    return html.Div([
        dcc.Store(id=ids.MAP_STATE, data=to_query(state)),
        html.Div([
            html.Aside(controls, className="col-12 col-lg-3"),
            html.Div([
                slider,
                dcc.Graph(id=ids.MAP_GRAPH, figure=figure, className="atlas-map", style={"height": "62vh", "minHeight": "420px"},
                          config=graph_config("map")),
                export_controls("map", state),
            ], className="col-12 col-lg-6"),
            html.Aside([html.Div(process_panel(atlas, state, view), id=ids.MAP_PANEL),
                        html.Div(country_profile(atlas, state), id=ids.MAP_PROFILE)], className="col-12 col-lg-3"),
        ], className="row g-3"),
        html.Section(data_table(atlas, view), id=ids.MAP_TABLE, className="mt-3", **{"aria-label": "data table"}),
    ], className=f"atlas-map-page theme-{state.theme}", id=ids.MAP_PAGE)


def _state_from_controls(catalog, base: ViewState, processes, issues, role, year, layers, theme) -> ViewState:
    """Controls -> the same query grammar the URL uses, parsed by the one parser: garbage is dropped there."""
    def listed(value) -> str:
        return ",".join(str(v) for v in value if isinstance(v, (str, int))) if isinstance(value, list) else ""

    query = urlencode({"process": listed(processes), "issue": listed(issues), "role": role if isinstance(role, str) else "",
                       "year": str(year) if isinstance(year, (int, float, str)) else "",
                       "layer": listed(layers) or "processes", "theme": theme if isinstance(theme, str) else "",
                       "country": base.country or ""})
    return parse_view(query, catalog, view="map")[0]


def clicked_country(click) -> str | None:
    """The ISO-3 code of a clicked shape (choropleth location) or dot (customdata)."""
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    if point.get("location"):
        return point["location"]
    data = point.get("customdata")
    return data if isinstance(data, str) else (data[0] if data else None)


def register(app, atlas, catalog: Catalog) -> None:
    shapes = json.dumps(atlas.geometry.shapes if atlas.geometry else {"type": "FeatureCollection", "features": []},
                        separators=(",", ":")).encode()

    @app.server.route(GEOMETRY_URL)
    def country_shapes():
        response = Response(shapes, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.MAP_STATE, "data"),
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.MAP_PROCESSES, "value"), Output(ids.MAP_ISSUES, "value"), Output(ids.MAP_ROLE, "value"),
        Output(ids.MAP_YEAR, "value"), Output(ids.MAP_LAYERS, "value"), Output(ids.MAP_THEME, "value"),
        Output(ids.MAP_GROUP, "value"),
        Input(ids.MAP_PROCESSES, "value"), Input(ids.MAP_ISSUES, "value"), Input(ids.MAP_ROLE, "value"),
        Input(ids.MAP_YEAR, "value"), Input(ids.MAP_LAYERS, "value"), Input(ids.MAP_THEME, "value"),
        Input(ids.MAP_GROUP, "value"), Input(ids.MAP_GRAPH, "clickData"), Input(ids.URL, "search"),
        State(ids.URL, "pathname"), State(ids.MAP_STATE, "data"),
        prevent_initial_call=True,
    )
    def sync(processes, issues, role, year, layers, theme, group, click, search, pathname, current):
        return sync_map(atlas, catalog, ctx.triggered_id, processes, issues, role, year, layers, theme, group,
                        click, search, current)

    @app.callback(Output(ids.MAP_PANEL, "children"), Output(ids.MAP_PROFILE, "children"),
                  Output(ids.MAP_TABLE, "children"),
                  Input(ids.MAP_STATE, "data"), prevent_initial_call=True)
    def panels(query):
        state, _ = parse_view(query or "", catalog, view="map")
        view = make_map_view(atlas, state)
        return process_panel(atlas, state, view), country_profile(atlas, state), data_table(atlas, view)

    @app.callback(Output(ids.MAP_TABLE, "children", allow_duplicate=True),
                  Input({"type": "map-page", "step": ALL}, "n_clicks"),
                  State("map-table-page", "data"), State(ids.MAP_STATE, "data"), prevent_initial_call=True)
    def page_table(_clicks, page, query):
        if not ctx.triggered_id or not any(_clicks):
            return no_update
        state, _ = parse_view(query or "", catalog, view="map")
        return data_table(atlas, make_map_view(atlas, state), (page or 0) + ctx.triggered_id["step"])

    @app.callback(Output(ids.URL, "search", allow_duplicate=True), Output(ids.MAP_STATE, "data", allow_duplicate=True),
                  Input(ids.MAP_CLOSE_PROFILE, "n_clicks"), State(ids.MAP_STATE, "data"), prevent_initial_call=True)
    def close_profile(n, query):
        if not n:
            return no_update, no_update
        state, _ = parse_view(query or "", catalog, view="map")
        q = to_query(state.with_(country=None))
        return (f"?{q}" if q else ""), q

    app.clientside_callback(
        """function(theme) { return 'atlas-map-page theme-' + (theme || 'light'); }""",
        Output(ids.MAP_PAGE, "className"), Input(ids.MAP_THEME, "value"), prevent_initial_call=True)
    app.clientside_callback(
        """function(n, disabled) { return [!disabled ? true : false, disabled ? 'Pause' : 'Play']; }""",
        Output(ids.MAP_TICK, "disabled"), Output(ids.MAP_PLAY, "children"),
        Input(ids.MAP_PLAY, "n_clicks"), State(ids.MAP_TICK, "disabled"), prevent_initial_call=True)
    app.clientside_callback(
        """function(n, year, max) { if (year >= max) { return [window.dash_clientside.no_update, true]; }
                                    return [year + 1, false]; }""",
        Output(ids.MAP_YEAR, "value", allow_duplicate=True), Output(ids.MAP_TICK, "disabled", allow_duplicate=True),
        Input(ids.MAP_TICK, "n_intervals"), State(ids.MAP_YEAR, "value"), State(ids.MAP_YEAR, "max"),
        prevent_initial_call=True)


def sync_map(atlas, catalog, trigger, processes, issues, role, year, layers, theme, group, click, search, current):
    """Keep controls, URL and figure in step. Thin: parse, decide, build. Returned as the callback's outputs."""
    keep = [no_update] * 7
    if trigger == ids.URL:
        state, _ = parse_view(search or "", catalog, view="map")
        if to_query(state) == (current or ""):
            return (no_update, no_update, no_update, *keep)
        controls = [list(state.processes), list(state.issues), state.role,
                    state.year if state.year is not None else atlas.default_year,
                    list(state.layers), state.theme, None]
        old, _ = parse_view(current or "", catalog, view="map")
        return (no_update, to_query(state), figure_patch(atlas, build_figure(atlas, state), old), *controls)
    base, _ = parse_view(current or "", catalog, view="map")
    state = _state_from_controls(catalog, base, processes, issues, role, year, layers, theme)
    if trigger == ids.MAP_GROUP and isinstance(group, str) and group:
        field, _, value = group.partition(":")
        members = [p["id"] for p in atlas.process_by_id.values() if p.get(field) == value]
        state = state.with_(processes=tuple(dict.fromkeys(state.processes + tuple(members))))
        keep[0] = list(state.processes)
        keep[6] = None
    if trigger == ids.MAP_GRAPH:
        code = clicked_country(click)
        if code:
            state = state.with_(country=code)
    if state.year == atlas.default_year and base.year is None:
        state = state.with_(year=None)
    query = to_query(state)
    if query == (current or ""):
        return (no_update, no_update, no_update, *keep)
    return (f"?{query}" if query else "", query, figure_patch(atlas, build_figure(atlas, state), base), *keep)
