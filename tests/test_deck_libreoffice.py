"""A deck from the app opens in LibreOffice Impress (Debian's libreoffice-impress, headless): one page per view, each
with its title, source line and permalink, the chart drawn across the page."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import quote

from pypdf import PdfReader

VIEWS = ("/map?process=budapest&year=1995", "/timeline?issue=asylum")


def test_libreoffice_converts_the_deck_page_by_page(client, renderer, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_BASE_URL", "http://atlas.example")
    response = client.get("/export/deck.pptx?" + "&".join("view=" + quote(v, safe="") for v in VIEWS))
    assert response.status_code == 200
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(response.data)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: apt-get install libreoffice-impress (make deps does)"
    # A profile of its own: a second soffice sharing the default profile would hand the job to the first and exit.
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0 and (tmp_path / "deck.pdf").is_file(), run.stdout + run.stderr
    pages = PdfReader(tmp_path / "deck.pdf").pages
    assert len(pages) == len(VIEWS)
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert texts[0].startswith("Budapest Process: members and observers, 1995")
    assert texts[1].startswith("Migration governance over time")
    for page in pages:  # the footer wraps between words, and the export date stays on one line
        lines = [" ".join(line.replace("\u00a0", " ").split()) for line in page.extract_text().splitlines()]
        assert any(re.search(r"Exported \d{1,2} \w+ \d{4}$", line) for line in lines), lines[-4:]
        assert not any(re.search(r"(Exported|Exported \d{1,2}|Exported \d{1,2} \w+)$", line) for line in lines)
    for text, view in zip(texts, VIEWS):
        assert "Source: Migration Governance Atlas; data from" in text
        assert f"http://atlas.example{view}" in text
    for page in pages:  # 16:9, and the chart is on it at full resolution (LibreOffice keeps its alpha apart)
        box = page.mediabox
        assert round(float(box.width) / float(box.height), 2) == 1.78
        assert max(image.image.width for image in page.images) == 1920
