"""The real guide, loaded once for the content tests."""

from __future__ import annotations

import pytest

from replybook.library import load_library


@pytest.fixture(scope="session")
def result(project):
    return load_library([project.playbooks_dir], project.languages, base=project.root)


@pytest.fixture(scope="session")
def library(result):
    assert result.library is not None, "\n".join(d.text() for d in result.errors)
    return result.library
