"""The entity sidebar: who and what the open article names, grouped by type.

A small OptionList is right here (an article names tens of entities, not
thousands). Group headers are disabled options so the cursor skips them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # store pulls in sqlite_utils: kept off the start-up path
    from store.records import Entity, SuppliedEntity

# Labels for the type names the analyser may use; unknown types show as written.
TYPE_LABELS = {
    "person": "인물",
    "people": "인물",
    "per": "인물",
    "organization": "기관",
    "organisation": "기관",
    "org": "기관",
    "place": "장소",
    "location": "장소",
    "loc": "장소",
    "event": "행사",
    "initiative": "사업",
    "project": "사업",
    "figure": "수치",
    "money": "수치",
    "number": "수치",
}
TYPE_ORDER = ["인물", "기관", "장소", "사업", "행사", "수치"]
#: Headers of the groups an import supplied.
SOURCE_LABELS = {"bigkinds": "BigKinds 제공"}
SOURCE_NAMES = {"bigkinds": "BigKinds"}


def type_label(kind: str) -> str:
    return TYPE_LABELS.get(kind.lower(), kind)


def _type_rank(label: str) -> int:
    return TYPE_ORDER.index(label) if label in TYPE_ORDER else len(TYPE_ORDER)


def is_person(entity: Entity) -> bool:
    return type_label(entity.type) == "인물"


class EntitySidebar(OptionList):
    """Highlighting an entity marks its mentions; Enter filters by it."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    class EntityHighlighted(Message):
        def __init__(self, entity: Entity | None) -> None:
            self.entity = entity
            super().__init__()

    class EntityChosen(Message):
        def __init__(self, entity: Entity) -> None:
            self.entity = entity
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: dict[str, Entity] = {}
        self.article_id: str | None = None

    def show_entities(
        self, entities: list[Entity], article_id: str | None, supplied: list[SuppliedEntity] | None = None
    ) -> None:
        """Ours grouped by type; then what the import supplied (BigKinds' lists),
        as a group of its own: names only, they have no place in the text."""
        self.article_id = article_id
        self.entities = {e.id: e for e in entities}
        groups: dict[str, list[Entity]] = {}
        for e in entities:
            groups.setdefault(type_label(e.type), []).append(e)
        order = sorted(groups, key=lambda g: (_type_rank(g), g))
        options: list[Option | None] = []
        for group in order:
            members = sorted(groups[group], key=lambda e: (-self._count(e), e.name))
            header = Text(f"{group} {len(members)}", style="bold")
            options.append(Option(header, disabled=True))
            for e in members:
                options.append(Option(self._prompt(e), id=e.id))
        by_source: dict[str, list[SuppliedEntity]] = {}
        for s in supplied or []:
            by_source.setdefault(s.source, []).append(s)
        for source, members in by_source.items():
            options.append(Option(Text(f"{SOURCE_LABELS.get(source, source)} {len(members)}", style="bold"), disabled=True))
            for s in sorted(members, key=lambda s: (_type_rank(type_label(s.type)), s.name)):
                options.append(Option(Text(f" {s.name} ").append(type_label(s.type), style="dim"), disabled=True))
        self.clear_options()
        if options:
            self.add_options(options)
        else:
            self.add_option(Option(Text("No entities yet", style="italic"), disabled=True))

    def _count(self, entity: Entity) -> int:
        if self.article_id is None:
            return len(entity.mentions)
        return sum(1 for m in entity.mentions if m.article_id == self.article_id)

    def _prompt(self, entity: Entity) -> Text:
        text = Text(" ")
        text.append(entity.name)
        if is_person(entity) and entity.role:
            text.append(" " + entity.role, style="italic")
        count = self._count(entity)
        if count > 1:
            text.append(f" ×{count}", style="dim")
        for source in entity.sources[1:]:  # an import names it too (one entity, both sources)
            text.append(f" ✓{SOURCE_NAMES.get(source, source)}", style="dim")
        return text

    def _entity_at(self, index: int | None) -> Entity | None:
        if index is None:
            return None
        option = self.get_option_at_index(index)
        return self.entities.get(option.id) if option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.EntityHighlighted(self._entity_at(event.option_index)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entity_at(event.option_index)
        if entity is not None:
            self.post_message(self.EntityChosen(entity))
