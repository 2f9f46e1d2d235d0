"""Checks a data package: strict reader, frictionless-py's schema checks, the atlas's rules; every problem at once."""

from __future__ import annotations

from pathlib import Path

from dashboard.data import cells, evidence_rules, rules, schema
from dashboard.data.cells import EXTRA_ISO3, known_codes
from dashboard.data.problems import DataPackageError, Problem, RawTable, problem_lines
from dashboard.data.reading import load_descriptor, read_raw_table
from dashboard.data.verdicts import remember_valid, seen_valid

__all__ = [
    "EXTRA_ISO3",
    "DataPackageError",
    "Problem",
    "RawTable",
    "known_codes",
    "problem_lines",
    "read_and_validate",
    "validate_package",
]


def _descriptor(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    descriptor, problems = load_descriptor(data_dir)
    problems = problems or schema.shape_problems(descriptor)
    problems = problems or cells.path_problems(data_dir, descriptor)
    return (None if problems else descriptor), problems


def _one_per_cell(problems: list[Problem]) -> list[Problem]:
    """The first problem found in a cell says the most (stray whitespace, then the schema, then the rules)."""
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for problem in problems:
        if problem.row and problem.cell in seen:
            continue
        seen.add(problem.cell)
        kept.append(problem)
    return kept


def read_and_validate(data_dir: Path) -> tuple[dict | None, dict[str, RawTable], list[Problem]]:
    """Read every table and run every check. Returns the descriptor, the raw tables and all problems."""
    data_dir = Path(data_dir)
    descriptor, problems = _descriptor(data_dir)
    if descriptor is None:
        return None, {}, problems
    tables: dict[str, RawTable] = {}
    for resource in descriptor["resources"]:
        table, found = read_raw_table(data_dir, resource)
        problems += found
        if table is not None:
            tables[resource["name"]] = table
    for resource in descriptor["resources"]:
        if resource["name"] in tables:
            problems += cells.hygiene_problems(tables[resource["name"]], resource["schema"])
    if not seen_valid(data_dir, descriptor):  # frictionless-py takes seconds: a package it passed is remembered
        checked = schema.descriptor_problems(descriptor)
        checked = checked or schema.table_problems(descriptor, tables)
        if not checked and not problems and len(tables) == len(descriptor["resources"]):
            remember_valid(data_dir, descriptor)
        problems += checked
    problems += _rules(descriptor, tables) + evidence_rules.check_rules(tables, data_dir)
    return descriptor, tables, _one_per_cell(problems)


def _rules(descriptor: dict, tables: dict[str, RawTable]) -> list[Problem]:
    problems: list[Problem] = []
    codes = known_codes(tables.get("states"))
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        problems += cells.form_problems(table, resource["schema"])
        problems += cells.url_problems(table)
        problems += cells.list_reference_problems(table, resource["schema"], tables)
        problems += cells.iso3_problems(table, resource["schema"], codes)
    for rule in rules.PACKAGE_RULES:
        problems += rule(tables)
    if len(tables) == len(descriptor["resources"]):  # with a table unreadable, every source would look uncited
        problems += rules.sources_used_problems(tables)
    return problems


def validate_package(data_dir: Path) -> list[Problem]:
    """All problems with the data package in `data_dir`; an empty list means valid."""
    return read_and_validate(data_dir)[2]
