"""Pictures of every view and export to look at: screenshots, exports, decks rendered, and contact sheets of them.

    python scripts/look.py [--out DIR] [--port N] [--only views|exports|decks]

Starts the app on a free port (or uses a running one with --url), then writes under DIR (default /tmp/atlas-look):
  views/      each view of VIEWS in real Chromium at 1280 x 800 and 1920 x 1080 (full page)
  exports/    each address of EXPORTS as PNG, SVG and PDF at 1920 x 1080 and 1280 x 720, SVG drawn by Chromium,
              PDF by pdftoppm (or Ghostscript); HTML exports opened from disk at both sizes; a film's frames
  decks/      a deck of DECK from the app, as .pptx rendered by LibreOffice headless, and as the offline .html
  sheets/     the same pictures four to a sheet, with their names, to look through quickly
  index.md    the list of everything written, for a closing note
The pictures are for eyes, not for asserting: the tests check what can be measured.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

VIEWS = [
    "map",
    "map?process=budapest&year=1995",
    "map?process=bali&year=2006&lang=es",
    "map?org=iom&year=1990&lang=fr",
    "map?process=budapest&year=2006&compare=1995",
    "map?layer=agreements&year=1970",
    "map?process=rabat,khartoum&match=all&year=2016",
    "map?country=DEU&year=2006",
    "map?process=rcm&year=2000&theme=slide",
    "map?year=2006&theme=dark&zoom=world",
    "timeline",
    "timeline?kind=regional&lang=fr",
    "timeline?issue=asylum&theme=dark",
    "mandates",
    "mandates?org=ilo,unhcr,iom&lang=es",
    "overlaps?year=2006",
    "present?view=map%3Fprocess%3Dbudapest%26year%3D1995&view=timeline%3Fkind%3Dregional",
    "about",
    "embed/map?process=puebla&year=2000",
]
EXPORTS = [
    "map?process=budapest&year=1995",
    "map?year=2006&lang=es",
    "map?process=bali&year=2006&lang=es",
    "map?process=budapest&year=2006&compare=1995",
    "map?org=iom&year=1990&lang=fr",
    "map?layer=agreements&year=1970",
    "map?country=DEU&year=2006",
    "timeline?kind=regional",
    "timeline?issue=asylum&lang=fr",
    "mandates",
    "mandates?org=ilo,unhcr,iom",
    "overlaps?year=2006",
]
SIZES = {"views": [(1280, 800), (1920, 1080)], "exports": [(1920, 1080), (1280, 720)]}
DECK = [
    "map?process=budapest&year=1995",
    "map?process=budapest&year=2006&compare=1995",
    "timeline?kind=regional",
    "mandates?org=ilo,unhcr,iom",
    "overlaps?year=2006",
    "map?country=DEU&year=2006&lang=fr",
]
FILM = "map?process=budapest&from=1993&to=2006"


def slug(address: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in urllib.parse.unquote(address))
    return "-".join(p for p in keep.split("-") if p)[:90]


REFUSED: list[str] = []  # exports the app refused (too small to read, ...), with its words, for the index


class Refused(Exception):
    pass


def get(url: str, path: Path) -> Path:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310 - the app on loopback
            path.write_bytes(response.read())
    except urllib.error.HTTPError as error:  # a refusal is an answer to look at too: what it says
        REFUSED.append(f"- {url.split('/export/', 1)[-1]}: {error.code} {error.read().decode('utf-8', 'replace')}")
        raise Refused(url) from error
    return path


def pdf_pages(pdf: Path, stem: Path, width: int) -> list[Path]:
    """The pages of a PDF as PNGs: pdftoppm where it is installed (Debian's poppler-utils), else Ghostscript."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", pdf, stem], check=True)
    else:
        subprocess.run(["gs", "-q", "-sDEVICE=png16m", "-r96", "-o", f"{stem}-%d.png", pdf], check=True)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def shoot(page, url: str, path: Path, size, full: bool = True) -> Path:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=full, timeout=120_000, animations="disabled")
    return path


def views(page, base: str, out: Path) -> list[Path]:
    done = []
    for address in VIEWS:
        for size in SIZES["views"]:
            done.append(shoot(page, f"{base}/{address}", out / f"{slug(address)}-{size[0]}.png", size))
    return done


def exports(page, base: str, out: Path) -> list[Path]:
    done = []
    for address in EXPORTS:
        view, _, query = address.partition("?")
        for w, h in SIZES["exports"]:
            stem = out / f"{slug(address)}-{w}x{h}"
            sized = f"{query}&width={w}&height={h}".lstrip("&")
            for fmt in ("png", "svg", "pdf", "html"):
                try:
                    got = get(f"{base}/export/{view}.{fmt}?{sized if fmt != 'html' else query}", Path(f"{stem}.{fmt}"))
                except Refused:
                    continue
                if fmt == "png":
                    done.append(got)
                elif fmt == "pdf":
                    done += pdf_pages(got, Path(f"{stem}-pdf"), w)
                else:
                    done.append(shoot(page, got.resolve().as_uri(), Path(f"{stem}-{fmt}.png"), (w, h), fmt == "html"))
    view, _, query = FILM.partition("?")
    for w, h in SIZES["exports"]:
        gif = get(f"{base}/export/{view}.gif?{query}&width={w}&height={h}", out / f"film-{w}x{h}.gif")
        from PIL import Image

        with Image.open(gif) as film:
            for frame in (0, film.n_frames - 1):
                film.seek(frame)
                path = out / f"film-{w}x{h}-frame{frame}.png"
                film.convert("RGB").save(path)
                done.append(path)
    return done


def decks(page, base: str, out: Path) -> list[Path]:
    query = urllib.parse.urlencode([("view", v) for v in DECK])
    pptx = get(f"{base}/export/deck.pptx?{query}", out / "deck.pptx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    done = pdf_pages(out / "deck.pdf", out / "deck-pptx", 1600)
    html = get(f"{base}/export/deck.html?{query}", out / "deck.html")
    done.append(shoot(page, html.resolve().as_uri(), out / "deck-html-1.png", (1920, 1080)))
    for n in range(2, len(DECK) + 1):  # the slide show steps with the arrow keys (a new #hash is not a new page)
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out / f"deck-html-{n}.png"), timeout=120_000, animations="disabled")
        done.append(out / f"deck-html-{n}.png")
    return done


def sheets(paths: list[Path], out: Path) -> list[Path]:
    """Four pictures to a 1920-wide sheet, each with its file name above it."""
    from PIL import Image, ImageDraw

    made = []
    for n in range(0, len(paths), 4):
        group = paths[n : n + 4]
        tiles = []
        for p in group:
            with Image.open(p) as im:
                im = im.convert("RGB")
                im.thumbnail((950, 1400))
                tiles.append((p.name, im.copy()))
        row_h = [max(t[1].height for t in tiles[i : i + 2]) + 24 for i in range(0, len(tiles), 2)]
        sheet = Image.new("RGB", (1920, sum(row_h)), "#888")
        draw = ImageDraw.Draw(sheet)
        y = 0
        for r, i in enumerate(range(0, len(tiles), 2)):
            for c, (name, im) in enumerate(tiles[i : i + 2]):
                draw.text((c * 960 + 5, y + 5), name, fill="white")
                sheet.paste(im, (c * 960 + 5, y + 22))
            y += row_h[r]
        path = out / f"sheet-{n // 4 + 1:02d}.png"
        sheet.save(path)
        made.append(path)
    return made


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/atlas-look"))
    parser.add_argument("--url", help="a running app, e.g. http://127.0.0.1:8050 (default: start one)")
    parser.add_argument("--only", choices=("views", "exports", "decks"), action="append")
    args = parser.parse_args(argv)
    parts = args.only or ["views", "exports", "decks"]
    server = None
    base = args.url
    if not base:
        from dashboard.bench.harness import free_port

        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--port", str(port)])
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/about", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
    from playwright.sync_api import sync_playwright

    index = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            for part in parts:
                folder = args.out / part
                folder.mkdir(parents=True, exist_ok=True)
                pictures = {"views": views, "exports": exports, "decks": decks}[part](page, base, folder)
                (args.out / "sheets" / part).mkdir(parents=True, exist_ok=True)
                made = sheets(pictures, args.out / "sheets" / part)
                index.append(f"## {part}\n" + "\n".join(f"- {p.relative_to(args.out)}" for p in pictures))
                index.append("### sheets\n" + "\n".join(f"- {p.relative_to(args.out)}" for p in made))
                print(f"{part}: {len(pictures)} pictures, {len(made)} sheets", flush=True)
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    index.append("## refused by the app\n" + ("\n".join(REFUSED) or "none"))
    (args.out / "index.md").write_text("\n\n".join(index) + "\n", encoding="utf-8")
    print(args.out / "index.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
