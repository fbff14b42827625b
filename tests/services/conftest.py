"""Fixtures shared by the services' tests."""

import pytest

import app.services.review as review_module
from app.domain.factcheck import ReadNotes, read_notes


@pytest.fixture
def notes_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every source text the review reads for a check, in order; the reading itself is real."""
    read: list[str] = []

    def reading(source: str) -> ReadNotes:
        read.append(source)
        return read_notes(source)

    monkeypatch.setattr(review_module, "read_notes", reading)
    return read
