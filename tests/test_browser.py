"""The explorer in a real browser: headless Chromium driven by Playwright over a server on
the sample and seed cables, ingested with ``kg ingest`` (which builds the search index).

A reader's way through: search for Titov, open his page, follow a meeting to the
paragraph that tells it, read the cable, then ask the same IRIs for Turtle. Every page
must load without a console error and without a request to another host; screenshots
go to ``tests/screenshots/`` (git-ignored).

Needs Debian's ``chromium`` (``/usr/bin/chromium``, or ``$CHROMIUM``) and the
``playwright`` package (no ``playwright install``: the system browser is used). Without
them the tests are skipped, unless ``$KG_REQUIRE_BROWSER`` is set (``.ci/run`` sets it):
then they fail, so that CI cannot pass without running them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest

from api.app import create_app
from kg import cli
from kg.store import Store
from tests.live_server import LiveServer, serve

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"

REQUIRED = bool(os.environ.get("KG_REQUIRE_BROWSER"))

if REQUIRED:
    import playwright.sync_api as sync_api
else:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.skipif(
        not REQUIRED and not Path(CHROMIUM).exists(),
        reason=f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)",
    ),
]


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, sample_dir: Path, seed_path: Path
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("browser")
    store_dir = folder / "store"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(
            [
                "--store",
                str(store_dir),
                "ingest",
                str(sample_dir),
                str(seed_path),
                "--rejects",
                str(folder / "rejects.jsonl"),
            ]
        )
    assert code == 0
    assert (store_dir / "search.sqlite").exists()  # the ingest built the index
    store = Store(store_dir, read_only=True)
    with serve(create_app(store)) as live:
        yield live


class Watch:
    """What a page did wrong: console errors, uncaught exceptions, requests elsewhere."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def attach(self, page: Any) -> None:
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

        def route(route: Any) -> None:
            url = route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == (
                self.origin
            ):
                route.continue_()
            else:
                self.foreign.append(url)
                route.abort()

        page.route("**/*", route)

    def check(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(base_url=server.url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(server.url)
    watch.attach(page)
    try:
        yield page, watch
    finally:
        context.close()


def shot(page: Any, name: str, *, full: bool = False) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)


def test_search_person_meeting_paragraph_cable_turtle(page: tuple[Any, Watch]) -> None:
    browser_page, watch = page
    browser_page.goto("/")
    shot(browser_page, "home")
    browser_page.get_by_label("Search the cables and the names in them").fill("Titov")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/search?q=Titov*")
    hits = browser_page.locator(".hits li")
    assert hits.count() > 0
    assert browser_page.locator(".hits mark").first.inner_text().lower() == "titov"
    shot(browser_page, "search")

    browser_page.get_by_role("link", name="Vladimir Titov").first.click()
    browser_page.wait_for_url("**/id/person/vladimir-titov")
    assert browser_page.locator("h1").inner_text() == "Vladimir Titov"
    assert browser_page.locator(".ego svg").count() == 1
    shot(browser_page, "person", full=True)

    meeting = browser_page.locator(".meetings li", has_text="dinner").first
    meeting.get_by_role("link", name="read paragraph").click()
    browser_page.wait_for_url("**/cable/07MOSCOW627#p*")
    anchor = urlsplit(browser_page.url).fragment
    paragraph = browser_page.locator(f"#{anchor}")
    assert "Titov" in paragraph.inner_text()
    assert paragraph.evaluate("element => element.matches(':target')")

    # The cable: header table, mentions linked to their entities, its meetings.
    assert browser_page.locator("h1").inner_text() == "07MOSCOW627"
    mention = browser_page.locator("a.m.person", has_text="Titov").first
    assert mention.get_attribute("href") == "/id/person/vladimir-titov"
    assert browser_page.locator(".meetings li").count() >= 1
    browser_page.evaluate("window.scrollTo(0, 0)")
    shot(browser_page, "cable")
    watch.check()

    # Content negotiation on the same URLs: Turtle for an RDF client.
    request = browser_page.request
    cable = request.get("/cable/07MOSCOW627", headers={"Accept": "text/turtle"})
    assert cable.status == 200
    assert cable.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(cable.body(), ox.RdfFormat.TURTLE))
    assert ox.Literal("07MOSCOW627") in {t.object for t in triples}
    person = request.get("/id/person/vladimir-titov", headers={"Accept": "text/turtle"})
    assert person.headers["content-type"].startswith("text/turtle")
    assert "accept" in person.headers["vary"].lower()
    names = {t.object for t in ox.parse(person.body(), ox.RdfFormat.TURTLE)}
    assert ox.Literal("Vladimir Titov") in names


def test_graphiql_runs_offline(page: tuple[Any, Watch]) -> None:
    browser_page, watch = page
    browser_page.goto("/graphql")
    browser_page.locator(".graphiql-container").wait_for()
    browser_page.locator(".graphiql-execute-button").click()
    browser_page.locator(".result-window", has_text="Vladimir Titov").wait_for()
    shot(browser_page, "graphiql")
    watch.check()


def test_sparql_editor_shows_a_table(page: tuple[Any, Watch]) -> None:
    browser_page, watch = page
    browser_page.goto("/query")
    browser_page.get_by_role("button", name="Cables per classification").click()
    table = browser_page.locator("#results table")
    table.wait_for()
    assert "CONFIDENTIAL" in table.inner_text()
    browser_page.locator("#saved button", has_text="Every cable that names a person").click()
    browser_page.locator("#results td", has_text="07MOSCOW627").first.wait_for()
    shot(browser_page, "sparql")
    watch.check()


def test_pages_fit_a_phone(browser: Any, server: LiveServer) -> None:
    context = browser.new_context(base_url=server.url, viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        watch = Watch(server.url)
        watch.attach(phone)
        for path in ("/", "/search?q=Kosovo", "/id/person/vladimir-titov", "/cable/07MOSCOW628"):
            phone.goto(path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide on a 390px screen"
        shot(phone, "phone-person")
        watch.check()
    finally:
        context.close()
