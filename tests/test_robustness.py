"""Property-based tests (hypothesis): damaged data, garbage addresses and garbage callback input never crash anything.

Seeded (derandomize) and with moderate example counts, so the suite stays fast and deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard.data.atlas import load_atlas
from dashboard.data.validate import Problem, validate_package
from dashboard.viewstate import LIST_PARAMS, Catalog, parse_view, to_query
from tests.helpers import DESCRIPTOR, FIELDS, tiny_tables, write_package

SETTINGS = dict(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in DESCRIPTOR["resources"]}
NASTY = [
    "<script>window.__pwned=1</script>",
    "<b>bold</b>",
    "x" * 3000,
    "Zürich – 東京 😀",
    "../../etc/passwd",
    "%00",
    "\u202e",
    "null",
    "NaN",
    "-1",
    "1e309",
    "99999999999999999999",
    "",
    " ",
    "2000",
    "puebla",
    "MEX",
    "a,b,,c",
    "process=puebla&year=2000",
    "'; DROP TABLE processes; --",
]
TABLE_CELLS = [
    (table, row, col) for table, rows in tiny_tables().items() for row in range(len(rows)) for col in FIELDS[table]
]


# ---- bad data: the validator accepts a table or names every problem; it never crashes, never coerces ------------


def _validate(tables=None, edit_bytes=None):
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_package(Path(tmp), tables, geometry=False)
        if edit_bytes:
            name, edit = edit_bytes
            path = directory / f"{name}.csv"
            path.write_bytes(edit(path.read_bytes()))
        edited = (directory / f"{edit_bytes[0]}.csv").read_bytes() if edit_bytes else b""
        problems = validate_package(directory)
        atlas = None if problems else load_atlas(directory)  # accepted data must load
        return (problems, atlas, edited) if edit_bytes else (problems, atlas)


@settings(max_examples=60, **SETTINGS)
@given(cell=st.sampled_from(TABLE_CELLS), value=st.one_of(st.sampled_from(NASTY), st.text(max_size=12)))
def test_any_cell_value_is_accepted_exactly_or_reported(cell, value):
    table, row, column = cell
    tables = tiny_tables()
    tables[table][row][column] = value
    problems, atlas = _validate(tables)
    assert all(isinstance(p, Problem) and str(p).split(":")[0].endswith((".csv", ".json")) for p in problems)
    line = row + 2  # header is line 1
    here = [p for p in problems if p.file == f"{table}.csv" and p.row == line and p.column == column]
    field = SCHEMA[table][column]
    if "\r" in value or "\x00" in value:  # a lone CR (left unquoted) breaks the row; a NUL is a file-level problem
        assert problems
    elif value == "" and field.get("constraints", {}).get("required"):
        assert any(p.message == "required value is blank" for p in here), problems
    elif value != value.strip():
        assert any(p.message == "stray whitespace around the value" for p in here), problems
    elif field.get("type") == "integer" and value and not (value.lstrip("-").isascii() and value.lstrip("-").isdigit()):
        assert any(p.message == "not a whole number" for p in here), problems
    if atlas is not None:  # accepted: the app holds exactly what the file says
        loaded = getattr(atlas, table).iloc[row][column]
        expected = (int(value) if value else None) if field.get("type") == "integer" else value
        assert pd.isna(loaded) if expected is None else loaded == expected


BYTE_EDITS = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 400), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("delete"), st.integers(0, 400), st.integers(1, 30)),
    st.tuples(st.just("truncate"), st.integers(0, 400), st.just(0)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 400),
        st.sampled_from([b'"', b",", b";", b"\r", b"\n", b"\xef\xbb\xbf", b"\xe9", b"\x00", b"\t", b'""']),
    ),
)


def _apply(data: bytes, edit) -> bytes:
    kind, at, arg = edit
    at = min(at, len(data))
    if kind == "insert":
        return data[:at] + arg + data[at:]
    if kind == "delete":
        return data[:at] + data[at + arg :]
    return data[:at]


@settings(max_examples=60, **SETTINGS)
@given(table=st.sampled_from(sorted(FIELDS)), edits=st.lists(BYTE_EDITS, min_size=1, max_size=3))
def test_byte_level_damage_never_crashes_the_validator(table, edits):
    def edit(data: bytes) -> bytes:
        for e in edits:
            data = _apply(data, e)
        return data

    problems, atlas, edited = _validate(edit_bytes=(table, edit))
    for p in problems:
        assert p.file and p.column and p.message and str(p)
    if not problems:  # accepted: every record of the damaged file is in the atlas, none silently dropped
        lines = list(csv.reader(io.StringIO(edited.decode("utf-8"))))[1:]
        records = [r for r in lines if r and not (len(r) == 1 and not r[0].strip())]  # blank lines are allowed
        found = len(getattr(atlas, table))
        assert found == len(records), f"{table}.csv: {len(records)} records, the atlas has {found}"


# ---- bad addresses: the one parser never raises and only keeps what the data knows -------------------------------

CATALOG = Catalog(
    processes=frozenset({"puebla", "budapest"}),
    issues=frozenset({"asylum"}),
    orgs=frozenset({"iom"}),
    countries=frozenset({"MEX", "DEU"}),
    regions=frozenset({"Europe"}),
)
PARAMS = [*LIST_PARAMS, "year", "role", "country", "theme", "width", "height", "scale", "view", "process[]", "", "é"]
QUERY_VALUES = st.one_of(
    st.sampled_from(NASTY + ["puebla,budapest", "1999", "observer", "dark", "mex"]), st.text(max_size=20)
)
QUERIES = st.one_of(
    st.lists(st.tuples(st.sampled_from(PARAMS), QUERY_VALUES), max_size=6).map(lambda pairs: urlencode(pairs)),
    st.text(max_size=200),
    st.lists(
        st.sampled_from(["process=", "puebla", "&", "=", "%", "%zz", "%ff", ",", "year=1e3", "#", "?", ";"]),
        max_size=20,
    ).map("".join),
)


@settings(max_examples=200, **SETTINGS)
@given(path=st.sampled_from(["/", "/map", "/timeline", "/embed/mandates", "/nowhere", ""]), query=QUERIES)
def test_parse_view_never_raises_and_keeps_only_known_values(path, query):
    state, notices = parse_view(f"{path}?{query}", CATALOG)
    assert set(state.processes) <= CATALOG.processes and set(state.issues) <= CATALOG.issues
    assert state.country in (None, *CATALOG.countries)
    assert state.year is None or CATALOG.first_year <= state.year <= CATALOG.last_year
    assert all(isinstance(n, str) and n for n in notices)
    assert parse_view(to_query(state), CATALOG, view=state.view)[0] == state


# ---- bad requests against the real app: never a 500, never a traceback ---------------------------------------------

PATHS = st.one_of(
    st.sampled_from(
        [
            "/",
            "/map",
            "/timeline",
            "/mandates",
            "/about",
            "/healthz",
            "/embed/map",
            "/embed/timeline",
            "/embed/mandates",
            "/embed/nowhere",
            "/export/map.csv",
            "/export/timeline.csv",
            "/export/mandates.csv",
            "/export/map.exe",
            "/export/nowhere.csv",
            "/_dash-layout",
            "/assets/../data/sources.csv",
            "/_dash-component-suites/dash/nope.js",
        ]
    ),
    st.text(max_size=30).map(lambda s: "/" + quote(s)),
    st.text(max_size=20).map(lambda s: "/embed/" + quote(s)),
)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@settings(max_examples=80, **SETTINGS)
@given(path=PATHS, query=QUERIES)
def test_any_address_answers_without_a_server_error(client, path, query):
    response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code < 500, (path, query, response.data[:500])
    assert b"Traceback" not in response.data


def garbage_values():
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False),
        st.sampled_from(NASTY),
        st.text(max_size=15),
        st.sampled_from(
            [
                "puebla",
                "budapest",
                "MEX",
                "asylum",
                "iom",
                "unhcr",
                "?process=puebla&year=1999",
                "process=puebla&country=MEX",
                "/timeline",
                "/export/map.csv",
            ]
        ),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=6,
    )


def _server_callbacks(client) -> list[dict]:
    return [d for d in client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")]


def _item(spec: dict, value, data):
    if spec["id"].startswith("{"):  # a pattern-matching (ALL) input: a list of concrete components
        pattern = json.loads(spec["id"])
        count = data.draw(st.integers(0, 2))
        return [
            {
                "id": {k: (data.draw(st.text(max_size=6)) if v == ["ALL"] else v) for k, v in pattern.items()},
                "property": spec["property"],
                "value": data.draw(garbage_values()),
            }
            for _ in range(count)
        ]
    return {"id": spec["id"], "property": spec["property"], "value": value}


@settings(max_examples=80, **SETTINGS)
@given(data=st.data())
def test_every_callback_survives_garbage(client, data):
    callbacks = _server_callbacks(client)
    dep = data.draw(st.sampled_from(callbacks), label="callback")
    inputs = [_item(i, data.draw(garbage_values()), data) for i in dep["inputs"]]
    states = [_item(s, data.draw(garbage_values()), data) for s in dep["state"]]
    position = data.draw(st.sampled_from(range(len(dep["inputs"]))))
    trigger = dep["inputs"][position]
    if trigger["id"].startswith("{"):  # a page names the one component of a pattern that changed, never the pattern
        concrete = inputs[position]
        assume(isinstance(concrete, list) and concrete)
        trigger = {
            "id": json.dumps(concrete[0]["id"], sort_keys=True, separators=(",", ":")),
            "property": trigger["property"],
        }
    multi = dep["output"].startswith("..")
    targets = [o.rsplit(".", 1) for o in dep["output"].strip(".").split("...")]
    outputs = [{"id": i, "property": p.split("@")[0]} for i, p in targets]
    payload = {
        "output": dep["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": inputs,
        "state": states,
        "changedPropIds": [f"{trigger['id']}.{trigger['property']}"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 204), (dep["output"], payload, response.data[:300])
    assert b"Traceback" not in response.data


@settings(max_examples=40, **SETTINGS)
@given(body=st.one_of(garbage_values().map(json.dumps), st.binary(max_size=200)))
def test_malformed_callback_requests_get_a_400_that_says_why(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    assert b"Traceback" not in response.data
