"""Every ``python`` example in docs/python-api.md runs, from the top of the repository, in a
fresh namespace: the library API the page documents is the one the package has."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from kg.model import Cable

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "python-api.md"
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = [match.group(1) for match in FENCE.finditer(DOC.read_text())]


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{k}" for k in range(len(EXAMPLES))])
def test_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, str(DOC), "exec"), {"__name__": "__docs__"})


def test_every_documented_cable_field_exists() -> None:
    documented = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", DOC.read_text(), re.MULTILINE))
    names = {name for pair in documented for name in pair if name}
    assert names <= {f.name for f in fields(Cable)}
    assert {"reference_id", "subject", "tags", "references", "classified_by"} <= names
