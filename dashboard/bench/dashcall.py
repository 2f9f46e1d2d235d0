"""Build the request a browser sends to call a Dash callback, from the app's own /_dash-dependencies list.

Shared by the benchmark (over HTTP) and the app tests (through the Flask test client).
"""

from __future__ import annotations


def find_callback(dependencies: list[dict], output_part: str, trigger: str | None = None) -> dict:
    for dep in dependencies:
        if output_part in dep["output"] and (
            trigger is None or any(f"{i['id']}.{i['property']}" == trigger for i in dep["inputs"])
        ):
            return dep
    raise KeyError(f"no callback with output {output_part!r} and input {trigger!r}")


def _target(spec: str) -> dict:
    ident, prop = spec.rsplit(".", 1)
    return {"id": ident, "property": prop.split("@")[0]}


def callback_payload(dep: dict, values: dict[str, object], trigger: str) -> dict:
    """values: {"component-id.prop": value} for the callback's inputs and states; trigger: the "id.prop" that changed."""

    def fill(items):
        return [
            # a pattern (ALL) input is the list of components it matches, as the page sends it: none unless given
            values.get(f"{i['id']}.{i['property']}", [])
            if i["id"].startswith("{")
            else {"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
            for i in items
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
