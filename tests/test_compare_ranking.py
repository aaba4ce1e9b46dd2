"""The comparison as an aggregation over stored facts: ranking, copies counted
once, `more`, and updates when articles come and go (made-up city 한빛시)."""

from __future__ import annotations

import pytest

from store import dedupe
from store.comparison import facts
from store.corpus import Corpus
from store.records import Paragraph, ParsedArticle

CITY = "한빛시"


def article(title: str, paragraphs: list[str], published: str, outlet: str = "가상일보") -> ParsedArticle:
    return ParsedArticle(
        title=title,
        paragraphs=[Paragraph("body", t, i) for i, t in enumerate(paragraphs)],
        published=published,
        outlet=outlet,
        cities=[CITY],
    )


@pytest.fixture
def corpus(tmp_path):
    corpus = Corpus(tmp_path / "rank.db")
    yield corpus
    corpus.close()


def names(table: dict, row: str) -> list[str]:
    return [f["name"] for f in table[row]]


def test_leaders_rank_by_stories_naming_them_then_recency(corpus):
    for n, day in enumerate(["2024-03-01", "2024-03-08", "2024-03-15"]):
        corpus.save_article(article(f"한빛시 소식 {n}", [f"구하람 한빛시장은 {n + 2}일 시정 설명회를 열었다."], day))
    corpus.save_article(
        article("한빛시 방문단 출국", ["나은별 부시장을 단장으로 한 방문단은 누리대학교를 방문했다."], "2024-04-01")
    )
    table = corpus.compare([CITY])[CITY]
    assert names(table, "leaders")[:2] == ["구하람", "나은별"]
    mayor = table["leaders"][0]
    assert mayor["role"] == "한빛시장" and mayor["seen"] == "2024-03-01 – 2024-03-15"
    assert len({e["article_id"] for e in mayor["evidence"]}) == 3


def test_copies_of_one_story_count_once_and_all_stay_sources(corpus):
    wire = ["한빛시는 누리대학교와 인재 양성 업무협약(MOU)을 체결했다고 밝혔다.", "협약에 따라 양 기관은 공동 연구를 추진한다."]
    copies = [
        corpus.save_article(article(f"한빛시, 누리대학교와 협약 ({outlet})", wire, "2024-05-02", outlet))[0]
        for outlet in ("한빛일보", "새벽경제", "가람뉴스")
    ]
    for n, day in enumerate(["2024-05-10", "2024-06-11"]):
        corpus.save_article(
            article(f"한빛시 별빛연구소 협력 {n}", [f"한빛시는 별빛연구소와 {n + 1}차 기술 협력 협약을 맺었다."], day)
        )
    dedupe.group_copies(corpus.db)
    assert len(set(copies)) == 3
    stories = {corpus.db.execute("SELECT coalesce(cluster_id, id) FROM articles WHERE id = ?", [a]).fetchone()[0] for a in copies}
    assert len(stories) == 1, "the three copies are one story"
    table = corpus.compare([CITY])[CITY]
    partners = table["partners"]
    assert [p["name"] for p in partners][:2] == ["별빛연구소", "누리대학교"], "two stories outrank one story run three times"
    assert partners[1]["stories"] == 1
    assert {e["article_id"] for e in partners[1]["evidence"]} == set(copies), "every copy is a source"
    assert table["coverage"]["articles"] == 3 and table["coverage"]["copies"] == 2


def test_each_cell_shows_its_top_and_counts_the_rest(corpus):
    values = ["1천억원", "2천억원", "3천억원", "4천억원", "5천억원", "6천억원", "7천억원", "8천억원"]
    for n, value in enumerate(values):
        corpus.save_article(article(f"한빛시 투자 {n}", [f"한빛시는 {value} 규모의 투자를 유치했다."], f"2024-0{n % 9 + 1}-05"))
    top = corpus.compare([CITY])[CITY]
    assert len(top["figures"]) == 5 and top["more"]["figures"] == 3
    every = corpus.compare([CITY], top=None)[CITY]
    assert sorted(f["value"] for f in every["figures"]) == sorted(values) and every["more"]["figures"] == 0
    row, more = corpus.compare_row(CITY, "figures", 6)
    assert len(row) == 6 and more == 2
    shown = [f["evidence"][0]["article_id"] for f in top["figures"]]
    dates = [corpus.article(a).published for a in shown]
    assert dates == sorted(dates), "figures read in date order"


def test_a_new_article_is_read_alone_and_a_removed_one_leaves(corpus, monkeypatch):
    first, _ = corpus.save_article(article("한빛시 소식", ["구하람 한빛시장은 시정 설명회를 열었다."], "2024-03-01"))
    assert names(corpus.compare([CITY])[CITY], "leaders") == ["구하람"]
    read: list[str] = []
    real = facts.article_facts
    monkeypatch.setattr(facts, "article_facts", lambda c, aid, cities=(): read.append(aid) or real(c, aid, cities))
    assert corpus.compare([CITY])[CITY]["coverage"]["articles"] == 1 and read == [], "nothing read again"
    second, _ = corpus.save_article(
        article("한빛시 방문단 출국", ["나은별 부시장을 단장으로 한 방문단은 누리대학교를 방문했다."], "2024-04-01")
    )
    table = corpus.compare([CITY])[CITY]
    assert read == [second], "only the new article is read"
    assert set(names(table, "leaders")) == {"구하람", "나은별"} and table["coverage"]["articles"] == 2
    corpus.remove([second])
    table = corpus.compare([CITY])[CITY]
    assert names(table, "leaders") == ["구하람"] and table["coverage"]["articles"] == 1
    assert corpus.db.execute("SELECT count(*) FROM comparison_facts WHERE article_id = ?", [second]).fetchone()[0] == 0
    assert read == [second]


def test_an_old_database_is_read_on_repair(corpus):
    corpus.save_article(article("한빛시 소식", ["구하람 한빛시장은 시정 설명회를 열었다."], "2024-03-01"))
    with corpus.transaction() as conn:  # as a database made before the facts table
        conn.execute("DELETE FROM comparison_read")
        conn.execute("DELETE FROM comparison_facts")
    assert "1 article not read yet" in next(f.detail for f in corpus.check() if f.name == "comparison facts")
    assert "read the comparison facts of 1 article" in corpus.repair()
    assert corpus.db.execute("SELECT count(*) FROM comparison_facts WHERE cell = 'leaders'").fetchone()[0] == 1
    assert next(f.detail for f in corpus.check() if f.name == "comparison facts") == ""


def test_changed_entity_corrections_have_every_article_read_again(corpus, monkeypatch):
    from store.corrections import Corrections

    corpus.save_article(article("한빛시 소식", ["구하람 한빛시장은 시정 설명회를 열었다."], "2024-03-01"))
    corpus.compare([CITY])
    with corpus.transaction() as conn:
        assert not facts.corrections_changed(conn, Corrections()), "none before, none now"
    assert not facts.unread(corpus)
    with corpus.transaction() as conn:
        assert facts.corrections_changed(conn, Corrections(rename={"구하람": "구하늘"}))
        assert not facts.corrections_changed(conn, Corrections(rename={"구하람": "구하늘"})), "the same again"
    read: list[str] = []
    real = facts.article_facts
    monkeypatch.setattr(facts, "article_facts", lambda c, aid, cities=(): read.append(aid) or real(c, aid, cities))
    corpus.compare([CITY])
    assert len(read) == 1 and not facts.unread(corpus)


def test_facts_follow_their_article_when_it_joins_a_story_or_is_hidden(corpus):
    """The facts carry their article's story, date and hidden flag (for a join-free
    ranking); a trigger keeps them when copies are grouped after the facts were read."""
    wire = ["한빛시는 누리대학교와 인재 양성 업무협약(MOU)을 체결했다고 밝혔다."]
    copies = [
        corpus.save_article(article(f"한빛시, 누리대학교와 협약 ({outlet})", wire, "2024-05-02", outlet))[0]
        for outlet in ("한빛일보", "새벽경제", "가람뉴스")
    ]
    before = corpus.compare([CITY])[CITY]  # facts read while each copy is its own story
    assert before["partners"][0]["stories"] == 3
    dedupe.group_copies(corpus.db)
    after = corpus.compare([CITY])[CITY]
    assert after["partners"][0]["stories"] == 1 and after["coverage"]["articles"] == 1
    with corpus.transaction() as conn:
        conn.execute("UPDATE articles SET hidden = 1 WHERE id IN (?, ?, ?)", copies)
    assert corpus.compare([CITY])[CITY]["partners"] == []
    stale = corpus.db.execute(
        "SELECT count(*) FROM comparison_facts f JOIN articles a ON a.id = f.article_id"
        " WHERE f.story IS NOT coalesce(a.cluster_id, a.id) OR f.hidden != a.hidden OR f.published IS NOT a.published"
    ).fetchone()[0]
    assert stale == 0


def test_summaries_read_the_list_rows_of_many_articles_at_once(seeds_db):
    """A fact's sources (thousands, for a leader) get their list rows in a few queries."""
    with Corpus(seeds_db) as corpus:
        every = corpus.articles(include_hidden=True)
        ids = [a.id for a in every]
        asked = (ids * 300)[:1200] + ["no-such-article"]  # repeated, and one that is not there
        found = corpus.summaries(asked)
        assert set(found) == set(ids)
        assert all(found[a.id] == a for a in every)
