"""Command-line habits: --db after the subcommand, paging the article list,
and copies listed under their story so no ingested file vanishes from view."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tui.cli import main

LEAD = "한빛시는 산업단지 조성을 위해 올해 100억원을 투입한다고 16일 밝혔다."
PAGE = "한빛시, 산업단지 100억 투입\n\n{lead}\n\n시는 이를 통해 일자리 500개를 만들 계획이라고 설명했다.\n\n{tail}\n"


def test_db_after_the_subcommand_paging_and_copies(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(PAGE.format(lead=LEAD, tail="ⓒ한빛일보 무단전재 및 재배포 금지"), encoding="utf-8")
    # the same story from another paper: a copy, folded under the first
    b.write_text(PAGE.format(lead=LEAD, tail="ⓒ누리신문 무단전재 및 재배포 금지"), encoding="utf-8")
    db = tmp_path / "f.db"
    assert main(["ingest", str(a), str(b), "--db", str(db), "--no-analyze"]) == 0
    capsys.readouterr()
    assert main(["articles", "--json", "--db", str(db)]) == 0
    stories = json.loads(capsys.readouterr().out)
    sources = {Path(s).name for story in stories for s in story["sources"]}
    sources |= {Path(c["source"]).name for story in stories for c in story["copies"] if c["source"]}
    assert sources == {"a.txt", "b.txt"}
    assert main(["articles", "--json", "--limit", "1", "--offset", "5", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_sources_lists_every_file_and_failed_keeps_the_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    good = tmp_path / "a.txt"
    good.write_text(PAGE.format(lead=LEAD, tail=""), encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text(json.dumps({"title": "누리시 특구", "body": LEAD, "date": "2024-01-02"}, ensure_ascii=False) + "\n{bad\n",
                     encoding="utf-8")
    db = tmp_path / "s.db"
    main(["ingest", str(good), str(lines), "--db", str(db), "--no-analyze"])
    capsys.readouterr()
    assert main(["sources", "--json", "--db", str(db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {Path(r["path"]).name for r in rows} == {"a.txt", "b.jsonl"}
    assert main(["sources", "--failed", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "b.jsonl" in out and "line 2" in out and "a.txt" not in out


def test_every_command_documents_itself_with_examples():
    from tui.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    for name, command in commands.items():
        text = command.format_help()
        assert command.description or "examples:" in text, name
        assert f"valley-tui {name}" in text.split("examples:", 1)[1], name


def test_remove_by_source_keeps_an_article_another_file_holds_and_by_id_removes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(PAGE.format(lead=LEAD, tail="ⓒ한빛일보 무단전재 및 재배포 금지"), encoding="utf-8")
    b.write_text(PAGE.format(lead=LEAD, tail="ⓒ누리신문 무단전재 및 재배포 금지"), encoding="utf-8")  # the same text: one article
    c.write_text("누리군, 농공단지 준공\n\n누리군은 농공단지 준공식을 열었다고 2일 밝혔다. 입주 기업은 12곳이다.\n", encoding="utf-8")
    db = tmp_path / "r.db"
    main(["ingest", str(a), str(b), str(c), "--db", str(db), "--no-analyze"])
    capsys.readouterr()

    def stored() -> dict[str, list[str]]:
        main(["articles", "--json", "--db", str(db)])
        return {x["title"]: sorted(Path(s).name for s in x["sources"]) for x in json.loads(capsys.readouterr().out)}

    assert stored()["한빛시, 산업단지 100억 투입"] == ["a.txt", "b.txt"]
    assert main(["remove", "--source", str(a), "--db", str(db)]) == 0  # b.txt still holds it: the file only is forgotten
    assert stored()["한빛시, 산업단지 100억 투입"] == ["b.txt"]
    assert main(["remove", "--source", str(b), "--db", str(db)]) == 0
    assert list(stored()) == ["누리군, 농공단지 준공"]
    main(["articles", "--json", "--db", str(db)])
    last = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["remove", last, "--db", str(db)]) == 0 and stored() == {}
    assert main(["remove", "nosuch", "--db", str(db)]) == 1
    assert main(["remove", "--source", str(tmp_path / "never.txt"), "--db", str(db)]) == 1
