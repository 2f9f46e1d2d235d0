"""Official French and Spanish names (data/names.csv): their checks, the gaps `validate` warns about, and the
tables as each language shows them (a sourced name where there is one, the atlas's own labels from the catalogue)."""

from __future__ import annotations

import pandas as pd

from dashboard.data.cells import rows_of
from dashboard.data.problems import Problem, RawTable
from dashboard.strings import translations

# The fields of each table that carry a name, and so may have an official French or Spanish one.
NAMED_FIELDS: dict[str, tuple[str, ...]] = {
    "processes": ("name", "short_name"),
    "organisations": ("name", "short_name"),
    "issue_areas": ("label",),
    "eras": ("label",),
    "milestones": ("title",),
}
NAME_LANGS = ("fr", "es")
# The atlas's own words, not names a source gives: translated through the catalogue (scripts/i18n.py extracts them
# from the CSVs), msgctxt per table, msgid the English label. A sourced term in names.csv still comes first.
CATALOGUED: dict[str, tuple[str, str]] = {"issue_areas": ("label", "issue-area"), "eras": ("label", "era")}


def names_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """Each name names a row that exists, by a field of that table that is a name."""
    names = tables.get("names")
    problems: list[Problem] = []
    for row, line in rows_of(names):
        fields = NAMED_FIELDS.get(row["table"])
        if fields is None:
            continue  # the schema's enum reports it
        ids = {r["id"] for r in tables[row["table"]].rows} if row["table"] in tables else set()
        if row["id"] not in ids:
            problems.append(
                Problem(
                    names.file,
                    line,
                    "id",
                    f"no such row in {row['table']}",
                    found=repr(row["id"]),
                    expected="an id of " + row["table"],
                )
            )
        if row["field"] not in fields:
            problems.append(
                Problem(
                    names.file,
                    line,
                    "field",
                    f"not a name field of {row['table']}",
                    found=repr(row["field"]),
                    expected=" or ".join(fields),
                )
            )
    return problems


def name_gaps(tables: dict[str, RawTable]) -> list[str]:
    """One warning per language, table and field: the rows with no sourced name (the English one is shown)."""
    names = tables.get("names")
    have = {(r["table"], r["id"], r["field"], r["lang"]) for r, _ in rows_of(names)}
    warnings = []
    for lang in NAME_LANGS:
        for table, fields in NAMED_FIELDS.items():
            if table not in tables:
                continue
            ids = [r["id"] for r in tables[table].rows]
            for field in fields:
                if CATALOGUED.get(table, ("",))[0] == field:
                    continue  # the catalogue translates it; its test fails on a gap
                missing = [i for i in ids if (table, i, field, lang) not in have]
                if missing:
                    warnings.append(
                        f"names.csv: {lang}: no sourced name for {table}.{field} of {len(missing)} of {len(ids)} "
                        f"(shown in English): {', '.join(missing)}"
                    )
    return warnings


def localised_tables(tables: dict[str, pd.DataFrame], lang: str) -> dict[str, pd.DataFrame]:
    """The named tables in `lang`: the atlas's labels from the catalogue, then the official names of names.csv
    (a source's own term wins); rows without either keep their English name."""
    catalogue = translations(lang)
    out: dict[str, pd.DataFrame] = {}
    for table, (field, context) in CATALOGUED.items():
        if table in tables:
            frame = tables[table].copy()
            frame[field] = [catalogue.pgettext(context, v) for v in frame[field]]
            out[table] = frame
    names = tables.get("names")
    if names is None or not len(names):
        return out
    chosen = names[names["lang"] == lang]
    for table, group in chosen.groupby("table"):
        if table not in tables:
            continue
        frame = out.get(str(table), tables[table]).copy()
        for field, rows in group.groupby("field"):
            by_id = dict(zip(rows["id"], rows["value"]))
            frame[field] = [by_id.get(i, v) for i, v in zip(frame["id"], frame[field])]
        out[str(table)] = frame
    return out
