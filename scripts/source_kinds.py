"""The rule that gives every source in data/sources.csv its kind: primary, secondary or mirror.

- primary: the body's own site or document: a process's or an organisation's own site (IOM, the UN and its
  agencies, ICMPD, the EU institutions, the OECD, the Council of Europe, the processes' secretariats), or a
  government's or parliament's (a government domain such as .gov, .gouv.fr, .admin.ch, or a named ministry site);
- mirror: a copy of a document on a host that did not publish it (document-sharing sites such as yumpu, docplayer,
  docslib; web archives; Wikipedia mirrors; press-release re-publishers); the essay and link farms the atlas does
  not cite (FARM_HOSTS) are mirrors too and are removed from the data;
- secondary: everything else (research, press, reference works, blogs).
The host decides (HOSTS below, most specific suffix first); a host not listed is secondary.

    python scripts/source_kinds.py            # print sources whose kind differs from the rule
    python scripts/source_kinds.py --write    # set the kind column by the rule
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources.csv"
FARM_HOSTS = ("lw881.com", "piglix.com", "liquisearch.com", "studylib.net", "studylib.es")
PRIMARY = (
    "iom.int", "iom.ch", "un.org", "unhcr.org", "unhcr.org.ua", "ilo.org", "undp.org", "worldbank.org", "unsceb.org",
    "un-ilibrary.org", "icmpd.org", "budapestprocess.org", "pragueprocess.eu", "baliprocess.net",
    "colomboprocess.org", "rabat-process.org", "processusderabat.net", "khartoumprocess.net",
    "eapmigrationpanel.org", "pidcsec.org", "gfmd.org", "csm-osumi.org", "crmsv.org", "rcmvs.org", "apcprocess.net",
    "abudhabidialogue.org", "abudhabidialogue.org.ae", "midwa.org", "caribbeanmigration.org", "igad.int",
    "oecd.org", "oecd-ilibrary.org", "coe.int", "europa.eu", "osce.org", "comunidadandina.org", "sela.org",
    "correlatesofwar.org", "africa-eu-partnership.org", "migrationpartnershipfacility.eu",
    "unov.org", "ohchr.org", "unfpa.org", "unodc.org", "unodc.org.co", "migrationdataportal.org",
    "emn.intrasoft-intl.com",
    # governments and parliaments
    "admin.ch", "mzv.cz", "mzv.gov.cz", "mvcr.cz", "esteri.it", "government.nl", "diplomatie.gouv.fr",
    "francearchives.gouv.fr", "diplomatie.belgium.be", "mfa.gov.lk", "mlfe.gov.lk", "fmprc.gov.cn", "enbek.gov.kz",
    "migration.gov.az", "commission.ge", "foreignminister.gov.au", "parlinfo.aph.gov.au", "history.state.gov",
    "sg.mai.gov.pt", "ministryofjustice.gr", "wien-osze.diplo.de", "eu-norway.org", "olai.public.lu",
    "oecd.kormany.hu", "hciseychelles.gov.in", "iom.bg", "cancilleria.gov.co", "maroc.ma", "temaasyl.se", "g-8.de",
    "news.belgium.be",
    "gob.es", "hablamosdeeuropa.es",
)  # fmt: skip
MIRROR = FARM_HOSTS + (
    "yumpu.com", "docplayer.net", "docplayer.com.br", "docslib.org", "docsbay.net", "fdocuments.us",
    "fdocuments.net", "fdocuments.in", "fdocuments.co", "vdocuments.net", "vdocuments.mx", "vdocument.in",
    "lawsdocbox.com", "kipdf.com", "scribd.com", "documents.pub", "123dok.co", "123dok.net", "9lib.net", "doczz.fr", "paperzz.com",
    "dokumen.tips", "pdfslide.net", "docstoc.com", "docest.com", "th4.ilovetranslation.com", "fortunecity.ws",
    "news.lt", "feedreader.com", "yonip.com", "migracioninternacional.com", "sarpn.org", "pireport.org",
    "newsghana.com.gh", "web.archive.org", "replay.waybackmachine.org", "cables.mrkva.eu", "usinfo.org",
    "en-academic.com", "wikimili.com", "wikiwand.com", "wikitia.com", "zxc.wiki", "frwiki.wiki", "wikiital.com",
    "wiki-gateway.eudic.net", "wikipedia.jakami.de", "eurlexa.com", "global-regulation.com", "bundesblatt.weblaw.ch",
    "dre.tretas.org", "lawphil.net", "rrojasdatabank.info", "reliefweb.int", "presseportal.ch",
    "friends-partners.org", "earthsummit2002.org", "fraser.stlouisfed.org", "berthub.eu", "adoc.pub",
    "slideshare.net", "vdocuments.co", "readkong.com", "fdocuments.ec", "un-icc.cloud", "docplayer.fr",
)  # fmt: skip


def host_of(url: str) -> str:
    host = urlsplit(url).netloc.lower().split(":")[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _matches(host: str, suffixes: tuple[str, ...]) -> bool:
    return any(host == s or host.endswith("." + s) for s in suffixes)


def kind_of(url: str) -> str:
    """'primary', 'secondary' or 'mirror' for a source's URL, by the rule in this module's docstring."""
    host = host_of(url)
    if _matches(host, MIRROR):
        return "mirror"
    if _matches(host, PRIMARY) or ".gov." in f".{host}." or host.endswith((".gov", ".gouv.fr")):
        return "primary"
    return "secondary"


def is_farm(url: str) -> bool:
    return _matches(host_of(url), FARM_HOSTS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="set the kind column of data/sources.csv")
    args = parser.parse_args(argv)
    with open(SOURCES, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    differ = [r for r in rows if r.get("kind") != kind_of(r["url"])]
    for r in differ:
        print(f"{r['id']}: {r.get('kind')!r} -> {kind_of(r['url'])!r} ({host_of(r['url'])})")
    if args.write:
        if "kind" not in fields:
            fields.insert(fields.index("accessed") + 1, "kind")
        for r in rows:
            r["kind"] = kind_of(r["url"])
        with open(SOURCES, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
