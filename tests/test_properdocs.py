"""The ProperDocs check, run for real: `python -m studybook.tools.properdocs` (make check-properdocs).

It makes (or reuses) .cache/properdocs-venv, builds the book with properdocs and with
mkdocs into temporary directories, and compares them; see the module's docstring.
"""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_properdocs_builds_the_same_book_as_mkdocs():
    result = subprocess.run([sys.executable, "-m", "studybook.tools.properdocs"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "files compared" in result.stdout
