"""Facts and the paragraphs they come from.

Every fact in the comparison carries evidence, so the screen can open the exact
paragraph (and highlight the span) and the Markdown export can cite its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    article_id: str
    paragraph_index: int
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "paragraph_index": self.paragraph_index,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Fact:
    """One cell entry: `fields` are the row-specific keys (name, role, ...)."""

    key: str
    fields: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)
    order: tuple[Any, ...] = ()

    def add(self, ev: Evidence) -> None:
        key = (ev.article_id, ev.paragraph_index)
        seen = self.__dict__.get("_seen")
        if seen is None:
            seen = self.__dict__["_seen"] = {(e.article_id, e.paragraph_index) for e in self.evidence}
        if key not in seen:
            seen.add(key)
            self.evidence.append(ev)

    def to_json(self) -> dict[str, Any]:
        return {**self.fields, "evidence": [e.to_json() for e in self.evidence]}


class FactSet:
    """Facts keyed so that the same fact seen in several paragraphs is one entry."""

    def __init__(self) -> None:
        self._facts: dict[str, Fact] = {}

    def add(self, key: str, fields: dict[str, Any], ev: Evidence, order: tuple[Any, ...] = ()) -> Fact:
        fact = self._facts.get(key)
        if fact is None:
            fact = self._facts[key] = Fact(key, dict(fields), [], order)
        else:
            for name, value in fields.items():
                if fact.fields.get(name) in (None, "", []) and value not in (None, "", []):
                    fact.fields[name] = value
        fact.add(ev)
        return fact

    def get(self, key: str) -> Fact | None:
        return self._facts.get(key)

    def __iter__(self):
        return iter(self._facts.values())

    def __len__(self) -> int:
        return len(self._facts)
