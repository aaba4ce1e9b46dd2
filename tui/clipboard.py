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

from store import excerpt_citation, excerpt_from_article, excerpts_markdown
from store.records import Article, Excerpt

TOOL_TIMEOUT = 2.0


def plain_citation(excerpt: Excerpt) -> str:
    """'— 한빛일보 홍길동 기자, 2024-01-16, 「제목」, URL': the line under a copied excerpt,
    the same citation as every export's (store.excerpt_citation)."""
    return "— " + excerpt_citation(excerpt)


def clipboard_text(excerpt: Excerpt) -> str:
    """Quoted text, then outlet, date, title (and URL); a whole article is not quoted."""
    if excerpt.paragraph_index is None:
        return f"{excerpt.text}\n\n{plain_citation(excerpt)}\n"
    return f"“{excerpt.text}”\n{plain_citation(excerpt)}\n"


def paragraph_excerpt(article: Article, index: int, text: str | None = None) -> Excerpt:
    return excerpt_from_article(article, index, text=text)


def article_excerpt(article: Article) -> Excerpt:
    # a blank line between paragraphs, as they stand in the article (pasted, they stay paragraphs)
    head = "\n".join([article.title, *article.subtitles])
    body = [p.text for p in article.paragraphs if p.kind != "byline"]
    whole = excerpt_from_article(article, None, text="\n\n".join([head, *body]).strip())
    whole.paragraph_index = None
    return whole


def history_markdown(excerpts: list[Excerpt]) -> str:
    """The session's copy history as a report, in the same form as `valley-tui export`."""
    return excerpts_markdown(excerpts, heading="Excerpts")


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
