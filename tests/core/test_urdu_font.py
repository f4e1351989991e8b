"""The Nastaliq font bundled for Urdu: served from the portal itself, allowed by the CSP, and
declared for Urdu text only."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

FONTS = "fonts/noto-nastaliq-urdu"
FILES = ["noto-nastaliq-urdu-arabic-400-normal.woff2", "noto-nastaliq-urdu-arabic-700-normal.woff2"]
SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


@pytest.mark.parametrize("name", FILES)
def test_the_nastaliq_font_files_are_served_as_woff2(client, name):
    response = client.get(f"/static/{FONTS}/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "font/woff2"
    assert b"".join(response.streaming_content)[:4] == b"wOF2"


def test_the_font_ships_with_its_open_font_license():
    license_text = Path(finders.find(f"{FONTS}/LICENSE")).read_text(encoding="utf-8")

    assert "SIL Open Font License, Version 1.1" in license_text


def test_the_font_files_stay_small():
    sizes = [Path(finders.find(f"{FONTS}/{name}")).stat().st_size for name in FILES]

    assert sum(sizes) < 350_000


def test_the_stylesheet_declares_every_bundled_file_and_sets_urdu_in_nastaliq():
    css = SITE_CSS.read_text(encoding="utf-8")

    declared = re.findall(r'url\("\.\./fonts/noto-nastaliq-urdu/([^"]+)"\)', css)
    assert sorted(declared) == FILES
    urdu = re.search(r":lang\(ur\) \{([^}]*)\}", css).group(1)
    assert 'font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq"' in urdu


@pytest.mark.django_db
def test_the_csp_lets_pages_load_fonts_from_the_portal_only(client):
    csp = client.get("/", secure=True).headers["Content-Security-Policy"]

    assert "font-src 'self'" in csp
