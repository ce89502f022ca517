"""HTML shared by the pages: the page frame, links to terms, the SPARQL editor, raw triples.

Written with ``html.escape`` and no template engine: the pages are few and small.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import DCTERMS_NS, ONTOLOGY_IRI, sparql_prefixes

DCTERMS = DCTERMS_NS
KG = ONTOLOGY_IRI

EXAMPLE_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "Cables, newest first",
        sparql_prefixes("dcterms") + "SELECT ?cable ?id ?created ?title WHERE {\n"
        "  ?cable dcterms:identifier ?id ; dcterms:created ?created .\n"
        "  OPTIONAL { ?cable dcterms:title ?title }\n"
        "} ORDER BY DESC(?created) LIMIT 20",
    ),
    (
        "Who met whom, and about what",
        sparql_prefixes("kg", "foaf", "skos") + "SELECT ?meeting ?name ?topic WHERE {\n"
        "  ?meeting a kg:Meeting ; kg:participant/foaf:name ?name .\n"
        "  OPTIONAL { ?meeting kg:topic/skos:prefLabel ?topic }\n"
        "} LIMIT 50",
    ),
    (
        "Cables per classification",
        sparql_prefixes("kg") + "SELECT ?classification (COUNT(?cable) AS ?cables) WHERE {\n"
        "  ?cable a kg:Cable ; kg:classification ?classification .\n"
        "} GROUP BY ?classification ORDER BY DESC(?cables)",
    ),
)


def _e(text: object) -> str:
    return html.escape(str(text))


def page(title: str, body: str, *, scripts: Iterable[str] = ()) -> str:
    """A whole HTML document: the explorer's header (search box, consoles), then ``body``.

    Styles and scripts come from this server's ``/static/`` only (no inline script or
    style), so the pages can be served under a strict Content-Security-Policy.
    """
    tags = "".join(f'<script src="{_e(src)}" defer></script>' for src in scripts)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} · cablegraph</title>"
        f'<link rel="stylesheet" href="/static/explorer.css">{tags}</head><body>'
        '<a class="skip" href="#main">Skip to the content</a>'
        '<header class="top"><a class="brand" href="/">cablegraph</a>'
        '<form action="/search" method="get" role="search">'
        '<label class="sr" for="top-q">Search cables and names</label>'
        '<input id="top-q" type="search" name="q" placeholder="Search cables and names">'
        '<button type="submit">Search</button></form>'
        '<nav aria-label="Consoles"><a href="/query">SPARQL</a>'
        '<a href="/graphql">GraphQL</a><a href="/queries">Saved queries</a></nav></header>'
        f'<main id="main"><h1>{_e(title)}</h1>{body}</main></body></html>\n'
    )


def local_path(iri: str, iris: IRIs) -> str | None:
    """Where this server shows ``iri``; None if it is not one of ours."""
    if not iri.startswith(iris.base):
        return None
    rest = iri[len(iris.base) :]
    if rest.startswith("cable/") and "/" not in rest[len("cable/") :]:
        return "/" + rest
    return base_path(iris) + rest


def base_path(iris: IRIs) -> str:
    """The URL path entity pages live under: the last segment of the base IRI's path.

    ``https://w3id.org/cablegraph/id/`` gives ``/id/``: a w3id redirect maps the
    project's prefix (``/cablegraph/``) to this server's root, so its ``id/`` lands here.
    A base with no path segment gives ``/id/`` too.
    """
    segments = [segment for segment in urlsplit(iris.base).path.split("/") if segment]
    return f"/{segments[-1] if segments else 'id'}/"


def term_html(term: Any, iris: IRIs, labels: Mapping[str, str] | None = None) -> str:
    """A term as HTML: our IRIs link to their page, others to themselves; by label if known."""
    if isinstance(term, ox.NamedNode):
        href = local_path(term.value, iris) or term.value
        label = (labels or {}).get(term.value)
        if label is not None:
            return f'<a href="{_e(href)}" title="{_e(term.value)}">{_e(label)}</a>'
        return f'<a href="{_e(href)}">{_e(term.value)}</a>'
    if isinstance(term, ox.Literal):
        return f'<span class="p">{_e(term.value)}</span>'
    return _e(str(term))


def query_link(endpoint: str, query: str) -> str:
    return f"{endpoint}?{urlencode({'query': query})}"


def query_form(
    endpoint: str,
    query: str = EXAMPLE_QUERIES[0][1],
    *,
    base: str = "",
    base_path: str = "/id/",
) -> str:
    """The SPARQL editor: a form that sends a query to ``endpoint`` by GET, the example
    queries one click away; with JavaScript (``/static/sparql-editor.js``) the saved
    queries too, and the results as a table, our IRIs (under ``base``) linked to pages."""
    buttons = "".join(
        f'<button type="button" class="plain" data-query="{_e(text)}">{_e(title)}</button>'
        for title, text in EXAMPLE_QUERIES
    )
    return page(
        "SPARQL query",
        f'<form id="sparql" action="{_e(endpoint)}" method="get" data-base="{_e(base)}" '
        f'data-base-path="{_e(base_path)}"><div class="saved" id="saved">'
        f"<p>Examples and saved queries, one click to run:</p>{buttons}</div>"
        '<label for="query">Query</label>'
        f'<textarea id="query" name="query" rows="12" spellcheck="false">{_e(query)}</textarea>'
        '<p><button type="submit">Run</button> <span class="muted">Ctrl+Enter runs it; '
        "results show as a table below (without JavaScript they come back as SPARQL JSON; "
        "send an Accept header for XML, CSV, TSV, Turtle or JSON-LD).</span></p></form>"
        '<div id="results" aria-live="polite"></div>',
        scripts=["/static/sparql-editor.js"],
    )


def paragraph_head(paragraph: dict[str, Any]) -> str:
    """``3. (C) SUMMARY``, from whichever of number, marking and heading it has."""
    parts = []
    if "number" in paragraph:
        parts.append(f"{paragraph['number']}.")
    if "classification" in paragraph:
        parts.append(f"({paragraph['classification']})")
    if "heading" in paragraph:
        parts.append(str(paragraph["heading"]))
    return _e(" ".join(parts))


def entity(
    iri: str,
    *,
    outgoing: Iterable[tuple[Any, Any]],
    incoming: Iterable[tuple[Any, Any]],
    iris: IRIs,
    labels: Mapping[str, str],
) -> str:
    """What the graph says of ``iri`` and what points to it."""
    out_rows = "".join(
        f"<tr><td>{term_html(p, iris)}</td><td>{term_html(o, iris, labels)}</td></tr>"
        for p, o in outgoing
    )
    in_rows = "".join(
        f"<tr><td>{term_html(s, iris, labels)}</td><td>{term_html(p, iris)}</td></tr>"
        for s, p in incoming
    )
    return page(
        labels.get(iri, iri),
        f"<table>{out_rows}</table><h2>Referenced by</h2><table>{in_rows}</table>",
    )


def not_found(what: str) -> str:
    return page("Not found", f"<p>{_e(what)}</p>")
