"""`python -m dashboard export`: views as PNG, SVG, PDF, HTML or CSV files, or several views as a .pptx deck."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.export.caption import export_filename
from dashboard.export.formats import export_view
from dashboard.export.params import (
    DEFAULT_BASE_URL,
    DEFAULT_SIZE,
    FILENAME_PREFIX,
    FILM_FORMATS,
    FILM_VIEWS,
    MAX_SCALE,
    MAX_SIZE,
    MIN_SCALE,
    MIN_SIZE,
    ExportError,
    check_base_url,
    check_size,
    plan_export,
    size_from_query,
    split_address,
)
from dashboard.strings import LANGS, language, t
from dashboard.viewstate import Catalog, parse_view

NAME = "export"
HELP = "write views as PNG, SVG, PDF, HTML or CSV, several views as a .pptx deck, or the map as a film (.gif, .mp4)"


def add_arguments(p) -> None:
    p.add_argument("views", nargs="+", metavar="VIEW", help='a view address, e.g. "map?process=puebla&year=2000"')
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the file to write; its extension picks the format: .png .svg .pdf .html .csv, .pptx for a deck, "
        "or .gif .mp4 for a film of the map (one frame per year); default: a PNG (several views: a deck) named "
        "for the view, e.g. budapest-1995-map.png",
    )
    p.add_argument(
        "--from",
        dest="from_year",
        metavar="YEAR",
        help="a film (.gif, .mp4) of the map: its first year (default: the earliest founding of the processes shown)",
    )
    p.add_argument("--to", dest="to_year", metavar="YEAR", help="a film's last year (default: the map's year)")
    p.add_argument("--width", help=f"image width in pixels, {MIN_SIZE}-{MAX_SIZE} (default {DEFAULT_SIZE[0]})")
    p.add_argument("--height", help=f"image height in pixels, {MIN_SIZE}-{MAX_SIZE} (default {DEFAULT_SIZE[1]})")
    p.add_argument("--scale", help=f"pixel density, {MIN_SCALE}-{MAX_SCALE} (default 1)")
    p.add_argument("--theme", choices=("light", "dark", "slide"), help="override the theme in the address(es)")
    p.add_argument(
        "--lang",
        choices=LANGS,
        help="the language of the exports and of this command's messages; overrides lang= in the address(es) "
        "(default: each address's own lang=, else English)",
    )
    p.add_argument(
        "--base-url", default=None, help=f"where permalinks point (default $ATLAS_BASE_URL or {DEFAULT_BASE_URL})"
    )
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help="data package directory (default: bundled)")


def _human_size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def progress_bar(done: int, total: int, *, stream=None, width: int = 30) -> None:
    """'Rendering the film [##########----------] 7/14 frames' on one line, rewritten as frames come."""
    stream = stream or sys.stderr
    filled = round(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    stream.write(f"\r{t('film.bar')} [{'#' * filled}{'-' * (width - filled)}] {done}/{total} {t('film.bar_unit')}{end}")
    stream.flush()


def _film(atlas, state, fmt: str, args, given: dict) -> bytes:
    from dashboard.export.film import export_film, plan_film

    if state.view not in FILM_VIEWS:
        raise ExportError("view", t("film.error.view", view=state.view, ext=fmt))
    plan = plan_film(
        atlas,
        state,
        args.from_year or given.get("from"),
        args.to_year or given.get("to"),
        args.width or given.get("width"),
        args.height or given.get("height"),
        args.scale or given.get("scale"),
    )
    if args.theme:
        state = state.with_(theme=args.theme)
    return export_film(atlas, state, fmt, plan, root=args.base_url, progress=progress_bar)


def default_output(addresses: list[str], catalog: Catalog) -> Path:
    """'budapest-1995-map.png' for one view (what it shows, then the view); 'migration-atlas-deck.pptx' for several."""
    if len(addresses) > 1:
        return Path(f"{FILENAME_PREFIX}-deck.pptx")
    view, query = split_address(addresses[0])
    return Path(export_filename(view, "png", state=parse_view(query, catalog, view=view)[0]))


def run(args) -> int:
    with language(getattr(args, "lang", None)):
        return _run(args)


def _run(args) -> int:
    from dashboard.data.atlas import load_atlas
    from dashboard.export.renderer import RendererUnavailable

    try:
        if args.output is None:
            args.output = default_output(args.views, Catalog.from_atlas(load_atlas(args.data)))
        fmt = plan_export(args.views, args.output)
        if args.output.is_dir():
            raise ExportError("output", t("export.error.output", path=args.output, reason="it is a directory"))
        if args.base_url is not None:
            args.base_url = check_base_url(args.base_url)
        atlas = load_atlas(args.data)
        catalog = Catalog.from_atlas(atlas)
        jobs = []
        for address in args.views:
            view, query = split_address(address)
            given = size_from_query(query)
            size = check_size(
                args.width or given.get("width"), args.height or given.get("height"), args.scale or given.get("scale")
            )
            state, notices = parse_view(query, catalog, view=view)
            if getattr(args, "lang", None):
                state = state.with_(lang=args.lang)
            for notice in notices:
                print(f"{address}: {notice}", file=sys.stderr)
            jobs.append((state, size, bool(args.width or args.height or "width" in given or "height" in given)))
        if fmt in FILM_FORMATS:
            ((state, _, _),) = jobs
            data = _film(atlas, state, fmt, args, size_from_query(split_address(args.views[0])[1]))
        elif fmt == "pptx":
            from dashboard.export.deck import write_deck

            data = write_deck(atlas, jobs, theme=args.theme, root=args.base_url)
        else:
            ((state, (w, h, s), _),) = jobs
            data = export_view(atlas, state, fmt, width=w, height=h, scale=s, theme=args.theme, root=args.base_url)
    except (ExportError, RendererUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, ExportError) else 3
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
    except OSError as exc:
        print(
            f"error: {t('export.error.output', path=args.output, reason=exc.strerror or type(exc).__name__)}",
            file=sys.stderr,
        )
        return 2
    print(t("export.written", path=args.output, size=_human_size(len(data))))
    return 0
