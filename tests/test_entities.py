"""Entities at ingest, end to end on the five seed pages: the evaluation
against the hand reading, spans, coreference, resumable analysis, the user's
corrections, and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from store import analysis
from store.corpus import Corpus
from store.extract.found import norm
from store.records import TITLE_INDEX
from store.entity_store import article_mentions, articles_naming, entity
from store.ingest import ingest_paths
from store.paths import seeds_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from entity_scoring import evaluate, load_reading, role_right  # noqa: E402  (the bench's scorer)

READING = Path(__file__).parent / "data" / "seeds-reading.json"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("ent") / "seeds.db"
    corpus = Corpus(path)
    ingest_paths(corpus, [seeds_dir()])
    steps: list[tuple[int, int]] = []
    n = analysis.analyze(corpus, workers=1, progress=lambda a, b: steps.append((a, b)))
    yield corpus, n, steps
    corpus.close()


def _aid(corpus: Corpus, file: str) -> str:
    return corpus.db.execute("SELECT article_id FROM sources WHERE path LIKE ?", [f"%{file}"]).fetchone()[0]


def test_analysis_reports_progress_for_every_article(seeded):
    corpus, n, steps = seeded
    assert n == corpus.count(include_hidden=True) == 5
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)


def test_evaluation_meets_targets_on_the_seeds(seeded):
    corpus, _, _ = seeded
    ev = evaluate(corpus.db, load_reading(READING))
    assert ev.articles == 5
    assert ev.types["person"].f1 >= 0.90
    for t in ("organization", "place", "event"):
        assert ev.types[t].f1 >= 0.85, (t, ev.types[t].missed, ev.types[t].extra)
    assert ev.role_share >= 0.90, ev.wrong_roles
    init = ev.types["initiative"]
    assert init.found_required == init.required, init.missed


def test_every_mention_span_points_into_its_paragraph(seeded):
    corpus, _, _ = seeded
    texts = {
        (a, i): t for a, i, t in corpus.db.execute("SELECT article_id, idx, text FROM paragraphs")
    }
    texts.update({(a, TITLE_INDEX): t for a, t in corpus.db.execute("SELECT id, title FROM articles")})
    checked = titles = 0
    for e in corpus.entities():
        names = {norm(n) for n in (e.name, *e.aliases)}  # one alias per spelling key: '실리콘 밸리' is 실리콘밸리
        for m in e.mentions:
            titles += m.field == "title"
            assert (m.field == "title") == (m.paragraph_index == TITLE_INDEX)
            text = texts[(m.article_id, m.paragraph_index)]
            assert 0 <= m.start < m.end <= len(text)
            if e.type in ("organization", "place") :
                assert norm(text[m.start : m.end]) in names, (e.name, text[m.start : m.end])
                checked += 1
    assert checked > 50
    assert titles > 0, "the titles are read too"


def test_short_references_resolve_to_the_mayor_named_earlier(seeded):
    corpus, _, _ = seeded
    aid = _aid(corpus, "003_baefb7860a83cacb.txt")
    text = {i: t for i, t in corpus.db.execute("SELECT idx, text FROM paragraphs WHERE article_id = ?", [aid])}
    spans = [m for m in article_mentions(corpus.db, aid) if m.type == "person"]
    said = {(m.name, text[m.paragraph_index][m.start : m.end]) for m in spans}
    assert ("김종천", "김 시장") in said
    assert ("은수미", "은 시장") in said
    # A group on a trip is not a person.
    assert not any("방문단" in n for n, _ in said)


def test_bylines_are_reporters_not_people(seeded):
    corpus, _, _ = seeded
    people = {e.name for e in corpus.entities(type="person")}
    reporters = {e.name for e in corpus.entities(type="reporter")}
    assert "이동국" in reporters and "이동국" not in people
    assert "김인철" not in people


def test_one_record_per_person_across_articles(seeded):
    corpus, _, _ = seeded
    [lee] = [e for e in corpus.entities(type="person") if e.name == "이강덕"]
    assert len(articles_naming(corpus.db, lee.id)) == 3
    assert lee.role == "포항시장" and lee.affiliation == "포항시"
    assert entity(corpus.db, lee.id).mentions == lee.mentions


def test_parenthetical_and_abbreviated_names_join(seeded):
    corpus, _, _ = seeded
    orgs = corpus.entities(type="organization")
    okta = [e for e in orgs if "월드옥타" in e.aliases or e.name == "월드옥타"]
    assert len(okta) == 1 and "세계한인무역협회" in {okta[0].name.replace(" ", ""), *okta[0].aliases}
    kic = [e for e in orgs if e.name == "KIC"]
    assert kic and "Korea Innovation Center" in kic[0].aliases
    smes = [e for e in orgs if "중기부" in e.aliases]
    assert smes and smes[0].name == "중소벤처기업부"


def test_events_take_the_year(seeded):
    corpus, _, _ = seeded
    events = {e.name for e in corpus.entities(type="event")}
    assert {"CES 2019", "CES 2023", "CES 2024"} <= events
    assert "CES" not in events


def test_figures_carry_value_unit_and_what_they_count(seeded):
    corpus, _, _ = seeded
    figs = {e.name: e.data for e in corpus.entities(type="figure")}
    assert figs["6조7천억 원"]["value"] == 6.7e12 and figs["6조7천억 원"]["unit"] == "원"
    assert figs["25만 개"]["counts"].startswith("일자리")
    assert figs["155만㎡"]["value"] == 1_550_000 and figs["155만㎡"]["unit"] == "㎡"


def test_json_shape(seeded):
    corpus, _, _ = seeded
    data = json.loads(json.dumps([e.to_json() for e in corpus.entities(type="person")], ensure_ascii=False))
    assert set(data[0]) == {"id", "name", "type", "role", "affiliation", "aliases", "mentions", "sources"}
    assert set(data[0]["mentions"][0]) == {"article_id", "paragraph_index", "start", "end", "field"}


def test_analysis_resumes_and_redoes_on_request(tmp_path):
    corpus = Corpus(tmp_path / "r.db")
    files = sorted(seeds_dir().glob("*.txt"))
    ingest_paths(corpus, files[:2])
    assert analysis.analyze(corpus, workers=1) == 2
    ids_before = {e.id for e in corpus.entities()}
    assert analysis.analyze(corpus, workers=1) == 0
    ingest_paths(corpus, files[2:3])
    assert analysis.analyze(corpus, workers=1) == 1
    assert analysis.analyze(corpus, workers=1, everything=True) == 3
    # Ids are stable under re-analysis.
    assert ids_before <= {e.id for e in corpus.entities()}
    corpus.close()


def test_worker_processes_give_the_same_entities(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis, "POOL_THRESHOLD", 1)
    one, two = Corpus(tmp_path / "one.db"), Corpus(tmp_path / "two.db")
    files = sorted(seeds_dir().glob("*.txt"))[:3]
    for c in (one, two):
        ingest_paths(c, files)
    analysis.analyze(one, workers=1)
    assert analysis.analyze(two, workers=2) == 3
    assert [e.to_json() for e in one.entities()] == [e.to_json() for e in two.entities()]


def test_user_corrections_merge_rename_and_hide(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from store import corrections

    toml = corrections.default_path()
    toml.parent.mkdir(parents=True)
    toml.write_text(
        'hide = ["포항"]\n'
        '[aliases]\n"바이오콤 캘리포니아" = ["솔크연구소"]\n'
        '[rename]\n"리치 피츠제럴드" = "Rich Fitzgerald"\n',
        encoding="utf-8",
    )
    corpus = Corpus(tmp_path / "c.db")
    ingest_paths(corpus, [sorted(seeds_dir().glob("*.txt"))[1]])
    analysis.analyze(corpus, workers=1)
    names = {e.name for e in corpus.entities()}
    assert "Rich Fitzgerald" in names and "리치 피츠제럴드" not in names
    assert "포항" not in {e.name for e in corpus.entities(type="place")}
    assert "솔크연구소" not in names
    [bio] = [e for e in corpus.entities(type="organization") if e.name == "바이오콤 캘리포니아"]
    assert "솔크연구소" in bio.aliases
    # A broken file is one error line, and analysis goes on.
    toml.write_text("[aliases\n", encoding="utf-8")
    errors: list[str] = []
    analysis.analyze(corpus, workers=1, everything=True, on_error=errors.append)
    assert errors and errors[0].startswith("error: ")
    corpus.close()


def test_a_broken_article_is_one_error_not_a_crash():
    aid, found, error = analysis.analyse_one({"id": "x", "paragraphs": [(0, "body", None)]})
    assert aid == "x" and found == [] and error


def test_role_scoring_accepts_the_same_title_either_way():
    assert role_right("의장", "포항시의회", {"role": "포항시의회 의장", "affiliation": "포항시의회"})
    assert role_right("밴쿠버 시장", "밴쿠버", {"role": "밴쿠버 시장", "affiliation": "밴쿠버"})
    assert not role_right("교수", "한동대", {"role": "포항시장", "affiliation": "포항시"})


def test_store_modules_do_not_load_the_analyser():
    code = (
        "import store.corpus, store.entity_store, store.analysis, store.corrections, store.extract.found\n"
        "import sys; print('kiwipiepy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_page_replacing_an_excerpt_is_analysed_again(tmp_path):
    from store.entity_store import move_article, pending_articles

    corpus = Corpus(tmp_path / "m.db")
    files = sorted(seeds_dir().glob("*.txt"))[:2]
    ingest_paths(corpus, files)
    analysis.analyze(corpus, workers=1)
    old, new = [r[0] for r in corpus.db.execute("SELECT id FROM articles ORDER BY num")]
    with corpus.transaction() as conn:
        move_article(conn, old, new)
    assert corpus.entities(article_id=old) == []
    assert new in pending_articles(corpus.db, analysis.VERSION)
    assert analysis.analyze(corpus, workers=1) >= 1
    assert corpus.entities(article_id=new)
    corpus.close()


def test_a_persons_role_is_the_one_their_newest_article_gives(tmp_path: Path):
    lines = [
        {"title": "한빛도, 산업단지 조성", "body": "구하람 한빛도지사는 산업단지를 조성하겠다고 밝혔다. 도는 올해 100억원을 투입한다.", "date": "2015-03-02"},
        {"title": "정부, 특구 지정", "body": "구하람 국무총리는 특구 일곱 곳을 지정했다고 밝혔다. 정부는 규제를 풀기로 했다.", "date": "2020-07-24"},
    ]
    page = tmp_path / "two.jsonl"
    page.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with Corpus(tmp_path / "r.db") as corpus:
        ingest_paths(corpus, [page])
        analysis.analyze(corpus, workers=1)
        person = next(e for e in corpus.entities(type="person") if e.name == "구하람")
        assert person.role == "국무총리"
        assert len({m.article_id for m in person.mentions}) == 2
