"""Build the per-language search index with Pagefind after the site is written.

Material's own search writes one index for every language and chains their
stemmers, so inflected words find nothing. Pagefind splits its index by each
page's `<html lang>` and stems en, ru, ro and es; Ukrainian queries are stemmed
in the browser (see docs/assets/replybook.js), since Pagefind has no Ukrainian
stemmer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says what it printed."""


def build_search_index(site_dir: Path) -> None:
    """Run Pagefind over ``site_dir``, writing ``site_dir/pagefind/``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
               # heading permalinks (¶) and the outline's repeated questions are not content
               "--exclude-selectors", ".headerlink", "--exclude-selectors", ".rb-outline"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from exc
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): {output}")
