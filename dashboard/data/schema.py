"""Frictionless for what it covers: frictionless-py checks the descriptor and each table's schema, said as Problems.

Types, required values, patterns, enums, primary and foreign keys are the standard's; the atlas's own rules are in
cells.py and rules.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from dataclasses import dataclass

from dashboard.data.cells import URI_WORDS
from dashboard.data.problems import Problem, RawTable

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_PROPERTY = re.compile(r'property "([\w-]+)"')
_POSITION = re.compile(r"position (\d+)")
# What a value of each type looks like, said to a person editing the CSV.
_TYPE_WORDS = {
    "integer": ("not a whole number", "an integer"),
    "number": ("not a number", "a number such as 1.5"),
    "date": ("not a date", "YYYY-MM-DD"),
    "boolean": ("not true or false", "true | false"),
    "year": ("not a year", "a year such as 1990"),
}


def shape_problems(descriptor) -> list[Problem]:
    """The descriptor has the shape the reader relies on: resources with a name, a path and a schema of named fields."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    ok = isinstance(resources, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("name"), str)
        and isinstance(r.get("path"), str)
        and isinstance(r.get("schema"), dict)
        and isinstance(r["schema"].get("fields"), list)
        and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in r["schema"]["fields"])
        for r in resources
    )
    if ok:
        return []
    return [
        Problem(
            "datapackage.json",
            0,
            "resources",
            "the descriptor does not describe the tables",
            expected="a list of resources, each with name, path and schema.fields",
        )
    ]


def descriptor_problems(descriptor: dict) -> list[Problem]:
    """What the Frictionless Data Package standard says is wrong with the descriptor itself."""
    key = hashlib.sha256(json.dumps(descriptor, sort_keys=True).encode()).hexdigest()
    if key not in _SEEN:
        from frictionless import Package

        report = Package.validate_descriptor(descriptor)
        _SEEN[key] = [_Finding(e.type, None, e.message, e.note) for e in report.errors]
    problems = []
    for error in _SEEN[key]:
        prop = _PROPERTY.search(error.note or "")
        problems.append(
            Problem(
                "datapackage.json",
                0,
                prop.group(1) if prop else "(descriptor)",
                "the descriptor does not follow the Frictionless Data Package standard",
                found=error.note or error.message,
                expected="a valid Data Package descriptor (datapackage.org)",
            )
        )
    return problems


class _Rows(list):
    """Inline rows that frictionless may share instead of deep-copying for every foreign-key lookup: nobody edits them."""

    def __deepcopy__(self, memo):
        return self


@dataclass(frozen=True)
class _Finding:
    """What frictionless-py said about one row, kept apart from line numbers so it can be remembered."""

    type: str
    row_number: int | None
    message: str
    note: str | None = None
    field_name: str | None = None
    field_names: tuple[str, ...] = ()
    reference_name: str | None = None
    reference_field_names: tuple[str, ...] = ()


# frictionless-py spends most of its time on per-table set-up, not on rows: a table it has seen, with the same
# schema, rows and referenced keys, gets the same findings (a pure function, remembered for this process).
_SEEN: OrderedDict[str, list[_Finding]] = OrderedDict()
_SEEN_SIZE = 256


def _targets(schema: dict, name: str, tables: dict[str, RawTable], descriptor: dict) -> dict:
    """For each other table a foreign key points to: the referenced fields' definitions and their values."""
    fields_of = {r["name"]: r["schema"]["fields"] for r in descriptor["resources"]}
    wanted: dict[str, list[str]] = {}
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        if ref.get("resource", "") not in ("", name):
            cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            wanted.setdefault(ref["resource"], [])
            wanted[ref["resource"]] += [c for c in cols if c not in wanted[ref["resource"]]]
    targets = {}
    for target, cols in wanted.items():
        defs = [{"name": f["name"], "type": f.get("type", "string")} for f in fields_of[target] if f["name"] in cols]
        rows = sorted({tuple(r[c] for c in cols) for r in tables[target].rows})
        targets[target] = {"fields": defs, "rows": [list(cols)] + [list(r) for r in rows]}
    return targets


def _validate_one(name: str, schema: dict, table: RawTable, targets: dict) -> list[_Finding]:
    from frictionless import Package, Resource, Schema

    data = _Rows([table.fields] + [[row[f] for f in table.fields] for row in table.rows])
    resource = Resource(name=name, data=data, schema=Schema.from_descriptor(schema))
    others = [
        Resource(name=t, data=_Rows(v["rows"]), schema=Schema.from_descriptor({"fields": v["fields"]}))
        for t, v in targets.items()
    ]
    Package(resources=[resource, *others])
    report = resource.validate(limit_errors=10**9)
    return [
        _Finding(
            type=e.type,
            row_number=getattr(e, "row_number", None),
            message=e.message,
            note=getattr(e, "note", None),
            field_name=getattr(e, "field_name", None),
            field_names=tuple(getattr(e, "field_names", ()) or ()),
            reference_name=getattr(e, "reference_name", None),
            reference_field_names=tuple(getattr(e, "reference_field_names", ()) or ()),
        )
        for task in report.tasks
        for e in task.errors
    ]


def _findings(name: str, schema: dict, table: RawTable, targets: dict) -> list[_Finding]:
    rows = [[row[f] for f in table.fields] for row in table.rows]
    key = hashlib.sha256(json.dumps([name, schema, table.fields, rows, targets]).encode()).hexdigest()
    if key in _SEEN:
        _SEEN.move_to_end(key)
        return _SEEN[key]
    found = _validate_one(name, schema, table, targets)
    _SEEN[key] = found
    if len(_SEEN) > _SEEN_SIZE:
        _SEEN.popitem(last=False)
    return found


def _frictionless_schema(schema: dict, tables: dict[str, RawTable]) -> dict:
    """The resource's schema, without foreign keys into tables that could not be read (those are reported already)."""
    fks = [fk for fk in schema.get("foreignKeys", []) if fk["reference"].get("resource", "") in ("", *tables)]
    return {**schema, "foreignKeys": fks} if fks else {k: v for k, v in schema.items() if k != "foreignKeys"}


def table_problems(descriptor: dict, tables: dict[str, RawTable]) -> list[Problem]:
    """frictionless-py validates every readable table (as the strict reader parsed it) against its schema."""
    problems = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        table = tables.get(name)
        if table is None:
            continue
        schema = _frictionless_schema(resource["schema"], tables)
        targets = _targets(schema, name, tables, descriptor)
        for finding in _findings(name, schema, table, targets):
            problem = _problem(finding, table, resource["schema"], tables)
            if problem is not None:
                problems.append(problem)
    return problems


def _problem(error: _Finding, table: RawTable, schema: dict, tables: dict[str, RawTable]) -> Problem | None:
    index = (error.row_number or 0) - 2
    if not 0 <= index < len(table.rows):
        return Problem(table.file, 0, "(file)", error.message)
    row, line = table.rows[index], table.lines[index]
    if error.type == "type-error":
        field = _field(schema, error.field_name)
        return _type_problem(table.file, line, field, row[field["name"]])
    if error.type in ("constraint-error", "unique-error"):
        field = _field(schema, error.field_name)
        return _constraint_problem(table.file, line, field, row[field["name"]], error)
    if error.type == "primary-key":
        return _key_problem(table, schema, row, line, error)
    if error.type == "foreign-key":
        return _foreign_key_problem(table, row, line, error, tables)
    if error.type == "blank-row":
        return Problem(table.file, line, "(row)", "every field of the row is blank", expected="a row of values")
    return Problem(table.file, line, "(row)", error.message)


def _field(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


def _type_problem(file: str, line: int, field: dict, value: str) -> Problem:
    ftype = field.get("type", "string")
    if ftype == "date" and _DATE.fullmatch(value):
        return Problem(
            file, line, field["name"], "no such day in the calendar", found=repr(value), expected="a real date"
        )
    if ftype == "string" and field.get("format") == "uri":
        return Problem(file, line, field["name"], URI_WORDS[0], found=repr(value[:80]), expected=URI_WORDS[1])
    what, expected = _TYPE_WORDS.get(ftype, (f"not a valid {ftype}", f"a {ftype} ({field.get('format', 'default')})"))
    return Problem(file, line, field["name"], what, found=repr(value), expected=expected)


def _constraint_problem(file: str, line: int, field: dict, value: str, error) -> Problem:
    cons = field.get("constraints", {})
    found = _CONSTRAINT.search(error.note or "")
    name = found.group(1) if found else ("unique" if error.type == "unique-error" else "")
    if name == "required":
        return Problem(file, line, field["name"], "required value is blank", found="''", expected="a value")
    if name == "enum":
        expected = " | ".join(str(v) for v in cons.get("enum", []))
        return Problem(file, line, field["name"], "not an allowed value", found=repr(value), expected=expected)
    if name == "pattern":
        expected = f"pattern {cons.get('pattern')}"
        return Problem(
            file, line, field["name"], "does not match the expected form", found=repr(value), expected=expected
        )
    if name == "unique":
        return Problem(file, line, field["name"], "value appears more than once", found=repr(value), expected="unique")
    return Problem(
        file,
        line,
        field["name"],
        f"breaks the {name} constraint",
        found=repr(value),
        expected=f"{name} {cons.get(name)}",
    )


def _key_problem(table: RawTable, schema: dict, row: dict, line: int, error) -> Problem | None:
    key = schema["primaryKey"]
    key = [key] if isinstance(key, str) else key
    value = tuple(row[k] for k in key)
    first = _POSITION.search(error.note or "")
    if first is None:  # every key cell blank: each required one is reported on its own
        required = any(_field(schema, k).get("constraints", {}).get("required") for k in key)
        if required:
            return None
        return Problem(table.file, line, ",".join(key), "the key is blank", expected="a value")
    first_line = table.lines[int(first.group(1)) - 2]
    return Problem(
        table.file,
        line,
        ",".join(key),
        "duplicate key",
        found=repr(value if len(value) > 1 else value[0]),
        expected=f"unique; first at row {first_line}",
    )


def _foreign_key_problem(table: RawTable, row: dict, line: int, error, tables: dict[str, RawTable]) -> Problem:
    fields, ref_fields = list(error.field_names), list(error.reference_field_names)
    target_name = error.reference_name or table.name
    target = tables.get(target_name, table)
    value = tuple(row[f] for f in fields)
    return Problem(
        table.file,
        line,
        ",".join(fields),
        f"refers to a {target_name} {','.join(ref_fields)} that does not exist",
        found=repr(value if len(value) > 1 else value[0]),
        expected=f"an id in {target.file}",
    )
