"""Take screenshots of every page type (desktop and phone, light and dark).

Usage: python -m tests.browser.screenshots SITE_DIR OUT_DIR [lang ...]
For looking at what we build; not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.browser.harness import chromium, serve

PAGES = {
    "home": "",
    "playbook": "playbooks/facts-not-verified-yet/",
    "playbooks": "playbooks/",
    "tree": "trees/triage/",
    "templates": "templates/",
    "principles": "principles/",
    "case": "cases/epicentr-leroy-merlin/",
    "times": "response-times/",
    "sources": "sources/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(site: Path, out: Path, languages: list[str], only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            for device, (width, height) in VIEWPORTS.items():
                page.set_viewport_size({"width": width, "height": height})
                for language in languages:
                    prefix = "" if language == "en" else f"{language}/"
                    for name, path in PAGES.items():
                        if only and name not in only:
                            continue
                        response = page.goto(base + prefix + path)
                        if response is None or response.status != 200:
                            continue
                        page.evaluate("localStorage.clear()")  # Material remembers the last scheme
                        page.reload()
                        page.wait_for_timeout(150)
                        target = out / f"{name}-{language}-{device}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=device == "desktop")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]), Path(args[1]), args[2:] or ["en"], None)
