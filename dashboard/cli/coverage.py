"""`python -m dashboard coverage`: per process and year, the states the map shows against the count a source states."""

from __future__ import annotations

from dashboard.cli.common import data_arg

NAME = "coverage"
HELP = "print, per process and for 1995, 2000, 2003, 2006, the states the map shows against the count a source states"
YEARS = (1995, 2000, 2003, 2006)


def add_arguments(parser) -> None:
    data_arg(parser)
    parser.add_argument(
        "--years", type=int, nargs="+", default=list(YEARS), metavar="YEAR", help="years (default %(default)s)"
    )


def coverage_rows(atlas, years) -> list[dict]:
    """One row per process and year it ran: members and observers drawn, and the latest count up to that year."""
    from dashboard.views import evidence, queries

    counts = evidence.counts_table(atlas)
    out = []
    for pid, proc in atlas.process_by_id.items():
        for year in years:
            if not queries.active_processes(atlas, [pid], year):
                continue
            rows = queries.memberships_in_year(atlas, [pid], year)
            shown = rows.groupby("role")["iso3"].nunique().to_dict()
            c = counts[(counts["process_id"] == pid) & (counts["year"] <= year)]
            c = c[c["year"] == c["year"].max()].head(1) if len(c) else c
            r = next(c.itertuples(), None)
            out.append(
                {
                    "process": proc["short_name"],
                    "year": year,
                    "members": shown.get("member", 0),
                    "observers": shown.get("observer", 0),
                    "eligible": len(evidence.eligible_rows(atlas, pid, year, set(rows["iso3"]))),
                    "count": ""
                    if r is None
                    else f"{'~' if r.qualifier == 'about' else '>' if r.qualifier == 'at-least' else ''}{r.count}",
                    "what": ""
                    if r is None
                    else f"{r.unit}{' (expected)' if r.qualifier == 'expected' else ''}, {r.date}",
                    "source": "" if r is None else r.source_id,
                }
            )
    return out


def run(args) -> int:
    from dashboard.cli.common import print_problems
    from dashboard.data.atlas import load_atlas
    from dashboard.data.validate import DataPackageError

    try:
        atlas = load_atlas(args.data)
    except DataPackageError as exc:
        print_problems(exc.problems, args.data)
        return 1
    rows = coverage_rows(atlas, args.years)
    header = ("process", "year", "members", "observers", "eligible", "count", "what", "source")
    widths = {h: max(len(h), *(len(str(r[h])) for r in rows)) for h in header}
    print("  ".join(h.ljust(widths[h]) for h in header))
    for r in rows:
        print("  ".join(str(r[h]).ljust(widths[h]) for h in header).rstrip())
    print(
        "\nmembers, observers: the states drawn on the map that year; eligible: for a process open to all UN member "
        "states, the UN member states it draws as eligible (never counted as members); count: the latest number a "
        "source gives up to that year (~ about, > over), with what it counts, the meeting's date and the source id."
    )
    return 0
