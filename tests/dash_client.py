"""Call a Dash callback through the Flask test client, as the browser does: find it in /_dash-dependencies."""

from __future__ import annotations

import json

from dashboard.bench.dashcall import callback_payload, find_callback


class DashClient:
    def __init__(self, client):
        self.client = client
        self.deps = client.get("/_dash-dependencies").get_json()

    def find(self, output_part: str, trigger: str | None = None) -> dict:
        return find_callback(self.deps, output_part, trigger)

    def call(self, output_part: str, values: dict[str, object], trigger: str, *, dep: dict | None = None):
        """values: {"component-id.prop": value}; trigger: the "id.prop" that changed. Returns (status, json, bytes)."""
        payload = callback_payload(dep or self.find(output_part, trigger), values, trigger)
        response = self.client.post(
            "/_dash-update-component", data=json.dumps(payload), content_type="application/json"
        )
        body = response.get_json(silent=True) if response.status_code == 200 else None
        return response.status_code, body, len(response.data)
