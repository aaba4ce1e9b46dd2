"""Excerpts with their citation, and getting them onto a clipboard.

Why both OSC 52 and a system tool: OSC 52 asks the *terminal* to set the
clipboard, which works over SSH and inside tmux but is silently ignored by
terminals that disallow it. When the session is local and a clipboard tool is
installed we also hand the text to it, so the copy lands either way. The app
reports exactly which of the two happened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime

from store.records import Article, SearchHit

TOOL_TIMEOUT = 2.0


@dataclass
class Excerpt:
    """One copied passage: the quoted text and where it came from."""

    text: str
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    article_id: str
    paragraph_index: int | None = None  # None: the whole article
    copied_at: datetime = field(default_factory=datetime.now)

    @property
    def citation(self) -> str:
        parts = [self.outlet or "출처 미상", (self.published or "날짜 미상")[:10], f"「{self.title}」"]
        if self.url:
            parts.append(self.url)
        return "— " + ", ".join(parts)

    def to_clipboard(self) -> str:
        """Quoted text, then outlet, date, title (and URL)."""
        if self.paragraph_index is None:
            return f"{self.text}\n\n{self.citation}\n"
        return f"“{self.text}”\n{self.citation}\n"

    def to_markdown(self) -> str:
        quoted = "\n".join("> " + line if line else ">" for line in self.text.splitlines())
        return f"{quoted}\n\n{self.citation}\n"


def paragraph_excerpt(article: Article, index: int) -> Excerpt:
    paragraph = next((p for p in article.paragraphs if p.index == index), None)
    text = paragraph.text if paragraph else ""
    return Excerpt(
        text=text,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        article_id=article.id,
        paragraph_index=index,
    )


def hit_excerpt(hit: SearchHit, url: str | None = None) -> Excerpt:
    return Excerpt(
        text=hit.text,
        title=hit.title,
        outlet=hit.outlet,
        published=hit.published,
        url=url,
        article_id=hit.article_id,
        paragraph_index=hit.paragraph_index,
    )


def article_excerpt(article: Article) -> Excerpt:
    lines = [article.title, *article.subtitles, ""]
    lines += [p.text for p in article.paragraphs if p.kind != "byline"]
    return Excerpt(
        text="\n".join(lines).strip(),
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        article_id=article.id,
        paragraph_index=None,
    )


def history_markdown(excerpts: list[Excerpt]) -> str:
    out = ["# Excerpts", ""]
    for n, excerpt in enumerate(excerpts, 1):
        out.append(f"## {n}. {excerpt.title}")
        out.append("")
        out.append(excerpt.to_markdown())
    return "\n".join(out)


def is_remote_session() -> bool:
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def system_tool() -> list[str] | None:
    """The command that writes stdin to the local system clipboard, if there is one."""
    if is_remote_session():
        return None
    if sys.platform == "darwin" and shutil.which("pbcopy"):
        return ["pbcopy"]
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return ["wl-copy"]
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            return ["xclip", "-selection", "clipboard"]
        if shutil.which("xsel"):
            return ["xsel", "--clipboard", "--input"]
    return None


def copy_with_tool(command: list[str], text: str) -> str | None:
    """Feed `text` to a clipboard tool; return None on success, else the reason.

    Blocking: call it from a worker thread. stdout/stderr go to /dev/null
    because wl-copy (and xclip) stay alive holding the selection — waiting on
    their pipes would hang.
    """
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return str(exc)
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        code = proc.wait(timeout=TOOL_TIMEOUT)
    except subprocess.TimeoutExpired:
        # xclip forks and keeps serving the selection: that is success.
        return None
    except OSError as exc:
        return str(exc)
    return None if code == 0 else f"exit status {code}"
