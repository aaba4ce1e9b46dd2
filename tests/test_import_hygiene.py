"""store/ is the core: it must never pull in Textual, and nothing at start-up may
load the Korean analyser (it costs seconds)."""

import subprocess
import sys


def _loaded_modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_store_never_imports_textual_or_the_analyser():
    mods = _loaded_modules(
        "import store, store.corpus, store.ingest, store.search, store.entity_store, store.compare"
    )
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert "kiwipiepy" not in mods


def test_cli_and_app_modules_do_not_load_the_analyser():
    mods = _loaded_modules("import tui.cli, tui.app")
    assert "kiwipiepy" not in mods
