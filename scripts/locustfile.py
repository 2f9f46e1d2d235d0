"""Locust users for the atlas: page loads, Dash callbacks, exports and images, in the mix of a person clicking.

    locust --headless -u 100 -r 100 -t 20s --host http://127.0.0.1:8080 -f scripts/locustfile.py

(`python scripts/loadtest.py` runs this for you and prints p50/p95 per kind of request.) Requests are named by
their kind (page, callback, export, image), so locust's statistics are per kind. Each user has its own seeded random
choices (`--seed`) and pauses `--think` seconds on average between actions. On a loopback host each user connects
from its own address (127.0.0.2, 127.0.0.3, ...), as people do from their own machines, so nginx's per-client limits
apply per user; `--one-address` sends every user from 127.0.0.1 instead, as one client.

Only the HTTP interface is used (Dash's /_dash-dependencies and /_dash-update-component), never the app's code.
"""

from __future__ import annotations

import http.client
import itertools
import json
import random
import time
from urllib.parse import urlsplit

from locust import HttpUser, events, task
from requests.adapters import HTTPAdapter

PROCESSES = ["puebla", "budapest", "sacm", "bali", "colombo", "igc", "rabat", "mtm", "apc", "midsa"]
ISSUES = ["asylum", "trafficking-smuggling", "return-readmission", "migrant-rights"]
ORGS = ["iom", "unhcr", "ilo", "icmpd"]
# kind -> weight: what a user does next. Images are rare and slow; they show whether the rest stays responsive.
MIX = {"page": 25, "callback": 50, "export": 20, "image": 5}

_DEPENDENCIES: list[dict] = []
_USER_NUMBERS = itertools.count()


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--seed", type=int, default=1, help="seed of the users' random choices (default 1)")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between a user's actions, s (default 0.5)")
    parser.add_argument("--one-address", action="store_true", help="every user connects from 127.0.0.1")


@events.test_start.add_listener
def _load_dependencies(environment, **_kwargs):
    """The app's callback list, once for all users (a browser reads it with every page load)."""
    parts = urlsplit(environment.host)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    conn.request("GET", "/_dash-dependencies")
    _DEPENDENCIES[:] = json.loads(conn.getresponse().read())
    conn.close()


# ---- Dash's callback request, built from /_dash-dependencies as the browser builds it ------------------------------
def find_callback(dependencies: list[dict], output_part: str, trigger: str) -> dict:
    for dep in dependencies:
        if output_part in dep["output"] and any(f"{i['id']}.{i['property']}" == trigger for i in dep["inputs"]):
            return dep
    raise KeyError(f"no callback with output {output_part!r} and input {trigger!r}")


def _target(spec: str) -> dict:
    ident, prop = spec.rsplit(".", 1)
    return {"id": ident, "property": prop.split("@")[0]}


def callback_payload(dep: dict, values: dict, trigger: str) -> dict:
    def fill(items):
        return [
            {"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")} for i in items
        ]

    multi = dep["output"].startswith("..")
    outputs = [_target(o) for o in dep["output"].strip(".").split("...")] if multi else _target(dep["output"])
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": fill(dep["inputs"]),
        "state": fill(dep["state"]),
        "changedPropIds": [trigger],
    }


class SourceAddressAdapter(HTTPAdapter):
    """Connections from a given local address (any of 127.0.0.0/8 works on loopback)."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class AtlasUser(HttpUser):
    def on_start(self):
        options = self.environment.parsed_options
        number = next(_USER_NUMBERS)
        self.rng = random.Random(getattr(options, "seed", 1) * 1000 + number)
        self.think = getattr(options, "think", 0.5)
        if (urlsplit(self.host).hostname or "").startswith("127.") and not getattr(options, "one_address", False):
            self.client.mount("http://", SourceAddressAdapter(f"127.0.0.{2 + number % 253}"))
        self.client.headers["Accept-Encoding"] = "gzip"
        time.sleep(self.rng.uniform(0, self.think))  # users arrive spread out (gevent makes this cooperative)

    def wait_time(self):
        return self.think * self.rng.uniform(0.5, 1.5)

    def query(self) -> str:
        rng = self.rng
        return f"process={','.join(rng.sample(PROCESSES, rng.randint(1, 3)))}&year={rng.randint(1990, 2015)}"

    @task
    def act(self):
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        getattr(self, kind)()

    def page(self):
        view = self.rng.choice(["map", "timeline", "mandates"])
        self.client.get(f"/{view}?{self.query()}", name="page")
        self.client.get("/_dash-layout", name="page")
        self.client.get("/_dash-dependencies", name="page")

    def callback(self):
        rng = self.rng
        view = rng.choice(["map", "map", "timeline", "mandates"])
        search = "?" + (self.query() if view != "mandates" else f"org={','.join(rng.sample(ORGS, 2))}")
        if view == "map" and rng.random() < 0.5:  # a year change on the map: the commonest interaction
            dep = find_callback(_DEPENDENCIES, "map-graph.figure", "map-year.value")
            query = self.query()
            year = int(query.rsplit("=", 1)[1])
            values = {
                "map-processes.value": query.split("&")[0][8:].split(","),
                "map-issues.value": [],
                "map-role.value": "all",
                "map-year.value": year + 1,
                "map-layers.value": ["processes"],
                "map-theme.value": "light",
                "url.search": "?" + query,
                "url.pathname": "/map",
                "map-state.data": query,
            }
            payload = callback_payload(dep, values, "map-year.value")
        else:  # navigating: the router renders a whole page
            dep = find_callback(_DEPENDENCIES, "page.children", "url.pathname")
            payload = callback_payload(dep, {"url.pathname": f"/{view}", "url.search": search}, "url.pathname")
        self.client.post("/_dash-update-component", json=payload, name="callback")

    def export(self):
        rng = self.rng
        path = rng.choice(
            [
                f"/export/map.csv?{self.query()}",
                f"/embed/map?{self.query()}",
                f"/export/timeline.csv?issue={rng.choice(ISSUES)}",
                f"/embed/mandates?org={rng.choice(ORGS)}",
            ]
        )
        self.client.get(path, name="export")

    def image(self):
        self.client.get(f"/export/map.png?{self.query()}&width=960&height=540", name="image")
