"""Ingest end to end on real SQLite files: idempotence across encodings and
normalisations, updates, bad inputs through the real CLI, and a SIGKILL in the
middle of a batch."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from store.corpus import Corpus
from store.ingest import expand_inputs, ingest_paths

DATA = Path(__file__).parent / "data"
SEED = "001_141786bf019026c6.txt"
_EXE = shutil.which("valley-tui") or str(Path(sys.executable).with_name("valley-tui"))
CLI = [_EXE] if Path(_EXE).exists() else [sys.executable, "-m", "tui.cli"]


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, **kw)


@pytest.fixture
def corpus(tmp_path):
    c = Corpus(tmp_path / "t.db")
    yield c
    c.close()


def seed_text(seed_paths) -> str:
    return seed_paths[SEED].read_text(encoding="utf-8")


def test_seeds_ingest_once_and_again_unchanged(corpus, seed_paths):
    paths = sorted(seed_paths.values())
    first = ingest_paths(corpus, paths)
    assert (first.added, first.failed) == (5, 0)
    again = ingest_paths(corpus, paths)
    assert (again.added, again.updated, again.unchanged, again.failed) == (0, 0, 5, 0)
    assert corpus.count() == 5


def test_same_article_in_other_encodings_and_nfd_dedupes(corpus, seed_paths, tmp_path):
    text = seed_text(seed_paths)
    variants = tmp_path / "variants"
    variants.mkdir()
    (variants / "a_utf8.txt").write_bytes(text.encode("utf-8"))
    (variants / "b_cp949.txt").write_bytes(text.encode("cp949"))
    (variants / "c_utf16.txt").write_bytes(text.encode("utf-16"))
    (variants / "d_nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    (variants / "e_crlf_bom.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    report = ingest_paths(corpus, [variants])
    assert report.failed == 0
    assert corpus.count() == 1
    assert len(set(report.article_ids)) == 1
    article = corpus.article(report.article_ids[0])
    assert article.title == "이강덕 포항시장, “세계적 ‘영일만 밸리’ 만들겠다!”"
    assert len(article.sources) == 5
    encodings = {r[0] for r in corpus.db.execute("SELECT encoding FROM sources")}
    assert {"utf-8", "cp949", "utf-16"} <= encodings


def test_changed_file_updates_its_article(corpus, seed_paths, tmp_path):
    page = tmp_path / "page.txt"
    text = seed_text(seed_paths)
    page.write_text(text, encoding="utf-8")
    first = ingest_paths(corpus, [page])
    page.write_text(text.replace("30개사를 모두 찾아", "31개사를 모두 찾아"), encoding="utf-8")
    second = ingest_paths(corpus, [page])
    assert (second.updated, corpus.count()) == (1, 1)
    assert second.article_ids != first.article_ids
    body = " ".join(p.text for p in corpus.article(second.article_ids[0]).paragraphs)
    assert "31개사" in body and "30개사" not in body


def test_markup_and_escapes_are_stored_as_text(corpus, tmp_path):
    page = tmp_path / "markup.txt"
    page.write_bytes(
        "[bold red]포항시[/] 영일만 밸리 \x1b[31m발표\x1b[0m\n\n"
        "[link=https://evil]포항시[/link]가 16일 \x1b]8;;http://x\x07영일만 밸리\x1b]8;;\x07 계획을 밝혔다.\n".encode()
    )
    report = ingest_paths(corpus, [page])
    article = corpus.article(report.article_ids[0])
    assert article.title == "[bold red]포항시[/] 영일만 밸리 발표"
    assert article.paragraphs[0].text == "[link=https://evil]포항시[/link]가 16일 영일만 밸리 계획을 밝혔다."
    stored = json.dumps([article.title] + [p.text for p in article.paragraphs])
    assert "\\u001b" not in stored and "\\u0007" not in stored


def test_jsonl_bad_line_is_named_and_the_rest_ingests(corpus, tmp_path):
    good = {"title": "성남시, 판교 기업 유치", "body": "경기 성남시가 판교에 기업을 유치한다고 5일 밝혔다.\n시는 전담팀을 꾸렸다.",
            "date": "2024-03-05 10:12", "outlet": "연합", "url": "https://example.kr/1"}
    other = {"title": "고양시 착공", "body": "고양시가 착공식을 열었다고 3일 밝혔다.", "date": "2022.05.03"}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n" + json.dumps(other, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    errors: list[str] = []
    report = ingest_paths(corpus, [path], on_error=errors.append)
    assert report.added == 2 and report.failed == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {path}") and "line 2" in errors[0]
    a = corpus.article(report.article_ids[0])
    assert (a.title, a.published, a.outlet, a.url) == (
        "성남시, 판교 기업 유치", "2024-03-05T10:12:00+09:00", "연합뉴스", "https://example.kr/1")
    assert a.cities == ["성남시"]
    b = corpus.article(report.article_ids[1])
    assert (b.published, b.published_precision) == ("2022-05-03", "day")
    # unchanged on a re-run, and its bad line is still named
    again: list[str] = []
    report = ingest_paths(corpus, [path], on_error=again.append)
    assert (report.added, report.unchanged, report.failed) == (0, 1, 1) and again == errors
    # fixed: the problem is gone
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(other, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    report = ingest_paths(corpus, [path])
    assert report.failed == 0 and ingest_paths(corpus, [path]).failed == 0


def test_jsonl_author_and_modified_fields(corpus, tmp_path):
    """Exports name the writer in a field of its own; a byline in the body still wins."""
    rows = [
        {"title": "성남시, 판교 기업 유치", "body": "경기 성남시가 판교에 기업을 유치한다고 5일 밝혔다.",
         "date": "2024-03-05 10:12", "updated": "2024-03-05T11:40:00+09:00", "author": "김철수 기자 kim@kyeonggi.com"},
        {"title": "고양시 착공", "body": "고양시가 착공식을 열었다고 3일 밝혔다.", "authors": ["홍길동", "이영희"]},
        {"title": "과천시 발표", "body": "과천시가 계획을 발표했다고 2일 밝혔다.\n\n박민수 기자 park@gwacheon.kr",
         "author": "편집국"},
        {"title": "포항시 소식", "body": "포항시가 새 계획을 밝혔다고 16일 전했다.", "modified": "언젠가"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    errors: list[str] = []
    report = ingest_paths(corpus, [path], on_error=errors.append)
    assert report.added == 3 and len(errors) == 1 and "line 4: modified date '언젠가' is not a date" in errors[0]
    a, b, c = (corpus.article(i) for i in report.article_ids)
    assert [(r.name, r.email) for r in a.reporters] == [("김철수", "kim@kyeonggi.com")]
    assert a.modified == "2024-03-05T11:40:00+09:00"
    assert [r.name for r in b.reporters] == ["홍길동", "이영희"]
    assert [(r.name, r.email) for r in c.reporters] == [("박민수", "park@gwacheon.kr")]


def test_json_files_hold_an_array_of_the_same_records(corpus, tmp_path):
    good = {"title": "성남시, 판교 기업 유치", "body": "경기 성남시가 판교에 기업을 유치한다고 5일 밝혔다.", "date": "2024-03-05"}
    other = {"title": "고양시 착공", "body": "고양시가 착공식을 열었다고 3일 밝혔다.", "author": "홍길동 기자"}
    (tmp_path / "array.json").write_text(json.dumps([good, "not a record", other], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"count": 1, "articles": [good]}, ensure_ascii=False),
                                           encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"title": "포항",\n', encoding="utf-8")
    errors: list[str] = []
    report = ingest_paths(corpus, [tmp_path], on_error=errors.append)
    assert (report.added, report.unchanged, report.failed) == (2, 1, 2)  # wrapped.json: the same article again
    assert sorted(e.split(": ", 2)[2] for e in errors) == [
        "item 2: not a JSON object",
        "not valid JSON (Expecting property name enclosed in double quotes at line 2, column 1)",
    ]
    titles = {corpus.article(i).title: corpus.article(i) for i in report.article_ids}
    assert [r.name for r in titles["고양시 착공"].reporters] == ["홍길동"]
    assert titles["성남시, 판교 기업 유치"].published == "2024-03-05"


def test_a_lone_surrogate_escape_in_json_lines_is_dropped_not_fatal(corpus, tmp_path):
    """JSON may escape half a surrogate pair ("\\ud800"): not a character, and
    unencodable; it used to fail the whole file."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "포항시 소식", "body": "포항시가 \\ud800새 계획을 밝혔다고 16일 전했다.", "date": "2024-01-16"}\n',
                    encoding="utf-8")
    errors: list[str] = []
    report = ingest_paths(corpus, [path], on_error=errors.append)
    assert (report.added, errors) == (1, [])
    assert corpus.article(report.article_ids[0]).paragraphs[0].text == "포항시가 새 계획을 밝혔다고 16일 전했다."


def test_html_page_through_trafilatura_and_the_cleaner(corpus, tmp_path):
    html = """<html><head><meta charset="euc-kr"><title>포항시, 영일만 밸리 추진 - 연합뉴스</title>
<meta property="article:published_time" content="2024-01-16T20:06:00+09:00">
<meta property="og:site_name" content="연합뉴스"><link rel="canonical" href="https://www.yna.co.kr/view/AKR1"></head>
<body><nav><a>홈</a> <a>정치</a> <a>경제</a></nav><article><h1>포항시, 영일만 밸리 추진</h1>
<p>(포항=연합뉴스) 홍길동 기자 = 경북 포항시가 영일만 밸리 조성에 나선다고 16일 밝혔다. 시는 이를 위해 예산을 편성했다.</p>
<p>이강덕 포항시장은 "반드시 성공시키겠다"고 말했다. 시는 관련 기관과 협력하기로 했다.</p>
<p>hong@yna.co.kr</p></article><footer>Copyright 연합뉴스. 무단 전재 및 재배포 금지</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp949"))
    report = ingest_paths(corpus, [path])
    assert report.failed == 0, report.errors
    a = corpus.article(report.article_ids[0])
    assert a.title == "포항시, 영일만 밸리 추진"
    assert a.published == "2024-01-16T20:06:00+09:00"
    assert a.outlet == "연합뉴스" and a.dateline == "포항" and a.cities == ["포항시"]
    assert [(r.name, r.email) for r in a.reporters] == [("홍길동", "hong@yna.co.kr")]
    assert a.url == "https://www.yna.co.kr/view/AKR1"


_BYLINE_OUTSIDE = """<html><head><meta charset="utf-8">{meta}<title>성남시, 아시아 실리콘밸리 조성 박차 - 경기일보</title></head>
<body><div class="article"><h1>성남시, 아시아 실리콘밸리 조성 박차</h1>{byline}
<p>성남시가 판교 제2테크노밸리를 중심으로 아시아 실리콘밸리 조성에 속도를 낸다고 5일 밝혔다.</p>
<p>신상진 성남시장은 "판교를 아시아 최고의 혁신 거점으로 키우겠다"고 말했다.</p>
<p>시는 올해 스타트업 200곳을 지원할 계획이다.</p></div></body></html>"""


@pytest.mark.parametrize(
    ("meta", "byline", "expected"),
    [
        # trafilatura reads the block as '김철수 기자 Kimcs Com': name and e-mail come from the page
        ("", '<div class="byline">김철수 기자 <span>kimcs@kyeonggi.com</span></div>',
         [("김철수", "kimcs@kyeonggi.com")]),
        ('<meta name="author" content="홍길동, 이영희">', "", [("홍길동", None), ("이영희", None)]),
        ('<meta name="author" content="편집부">', "", []),
    ],
)
def test_html_byline_outside_the_main_text(corpus, tmp_path, meta, byline, expected):
    path = tmp_path / "page.html"
    path.write_text(_BYLINE_OUTSIDE.format(meta=meta, byline=byline), encoding="utf-8")
    report = ingest_paths(corpus, [path])
    assert report.failed == 0, report.errors
    a = corpus.article(report.article_ids[0])
    assert [(r.name, r.email) for r in a.reporters] == expected
    assert all("기자" not in p.text for p in a.paragraphs)


def test_html_stamp_and_outlet_outside_the_main_text(corpus, tmp_path):
    """No meta tags: the '입력' stamp, the copyright footer and the e-mail's
    domain are printed around the text trafilatura keeps; another article's
    stamp in a list before it is not this one's."""
    html = """<html><head><meta charset="utf-8"><title>성남시, 아시아 실리콘밸리 조성 박차</title>
<script>var stamp = "입력 2020.01.01 00:00";</script></head><body>
<aside><h3>많이 본 뉴스</h3><ul><li>다른 기사 <span>입력 2024.02.01 08:00</span></li></ul></aside>
<div class="article"><h1>성남시, 아시아 실리콘밸리 조성 박차</h1>
<div class="info"><span>입력 2024.03.05 10:12</span> <span>수정 2024.03.06 09:00</span></div>
<p>성남시가 판교 제2테크노밸리를 중심으로 아시아 실리콘밸리 조성에 속도를 낸다고 5일 밝혔다.</p>
<p>신상진 성남시장은 &quot;판교를 아시아 최고의 혁신 거점으로 키우겠다&quot;고 말했다.</p>
<p>시는 올해 스타트업 200곳을 지원할 계획이다.</p></div>
<footer><p>Copyright &copy; 경기일보. All rights reserved. 무단전재 및 재배포 금지</p></footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    report = ingest_paths(corpus, [path])
    assert report.failed == 0, report.errors
    a = corpus.article(report.article_ids[0])
    assert (a.published, a.published_precision) == ("2024-03-05T10:12:00+09:00", "minute")
    assert a.modified == "2024-03-06T09:00:00+09:00"
    assert a.outlet == "경기일보"


def test_html_paragraphs_between_double_breaks(corpus, tmp_path):
    """A portal page (Naver News' layout): the text is one block with '<br><br>'
    between paragraphs, the byline and stamps sit in the header around it."""
    report = ingest_paths(corpus, [DATA / "portal_br_paragraphs.html"])
    assert report.failed == 0, report.errors
    a = corpus.article(report.article_ids[0])
    assert [p.text[:12] for p in a.paragraphs if p.kind == "body"] == ["[성남=뉴시스] 김철수", "신상진 성남시장은 \"판", "시는 올해 스타트업 2"]
    assert [p.text for p in a.paragraphs if p.kind == "caption"] == ["신상진 성남시장이 판교 제2테크노밸리를 둘러보고 있다."]
    assert [(r.name, r.email) for r in a.reporters] == [("김철수", "kcs@newsis.com")]
    assert (a.published, a.modified) == ("2024-03-05T10:12:00+09:00", "2024-03-05T11:40:00+09:00")
    assert (a.outlet, a.dateline) == ("뉴시스", "성남")


def test_html_short_article_on_a_local_paper(corpus):
    """A local paper's page (a common Korean CMS layout): a short article, the
    <title> with two outlet tails, the subtitle, byline and stamp in the header,
    share buttons and a weather widget around it."""
    report = ingest_paths(corpus, [DATA / "local_paper_short_article.html"])
    assert report.failed == 0, report.errors
    a = corpus.article(report.article_ids[0])
    assert (a.title, a.subtitles) == ("포항시, 영일만 밸리 조성 본격화", ["창업 생태계 구축에 3년간 500억 투입"])
    body = [p.text for p in a.paragraphs if p.kind == "body"]
    starts = ("포항시가 영일만 일대를", "포항시는 18일 시청에서", "이강덕 포항시장은")
    assert len(body) == 3 and all(t.startswith(start) for t, start in zip(body, starts)), body
    assert [p.kind for p in a.paragraphs][:2] == ["body", "caption"]  # the photo's <figcaption>, in its place
    assert [(r.name, r.email) for r in a.reporters] == [("이정훈", "ljh@kyongbuk.com")]
    assert (a.published, a.outlet, a.cities) == ("2024-01-18T17:30:00+09:00", "경북일보", ["포항시"])


def _mhtml(html: bytes, url: str) -> bytes:
    """A page as Chrome saves it in one file: multipart/related, the page quoted-printable."""
    import quopri

    boundary = "----MultipartBoundary--test----"
    return (
        f'From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nMIME-Version: 1.0\r\n'
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {url}\r\n\r\n"
    ).encode() + quopri.encodestring(html) + (
        f"\r\n--{boundary}\r\nContent-Type: text/css\r\nContent-Location: {url}.css\r\n\r\nbody{{}}\r\n"
        f"--{boundary}--\r\n"
    ).encode()


def test_mhtml_single_file_page_is_the_same_article_as_its_html(corpus, tmp_path):
    html = (DATA / "local_paper_short_article.html").read_bytes()
    (tmp_path / "page.mhtml").write_bytes(_mhtml(html, "https://example.kr/news/1"))
    (tmp_path / "copy.html").write_bytes(html)
    (tmp_path / "junk.mht").write_bytes(b"not a saved page at all\n")
    errors: list[str] = []
    report = ingest_paths(corpus, [tmp_path], on_error=errors.append)
    assert (report.added, report.unchanged, report.failed) == (1, 1, 1)
    assert errors == [f"error: {tmp_path / 'junk.mht'}: no HTML page inside this MHTML file"]
    a = corpus.article(report.article_ids[0])
    assert a.title == "포항시, 영일만 밸리 조성 본격화" and len(a.sources) == 2
    assert a.url == "https://www.kyongbuk.co.kr/news/articleView.html?idxno=2145678"  # the page's own canonical URL wins


def test_cli_bad_inputs_one_line_each_and_exit_1(tmp_path, seed_paths):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(seed_paths[SEED], inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "noise.txt").write_bytes(os.urandom(3000) + b"\x00")
    (inbox / "notes.md").write_text("# 메모", encoding="utf-8")  # not an article type: skipped, counted, no error
    unreadable = tmp_path / "locked.txt"
    if os.geteuid() == 0:  # root reads any mode; a symlink loop cannot be opened by anyone
        unreadable.symlink_to(unreadable)
    else:
        unreadable.write_text("포항시 기사", encoding="utf-8")
        unreadable.chmod(0)
    out = run_cli("--db", str(tmp_path / "t.db"), "ingest", "--no-analyze", str(inbox), str(unreadable))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, out.stderr
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("noise.txt: binary" in e for e in errors)
    assert any(e.startswith(f"error: {unreadable}: ") for e in errors)
    assert "1 added" in out.stderr and "3 failed; 1 file of other types skipped (.md 1)" in out.stderr


def _make_pages(folder: Path, text: str, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        unique = f"이번 기록의 일련번호는 {i}번이라고 시는 밝혔다.\n\n영남취재본부 이동국 기자"
        (folder / f"p{i:04d}.txt").write_text(text.replace("영남취재본부 이동국 기자", unique), encoding="utf-8")


def _processes_naming(path: Path) -> list[int]:
    """Live processes whose command line names `path` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if str(path).encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("kill_after", [20, 90, 160])
def test_kill_during_ingest_leaves_whole_articles_and_a_rerun_finishes(tmp_path, seed_paths, kill_after):
    pages = tmp_path / "pages"
    _make_pages(pages, seed_text(seed_paths), 200)
    db = tmp_path / "kill.db"
    proc = subprocess.Popen([*CLI, "--db", str(db), "ingest", "--no-analyze", str(pages)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            conn = sqlite3.connect(str(db), timeout=1)
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= kill_after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= kill_after or proc.returncode == 0, "ingest did not get going"
    # its reading processes notice and end on their own
    deadline = time.time() + 15
    while _processes_naming(db) and time.time() < deadline:
        time.sleep(0.2)
    assert not _processes_naming(db)

    conn = sqlite3.connect(str(db))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < n <= 200
    # every article is whole: all its paragraphs and its source are there
    from store.clean import parse_page

    expected = len(parse_page((pages / "p0000.txt").read_text(encoding="utf-8")).paragraphs)
    partial = conn.execute(
        "SELECT a.id FROM articles a WHERE (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) != ?"
        " OR NOT EXISTS (SELECT 1 FROM sources s WHERE s.article_id = a.id)",
        [expected],
    ).fetchall()
    assert partial == []
    conn.close()

    out = run_cli("--db", str(db), "ingest", "--no-analyze", str(pages))
    assert out.returncode == 0, out.stderr
    with Corpus(db) as corpus:  # near-copies may be hidden by dedupe; all must be stored
        assert corpus.count(include_hidden=True) == 200


def test_a_failing_article_rolls_back_alone_and_its_batch_stays(corpus, seed_paths):
    """Many articles share a transaction; a store error undoes only its own article."""
    refused = "포항"  # a real constraint in SQLite: this database refuses titles naming it
    corpus.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN instr(NEW.title, ?) > 0"
        " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END".replace("?", f"'{refused}'")
    )
    errors: list[str] = []
    paths = sorted(seed_paths.values())
    report = ingest_paths(corpus, paths, on_error=errors.append)
    titles = [t for (t,) in corpus.db.execute("SELECT title FROM articles")]
    assert 1 <= report.failed < 5 and len(errors) == report.failed
    assert all("cannot store" in line and "refused by test trigger" in line for line in errors)
    assert len(titles) == 5 - report.failed and all(refused not in t for t in titles)
    # nothing of the refused articles is left, and the others are whole
    assert corpus.db.execute(
        "SELECT count(*) FROM paragraphs WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0] == 0
    assert corpus.db.execute(
        "SELECT count(*) FROM sources WHERE status = 'ok' AND article_id IS NULL"
    ).fetchone()[0] == 0
    assert corpus.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 5 - report.failed
    assert not corpus.db.conn.in_transaction


FTS_TABLES = ("articles_fts", "paragraphs_fts", "search_fts", "search_fts_1")


def _fts_in_step(conn: sqlite3.Connection) -> None:
    """Every row of each FTS index's content table is found through the index
    by a trigram of its own text (FTS5's 'integrity-check' does not compare an
    external-content index with its table), and FTS5's own check passes."""
    with conn:  # the check is an INSERT: commit the implicit transaction it opens
        for table in FTS_TABLES:
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    for fts, content in (("articles_fts", "SELECT num, title FROM articles"),
                         ("paragraphs_fts", "SELECT id, text FROM paragraphs"),
                         ("search_fts", "SELECT id, body FROM search_text")):
        rows = conn.execute(content).fetchall()
        assert rows
        for rowid, text in rows:
            probe = '"' + text[:3].replace('"', '""') + '"'
            found = conn.execute(
                f"SELECT 1 FROM {fts} WHERE {fts} MATCH ? AND rowid = ?", [probe, rowid]
            ).fetchone()
            assert found, (fts, rowid, text[:20])


def test_a_batch_feeds_the_fts_indexes_and_gives_their_triggers_back(corpus, seed_paths, tmp_path):
    """A batch feeds the FTS indexes itself (their insert triggers are out while
    it writes): after a batch with a failure, a re-run and an updated file the
    indexes match their tables, and the triggers are back for other tools."""
    corpus.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN instr(NEW.title, '과천') > 0"
        " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    report = ingest_paths(corpus, [folder])
    assert report.failed == 1 and report.added == 4  # the 4th of 5: three writes are run again
    _fts_in_step(corpus.db.conn)

    corpus.db.execute("DROP TRIGGER refuse")
    changed = folder / SEED
    changed.write_text(seed_text(seed_paths).replace("밝혔다.", "밝혔다. 추가된 문장.", 1), encoding="utf-8")
    report = ingest_paths(corpus, [folder])
    assert (report.added, report.updated, report.unchanged) == (1, 1, 3)
    _fts_in_step(corpus.db.conn)
    assert corpus.search("추가된 문장", limit=5)

    names = {n for (n,) in corpus.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"articles_ai", "paragraphs_ai", "search_text_ai"} <= names
    other = sqlite3.connect(corpus.path)  # a tool that knows nothing of valley-tui
    with other:
        aid = other.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
        other.execute(
            "INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?, 999, 'body', '외부 도구가 넣은 문단')",
            [aid],
        )
    other.close()
    hits = corpus.db.execute(
        "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"도구가 넣은\"'"
    ).fetchone()[0]
    assert hits == 1


def _stored(db: Path) -> dict[str, list[tuple]]:
    """Everything ingest decides, without the clock."""
    conn = sqlite3.connect(db)
    out = {
        "articles": conn.execute(
            "SELECT num, id, title, published, outlet, cities, hidden, is_excerpt, cluster_id FROM articles ORDER BY num"
        ).fetchall(),
        "paragraphs": conn.execute("SELECT id, article_id, idx, kind, text FROM paragraphs ORDER BY id").fetchall(),
        "sources": conn.execute("SELECT path, sha256, encoding, status, error, article_id FROM sources ORDER BY path").fetchall(),
        "search": conn.execute("SELECT id, body FROM search_text ORDER BY id").fetchall(),
        "minhash": conn.execute("SELECT article_id, body, lead FROM article_minhash ORDER BY article_id").fetchall(),
    }
    conn.close()
    return out


def test_reading_in_a_second_process_stores_exactly_what_reading_inline_does(tmp_path, seed_paths):
    """Text pages (one CP949), JSON Lines with a bad line, a BigKinds workbook
    and bad files: the same articles, sources, index bodies and signatures,
    in the same order, and the same error lines."""
    sys.path.insert(0, str(Path(__file__).parent))
    import fixtures_bigkinds as fx

    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    (folder / "cp949.txt").write_bytes(seed_text(seed_paths).replace("밝혔다.", "말했다.", 1).encode("cp949", "ignore"))
    lines = [json.dumps({"title": f"제목 {n}", "body": f"본문 {n}번째 문단입니다. 포항 영일만 밸리."}, ensure_ascii=False) for n in range(3)]
    (folder / "feed.jsonl").write_text("\n".join([lines[0], "{not json", *lines[1:]]), encoding="utf-8")
    fx.write_news_search(folder / "NewsResult_20230101-20240229.xlsx")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(os.urandom(3000))

    results = {}
    for parallel in (False, True):
        errors: list[str] = []
        with Corpus(tmp_path / f"{parallel}.db") as corpus:
            report = ingest_paths(corpus, [folder], parallel=parallel, on_error=errors.append)
        results[parallel] = (_stored(tmp_path / f"{parallel}.db"), errors, (report.added, report.updated, report.unchanged, report.failed))
    inline, parallel = results[False], results[True]
    assert inline[2][0] >= 5 + 1 + 3 + 6 and inline[2][3] == 3  # bad line, empty, noise
    assert len(inline[1]) == 3
    assert parallel == inline


def test_a_damaged_workbook_is_refused_whole_and_read_again_once_mended(tmp_path, seed_paths):
    """A sheet that cannot be parsed fails before any row is stored, with one
    line naming the file; the files before it are kept, and once the workbook
    is whole a re-run stores it (a failed file is never "unchanged")."""
    sys.path.insert(0, str(Path(__file__).parent))
    import fixtures_bigkinds as fx

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths[SEED], folder / "a_page.txt")
    good = fx.write_news_search(tmp_path / "good.xlsx", fx.generated_rows(300))

    def break_row_200(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):  # row 200's date: a number that is not
            data, n = re.subn(rb'(<c r="B200" t="n"><v>)\d+', rb"\g<1>20x1", data)
            assert n == 1
        return data

    broken = fx.write_damaged(folder / "b_export.xlsx", good, break_row_200)
    for parallel in (False, True):
        errors: list[str] = []
        db = tmp_path / f"{parallel}.db"
        with Corpus(db) as corpus:
            report = ingest_paths(corpus, [folder], parallel=parallel, on_error=errors.append)
            assert report.added == 1 and report.failed == 1
            assert len(errors) == 1 and errors[0].startswith(f"error: {broken}: sheet ") and "\n" not in errors[0]
            assert corpus.count(include_hidden=True) == 1
            assert corpus.db.execute("SELECT count(*) FROM sources WHERE status = 'ok'").fetchone()[0] == 1
    shutil.copy(good, broken)
    with Corpus(tmp_path / "True.db") as corpus:
        report = ingest_paths(corpus, [folder])
        assert report.failed == 0 and report.unchanged == 1 and report.added >= 290


@pytest.mark.parametrize("parallel", [False, True])
def test_ctrl_c_half_way_through_a_workbook_keeps_none_of_its_rows(tmp_path, seed_paths, parallel):
    """All or nothing per file: Ctrl-C after some of a workbook's rows are
    stored undoes them, keeps the file before, and a re-run stores it all."""
    sys.path.insert(0, str(Path(__file__).parent))
    import fixtures_bigkinds as fx

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths[SEED], folder / "a_page.txt")
    fx.write_news_search(folder / "b_export.xlsx", fx.generated_rows(300))
    seen: list[int] = []

    def interrupt(done: int, total: int, stored: int) -> None:
        seen.append(stored)
        if stored > 100:  # part of the workbook is stored by now
            raise KeyboardInterrupt

    with Corpus(tmp_path / "c.db") as corpus:
        with pytest.raises(KeyboardInterrupt):
            ingest_paths(corpus, [folder], parallel=parallel, progress=interrupt)
        assert 100 < seen[-1] < 300
        assert corpus.count(include_hidden=True) == 1
        assert corpus.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
        report = ingest_paths(corpus, [folder], parallel=parallel)
        assert report.unchanged == 1 and report.added >= 290 and report.failed == 0


def test_a_folder_lists_its_article_files_once_in_path_order(tmp_path):
    root = tmp_path / "in"
    for name in ("a/x.txt", "a/B/y.txt", "a/Z.html", "a/b.jsonl", "a/.draft.txt", ".hidden/q.txt", "c/w.TXT",
                 "c/notes.pdf", "z.txt", "Thumbs.db", ".DS_Store"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "c" / "same.txt").symlink_to(root / "a" / "x.txt")  # the same file twice: once
    (root / "c" / "loop").symlink_to(root)  # a symlinked folder is not entered
    files, problems = expand_inputs([root, root / "a" / "x.txt"])
    assert problems == []
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a/B/y.txt", "a/Z.html", "a/b.jsonl", "a/x.txt", "c/w.TXT", "z.txt"
    ]


def test_derived_values_come_by_the_chunk_and_a_file_they_fail_on_fails_alone(corpus, seed_paths, tmp_path, monkeypatch):
    from store import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    (folder / "zz_empty.txt").write_bytes(b"")  # fails on its own, after the file that derive fails on
    calls: list[int] = []
    derive = ingest.derive

    def fussy(articles):
        calls.append(len(articles))
        if any("CES를" in a.title for a in articles):
            raise RuntimeError("derive broke")
        return derive(articles)

    monkeypatch.setattr(ingest, "derive", fussy)
    errors: list[str] = []
    report = ingest_paths(corpus, [folder], on_error=errors.append, parallel=False)
    assert calls[0] == len(seed_paths)  # all five pages at once first, then one file at a time
    assert report.added == len(seed_paths) - 1 and report.failed == 2
    assert len(errors) == 2 and "RuntimeError: derive broke" in errors[0] and "zz_empty.txt" in errors[1]
    assert not any("CES를" in s.title for s in corpus.articles())


def test_articles_cross_a_pipe_as_tuples_and_arrive_equal(seed_paths):
    """Articles pickle as plain tuples (cheaper for the writer to rebuild):
    every field of every record must come back as it was."""
    import pickle

    from store.database import derive
    from store.formats import reader_for
    from store.ingest import Articles
    from store.records import Paragraph, ParsedArticle, Reporter

    parsed = [a for p in seed_paths.values() for a in reader_for(p)(p, p.read_bytes())[0]]
    parsed.append(
        ParsedArticle(
            "제목", [Paragraph("body", "본문입니다.", 0), Paragraph("caption", "사진", 3)], subtitles=["부제"],
            published="2024-01-16", published_precision="day", modified="2024-01-17T09:00:00+09:00",
            outlet="연합뉴스", wire_source="연합뉴스", reporters=[Reporter("홍길동", "hong@yna.co.kr", "correspondent")],
            dateline="포항", cities=["포항시"], url="https://example.com/1", is_excerpt=True,
            supplied_entities=[("person", "홍길동")], flags=["duplicate"],
        )
    )
    items = list(zip(parsed, derive(parsed)))
    back = pickle.loads(pickle.dumps(Articles(items), protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back, Articles) and back.items == items
    assert all(type(p) is Paragraph for a, _ in back.items for p in a.paragraphs)
