"""What the app remembers between sessions, in the user's data directory: the
theme, and the copy history (every excerpt `y`/`Y` copied, and how many of
them were exported), so that quitting loses nothing and `q` can say when
excerpts were never exported.

    data_dir/app.json               {"theme": "textual-light", "exported": 12}
    data_dir/copy-history.jsonl     one Excerpt a line, oldest first
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import store
from store.records import Excerpt

_EXCERPT_FIELDS = {f.name for f in fields(Excerpt)}


@dataclass
class Preferences:
    folder: Path
    theme: str | None = None
    exported: int = 0  # the first `exported` excerpts of the history were written to a file
    excerpts: list[Excerpt] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path | None = None) -> Preferences:
        """The saved preferences; a missing or broken file is an empty start, never an error."""
        folder = folder or store.data_dir()
        prefs = cls(folder)
        try:
            settings = json.loads((folder / "app.json").read_text(encoding="utf-8"))
            prefs.theme = settings.get("theme") if isinstance(settings.get("theme"), str) else None
            prefs.exported = int(settings.get("exported", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        try:
            for line in (folder / "copy-history.jsonl").read_text(encoding="utf-8").splitlines():
                try:
                    data = json.loads(line)
                    prefs.excerpts.append(Excerpt(**{k: v for k, v in data.items() if k in _EXCERPT_FIELDS}))
                except (ValueError, TypeError):
                    continue  # one damaged line costs that excerpt only
        except OSError:
            pass
        prefs.exported = min(prefs.exported, len(prefs.excerpts))
        return prefs

    @property
    def unexported(self) -> int:
        return len(self.excerpts) - self.exported

    def remember(self, excerpt: Excerpt) -> None:
        self.excerpts.append(excerpt)
        self._write(lambda: self._append(excerpt))

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        self._write(self._save_settings)

    def mark_exported(self) -> None:
        self.exported = len(self.excerpts)
        self._write(self._save_settings)

    def _append(self, excerpt: Excerpt) -> None:
        with (self.folder / "copy-history.jsonl").open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(excerpt), ensure_ascii=False) + "\n")

    def _save_settings(self) -> None:
        text = json.dumps({"theme": self.theme, "exported": self.exported}, ensure_ascii=False)
        (self.folder / "app.json").write_text(text, encoding="utf-8")

    def _write(self, action) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            action()
        except OSError:
            pass  # a read-only home keeps the session's memory only
