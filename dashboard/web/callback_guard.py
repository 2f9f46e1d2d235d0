"""Dash's callback route takes only requests a page of this app could send: shape, ids and outputs as declared."""

from __future__ import annotations

import json

from dash._utils import split_callback_id

MAX_DEPTH = 32  # the deepest value a page sends (clickData) is 4 levels down


def _depth(value) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_callback_body(request) -> tuple[object, str | None]:
    """The parsed JSON body, or why it is not one a page sends (too deep to parse, or nested past MAX_DEPTH)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return None, f"the body nests deeper than {MAX_DEPTH} levels"
    if _depth(body) > MAX_DEPTH:
        return None, f"the body nests deeper than {MAX_DEPTH} levels"
    return body, None


def _pattern(declared_id: str) -> dict | None:
    if not declared_id.startswith("{"):
        return None
    try:
        return json.loads(declared_id)
    except ValueError:
        return None


def _id_matches(sent, declared_id: str) -> bool:
    pattern = _pattern(declared_id)
    if pattern is None:
        return sent == declared_id
    if not isinstance(sent, dict) or set(sent) != set(pattern):
        return False
    for key, want in pattern.items():
        if isinstance(want, list):  # a wildcard (ALL, MATCH, ALLSMALLER): any plain value
            if not isinstance(sent[key], (str, int, float, bool)):
                return False
        elif sent[key] != want:
            return False
    return True


def _item_problem(item, declared: dict, key: str) -> str | None:
    wildcard = _pattern(declared["id"]) is not None
    group = item if isinstance(item, list) and wildcard else [item]
    for part in group:
        if not isinstance(part, dict) or not isinstance(part.get("property"), str) or "id" not in part:
            return f"every item of '{key}' needs an 'id' and a 'property'"
        if part["property"] != declared["property"] or not _id_matches(part["id"], declared["id"]):
            return f"'{key}' names a component or property this callback does not take"
    return None


def _outputs_problem(outputs, output: str) -> str | None:
    expected = split_callback_id(output)
    sent = outputs if isinstance(expected, list) else [outputs]
    expected = expected if isinstance(expected, list) else [expected]
    if not isinstance(sent, list) or len(sent) != len(expected):
        return f"'outputs' must list the {len(expected)} output(s) of this callback"
    for given, want in zip(sent, expected):
        group = given if isinstance(given, list) and _pattern(want["id"]) else [given]
        for part in group:
            # the page names a duplicate output's property without its "@hash" suffix
            prop = part.get("property") if isinstance(part, dict) else None
            if not isinstance(prop, str) or prop.split("@")[0] != want["property"].split("@")[0]:
                return "'outputs' do not match this callback's outputs"
            if not _id_matches(part.get("id"), want["id"]):
                return "'outputs' do not match this callback's outputs"
    return None


def callback_request_problem(body, callback_map: dict) -> str | None:
    """Why a POST to Dash's callback route is malformed (None if it has the shape Dash expects)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "'output' does not name a callback of this app"
    callback = callback_map[output]
    for key, declared in (("inputs", callback.get("inputs", [])), ("state", callback.get("state", []))):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(declared):
            return f"'{key}' must be a list of {len(declared)} item(s)"
        for item, spec in zip(items, declared):
            problem = _item_problem(item, spec, key)
            if problem:
                return problem
    problem = _outputs_problem(body.get("outputs"), output)
    if problem:
        return problem
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    declared = callback.get("inputs", [])
    for name in changed:
        if not any(_changed_matches(name, spec) for spec in declared):
            return "'changedPropIds' names an input this callback does not have (or a pattern, not a component)"
    return None


def _changed_matches(name: str, spec: dict) -> bool:
    """'id.prop' of an input that changed: for a pattern, one concrete component (no wildcard left in it)."""
    if "." not in name:
        return False
    id_, prop = name.rsplit(".", 1)
    if prop != spec["property"]:
        return False
    if _pattern(spec["id"]) is None:
        return id_ == spec["id"]
    try:
        concrete = json.loads(id_)
    except ValueError:
        return False
    if not isinstance(concrete, dict) or any(isinstance(v, (list, dict)) for v in concrete.values()):
        return False
    return _id_matches(concrete, spec["id"])


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e15


def _scalar(value) -> bool:
    return value is None or isinstance(value, (str, bool)) or _finite(value)


def _clean_points(value):
    if not isinstance(value, dict) or not isinstance(value.get("points"), list):
        return None
    points = [
        {k: v for k, v in p.items() if _scalar(v) or (isinstance(v, list) and all(map(_scalar, v)))}
        for p in value["points"]
        if isinstance(p, dict)
    ]
    return {**value, "points": points}


# What a browser can send for each property the atlas's components have. A value of another shape did not come
# from the page (it is forged or corrupt): it becomes None, as if the control were empty, before any callback sees it.
_CLEAN = {
    "pathname": lambda v: v if isinstance(v, str) else None,
    "search": lambda v: v if isinstance(v, str) else None,
    "n_clicks": lambda v: v if _finite(v) and isinstance(v, int) and v >= 0 else None,
    "n_intervals": lambda v: v if _finite(v) and isinstance(v, int) and v >= 0 else None,
    "clickData": _clean_points,
    "hoverData": _clean_points,
    # sliders and inputs send a number or text; dropdowns, checklists and radio items text or a list of text
    "value": lambda v: (
        v
        if v is None or isinstance(v, str) or _finite(v)
        else [i for i in v if isinstance(i, str)]
        if isinstance(v, list)
        else None
    ),
    "data": lambda v: (
        v if v is None or isinstance(v, str) or _finite(v) else None
    ),  # the stores hold strings and numbers
    "disabled": lambda v: v if isinstance(v, bool) else None,
}


def clean_callback_inputs(body: dict) -> None:
    """Replace, in place, every input and state value a browser could not have sent (see _CLEAN)."""
    for key in ("inputs", "state"):
        for item in body.get(key, []):
            for part in item if isinstance(item, list) else [item]:
                clean = _CLEAN.get(part["property"])
                if clean is not None:
                    part["value"] = clean(part.get("value"))
