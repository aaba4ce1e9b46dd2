"""Score stored entities against a hand reading of the same articles
(`tests/data/seeds-reading.json`): precision, recall and F1 per type, and the
share of people whose role is right.

Rules: a 'required' item must be found; an 'optional' one may be found without
penalty; any other entity of that type in the article counts against
precision. An entity matches an item when its name or one of its aliases is
the item's name (compared without spaces, dots or a parenthesis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.extract.found import norm

#: reading key -> entity type
TYPE_KEYS = {
    "people": "person",
    "organizations": "organization",
    "places": "place",
    "events": "event",
    "initiatives": "initiative",
}
_PAREN = re.compile(r"\([^)]*\)")


@dataclass
class TypeScore:
    type: str
    required: int = 0
    found_required: int = 0
    true_positive: int = 0  # entities that match a required item
    false_positive: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = self.true_positive + self.false_positive
        return self.true_positive / n if n else 1.0

    @property
    def recall(self) -> float:
        return self.found_required / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    types: dict[str, TypeScore]
    roles_checked: int = 0
    roles_right: int = 0
    wrong_roles: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def role_share(self) -> float:
        return self.roles_right / self.roles_checked if self.roles_checked else 1.0


def _key(name: str) -> str:
    return norm(_PAREN.sub("", name))


def role_right(ours: str | None, our_affiliation: str | None, gold: dict[str, Any]) -> bool:
    """Right when the title agrees and any qualifier one side adds is the
    affiliation ("의장" with 포항시의회 = "포항시의회 의장"; "시장" of 밴쿠버 =
    "밴쿠버 시장")."""
    if not ours or not gold.get("role"):
        return False
    a, b = _key(ours), _key(gold["role"])
    forms_ours = {a, _key((our_affiliation or "") + ours)}
    forms_gold = {b, _key((gold.get("affiliation") or "") + gold["role"])}
    if forms_ours & forms_gold:
        return True
    return a.endswith(b) or b.endswith(a)


def evaluate(db: Any, reading: dict[str, Any]) -> Evaluation:
    from store.entity_store import entities

    ev = Evaluation(types={t: TypeScore(t) for t in TYPE_KEYS.values()})
    for art in reading["articles"]:
        row = db.execute(
            "SELECT article_id FROM sources WHERE path LIKE ? AND article_id IS NOT NULL", [f"%{art['file']}"]
        ).fetchone()
        if row is None:
            continue
        ev.articles += 1
        aid = row[0]
        found = entities(db, article_id=aid)
        for reading_key, type_ in TYPE_KEYS.items():
            score = ev.types[type_]
            gold = art.get(reading_key) or {}
            required = gold.get("required", [])
            optional = gold.get("optional", [])
            req_names = [g["name"] if isinstance(g, dict) else g for g in required]
            opt_names = [g["name"] if isinstance(g, dict) else g for g in optional]
            ours = [e for e in found if e.type == type_]
            keys_of = {e.id: {_key(n) for n in [e.name, *e.aliases]} for e in ours}
            score.required += len(req_names)
            for g, name in zip(required, req_names):
                match = [e for e in ours if _key(name) in keys_of[e.id]]
                if match:
                    score.found_required += 1
                    if type_ == "person" and isinstance(g, dict):
                        ev.roles_checked += 1
                        if role_right(match[0].role, match[0].affiliation, g):
                            ev.roles_right += 1
                        else:
                            ev.wrong_roles.append(f"{art['file']}: {name}: {match[0].role!r} vs {g.get('role')!r}")
                else:
                    score.missed.append(f"{art['file'][:3]} {name}")
            req_keys = {_key(n) for n in req_names}
            opt_keys = {_key(n) for n in opt_names}
            for e in ours:
                if keys_of[e.id] & req_keys:
                    score.true_positive += 1
                elif not keys_of[e.id] & opt_keys:
                    score.false_positive += 1
                    score.extra.append(f"{art['file'][:3]} {e.name}")
    return ev


def report(ev: Evaluation) -> str:
    lines = [f"{'type':13} {'P':>6} {'R':>6} {'F1':>6}  required found/all  false+"]
    for t, s in ev.types.items():
        lines.append(
            f"{t:13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.found_required:>5}/{s.required:<5}"
            f"      {s.false_positive}"
        )
    lines.append(f"person roles right: {ev.roles_right}/{ev.roles_checked} = {ev.role_share:.1%}")
    return "\n".join(lines)


def load_reading(path: Path) -> dict[str, Any]:
    import json

    return json.loads(path.read_text(encoding="utf-8"))
