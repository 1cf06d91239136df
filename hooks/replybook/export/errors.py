"""The one error the export engine raises for bad input."""

from __future__ import annotations

from collections.abc import Iterable


class ExportError(ValueError):
    """Bad input to the export engine: an unknown format, tool, language or placeholder.

    The message always says what was wrong and, where there is a closed set, lists the
    valid choices, so that a command line can print it as it is.
    """


def choices(values: Iterable[str]) -> str:
    """The valid choices, sorted and joined for an error message (``a, b, c``)."""
    listed = sorted(set(values))
    return ", ".join(listed) if listed else "(none)"
