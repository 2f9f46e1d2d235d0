"""`python -m dashboard coverage`: states shown against the count a source states, per process and year."""

from __future__ import annotations

from dashboard.cli import main
from dashboard.cli.coverage import coverage_rows


def test_rows_compare_what_is_drawn_with_the_sources_count(atlas):
    rows = {(r["process"], r["year"]): r for r in coverage_rows(atlas, [1995, 2003, 2006])}
    budapest = rows["Budapest Process", 1995]
    assert (budapest["members"], budapest["observers"], budapest["count"], budapest["source"]) == (
        3,
        2,
        "33",
        "fecl-budapest-1993",
    )
    assert rows["Budapest Process", 2003]["count"] == "43"
    assert rows["HLD 2006", 2006]["members"] == 0 and rows["HLD 2006", 2006]["count"]  # a count, no names
    assert rows["HLD 2006", 2006]["eligible"] >= 185 and rows["Budapest Process", 2003]["eligible"] == 0
    assert ("HLD 2006", 2003) not in rows  # not yet held
    assert rows["IGC", 2003]["members"] == 15 and rows["IGC", 2003]["source"] == "utrop-igc-norway-chair"


def test_command_prints_the_table(capsys):
    assert main(["coverage", "--years", "1995"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "process",
        "year",
        "members",
        "observers",
        "eligible",
        "count",
        "what",
        "source",
    ]
    assert any(line.startswith("Budapest Process") and "fecl-budapest-1993" in line for line in out.splitlines())
