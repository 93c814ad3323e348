"""What the coding tests share: the events a coder finds in a sentence written for a test, dated
as the test's own setting needs, and their (source, target, code) triples."""

from __future__ import annotations


def events_dated(default_published: str, default_modality: str | None = "asserted"):
    """A function coding one sentence as published on ``default_published`` and keeping the
    events of one modality (``None``: all of them)."""
    def events(coder, text, published=default_published, modality=default_modality):
        return [e for e in coder.code_text(text, published, "t") if modality is None or e["modality"] == modality]
    return events


def triples(events, field: str = "root") -> list[tuple[str, str, str]]:
    """Sorted (source state, target state, root or code) of each event."""
    return sorted((e["source_country"], e["target_country"], e[field]) for e in events)
