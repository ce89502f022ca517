"""The explorer's pages over the sample store: search, cable reader, entity pages, consoles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.explorer import svg
from api.explorer.reads import Ref
from kg.store import Store
from tests.builders import BASE, cable_store
from tests.live_server import client_for

KG = "https://w3id.org/cablegraph/ontology#"
STATIC = Path(__file__).parent.parent / "api" / "static"

# A mention of Titov in the first paragraph of 07MOSCOW628, as the extraction writes it
# (named by its span), and one in the second as earlier versions wrote them (offsets and
# surface as literals): the reader links both.
MENTION = f"""
<{BASE}cable/07MOSCOW628/p/0#char=4,18>
  <{KG}inParagraph> <{BASE}cable/07MOSCOW628/p/0> ;
  <{KG}refersTo> <{BASE}person/vladimir-titov> .
<{BASE}cable/07MOSCOW628/mention/1> a <{KG}Mention> ;
  <{KG}inParagraph> <{BASE}cable/07MOSCOW628/p/1> ; <{KG}start> 0 ; <{KG}end> 5 ;
  <{KG}surface> "Titov" ; <{KG}refersTo> <{BASE}person/vladimir-titov> .
<{BASE}cable/07MOSCOW628/meeting/0> <http://www.w3.org/ns/prov#wasDerivedFrom>
  <{BASE}cable/07MOSCOW628/p/1> .
"""


@pytest.fixture(scope="module")
def store() -> Store:
    store = cable_store()
    store.load(MENTION.encode(), format="turtle", graph=f"{BASE}graph/07MOSCOW628")
    return store


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(store)) as http:
        yield http


def html(client: httpx.Client, path: str) -> str:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response.text


@pytest.mark.server
def test_home_gives_figures_a_timeline_and_the_search_box(client: httpx.Client) -> None:
    text = html(client, "/")
    assert re.search(r"<strong>2</strong>cables", text)
    assert "<strong>2007-02-13</strong>" in text
    assert '<svg viewBox="0 0 720 160" role="img"' in text
    assert 'action="/search"' in text
    assert 'href="/id/person/vladimir-titov">Vladimir Titov</a>' in text  # most connected


@pytest.mark.server
def test_search_page_marks_matches_and_offers_facets(client: httpx.Client) -> None:
    text = html(client, "/search?q=Titov")
    assert "<mark>Titov</mark>" in text
    assert 'href="/cable/07MOSCOW628#p1"' in text
    assert 'href="/id/person/vladimir-titov">Vladimir Titov</a>' in text
    assert 'href="/search?q=Titov&amp;tag=PREL"' in text
    narrowed = html(client, "/search?q=Titov&tag=PREL")
    assert 'aria-current="true">PREL</a>' in narrowed
    assert "<script" not in html(client, "/search?q=%3Cscript%3E")
    assert '<li><a href="/cable/07MOSCOW627">07MOSCOW627</a></li>' in html(
        client, "/search?q=07moscow627"
    )


@pytest.mark.server
def test_cable_reader_links_mentions_meetings_and_citations(client: httpx.Client) -> None:
    text = html(client, "/cable/07MOSCOW628")
    assert (
        'DFM <a class="m person" href="/id/person/vladimir-titov" title="Vladimir Titov">'
        "Vladimir Titov</a> told the Ambassador"
    ) in text
    assert (
        '<a class="m person" href="/id/person/vladimir-titov" title="Vladimir Titov">'
        "Titov</a> said,"
    ) in text
    assert 'id="p1"' in text
    assert 'href="/id/cable/07MOSCOW628/meeting/0">2007-02-12 meeting</a>' in text
    assert 'href="/cable/07MOSCOW628#p1">read paragraph 2</a>' in text
    cited = html(client, "/cable/07MOSCOW627")
    assert '<a href="/cable/07MOSCOW628">07MOSCOW628</a>' in cited  # cited by


@pytest.mark.server
def test_person_page_shows_meetings_and_whom_they_met(client: httpx.Client) -> None:
    text = html(client, "/id/person/vladimir-titov")
    assert "<h1>Vladimir Titov</h1>" in text
    assert "Also named: <strong>DFM Titov</strong>, <strong>Titov</strong>" in text
    assert 'With: <a href="/id/person/william-burns">William Burns</a><br>' in text
    assert 'aria-label="Whom Vladimir Titov met: William Burns"' in text
    assert 'href="/id/person/vladimir-titov?view=data">Data</a>' in text
    assert "22-rdf-syntax-ns#type" not in text  # raw triples only behind the data link
    data = html(client, "/id/person/vladimir-titov?view=data")
    assert "22-rdf-syntax-ns#type" in data


@pytest.mark.server
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/id/cable/07MOSCOW628/meeting/0", 'href="/cable/07MOSCOW628#p1">paragraph 2</a>'),
        ("/id/cable/07MOSCOW628/meeting/0", "<h1>Meeting, 2007-02-12, in 07MOSCOW628</h1>"),
        ("/id/tag/KV", '<a href="/cable/07MOSCOW628">07MOSCOW628</a>'),
        ("/id/post/embassy-moscow", '<a href="/cable/07MOSCOW627">07MOSCOW627</a>'),
    ],
)
def test_other_entity_pages(client: httpx.Client, path: str, expected: str) -> None:
    assert expected in html(client, path)


@pytest.mark.server
def test_sparql_editor_lists_examples(client: httpx.Client) -> None:
    text = html(client, "/query")
    assert 'data-query="PREFIX' in text
    assert '<script src="/static/sparql-editor.js" defer></script>' in text


@pytest.mark.server
def test_graphiql_is_served_from_this_server(client: httpx.Client) -> None:
    response = client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources
    assert all(source.startswith("/static/") for source in sources)
    for source in sources:
        assert client.get(source).status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_vendored_code_keeps_its_licenses() -> None:
    for folder in ("graphiql", "react", "react-dom"):
        assert "MIT License" in (STATIC / "vendor" / folder / "LICENSE").read_text()
    for path in STATIC.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text, path


def test_timeline_keeps_empty_months() -> None:
    picture = svg.timeline([("2007-01", 2), ("2007-04", 1)])
    assert picture.count("<rect") == 2
    assert "2007-01 to 2007-04: 3 cables, at most 2 a month" in picture
    assert svg.timeline([]) == "<p>No dated cables yet.</p>"


def test_ego_picture_escapes_and_links() -> None:
    picture = svg.ego("A & B", [(Ref("x", "<C>"), 2, "/id/person/c")])
    assert '<a href="/id/person/c">' in picture
    assert "&lt;C&gt;" in picture
    assert "A &amp; B" in picture
    assert svg.ego("A", []) == ""


@pytest.mark.server
def test_search_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    from tests.builders import CABLES_TRIG

    store = Store(tmp_path / "store")
    store.load(CABLES_TRIG, format="trig")
    with client_for(create_app(store)) as client:
        text = client.get("/search?q=Titov").text
    assert "There is no search index beside this store yet: run `kg index`" in text


def test_visitors_at_once_share_one_count_of_the_home_page_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    from api.explorer import corpus
    from api.pages import Pages
    from api.runner import Runner

    store = cable_store()
    counted = []
    overview = corpus.overview

    def counting(store: Store) -> object:
        counted.append(1)
        return overview(store)

    monkeypatch.setattr(corpus, "overview", counting)
    pages = Pages(store, runner=Runner(timeout=30, workers=2), has_graphql=False)

    async def visits() -> list[object]:
        return await asyncio.gather(*(pages.overview() for _ in range(16)))

    first = asyncio.run(visits())
    assert len(counted) == 1
    assert all(figures is first[0] for figures in first)
    asyncio.run(visits())  # the store has not changed: the figures are kept
    assert len(counted) == 1
