"""HTML for the linked-data pages, the home page and the query form.

Written with ``html.escape`` and no template engine: the pages are few and small.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

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

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;"
    "text-align:left;vertical-align:top}pre,textarea{font:14px monospace}"
    "textarea{width:100%}.p{white-space:pre-wrap}"
)


def _e(text: object) -> str:
    return html.escape(str(text))


def page(title: str, body: str) -> str:
    """A whole HTML document."""
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>"
        f'<body><p><a href="/">cablegraph</a></p><h1>{_e(title)}</h1>{body}</body></html>\n'
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


def query_form(endpoint: str, query: str = EXAMPLE_QUERIES[0][1]) -> str:
    """A form that sends a query to ``endpoint`` by GET."""
    return page(
        "SPARQL query",
        f'<form action="{_e(endpoint)}" method="get">'
        f'<textarea name="query" rows="12">{_e(query)}</textarea>'
        '<p><button type="submit">Run</button> results come back as SPARQL JSON; '
        "send an Accept header for XML, CSV, TSV, Turtle or JSON-LD.</p></form>",
    )


def home(*, cables: Iterable[dict[str, Any]], graphs: int, has_graphql: bool) -> str:
    """The home page: what is here, example queries, and the newest cables."""
    links = [
        '<li><a href="/sparql">/sparql</a>: SPARQL 1.1 endpoint (query form in a browser, '
        "service description for RDF clients)</li>",
        '<li><a href="/graphs?default">/graphs</a>: Graph Store protocol '
        "(<code>?graph=IRI</code> or <code>?default</code>)</li>",
        '<li><a href="/queries">/queries</a>: saved queries, run by name with their '
        "parameters (<code>/queries/who_met?person=Wisner&amp;topic=Kosovo</code>)</li>",
    ]
    if has_graphql:
        links.append('<li><a href="/graphql">/graphql</a>: GraphQL, with GraphiQL</li>')
    examples = "".join(
        f'<li><a href="{_e(query_link("/sparql", query))}">{_e(title)}</a>'
        f"<pre>{_e(query)}</pre></li>"
        for title, query in EXAMPLE_QUERIES
    )
    rows = "".join(
        f'<tr><td><a href="/cable/{quote(str(row["id"]))}">{_e(row["id"])}</a></td>'
        f"<td>{_e(row.get('created', ''))}</td><td>{_e(row.get('title', ''))}</td></tr>"
        for row in cables
    )
    return page(
        "cablegraph",
        f"<p>A knowledge graph of US diplomatic cables: {graphs} named graphs.</p>"
        f"<ul>{''.join(links)}</ul><h2>Example queries</h2><ul>{examples}</ul>"
        f"<h2>Newest cables</h2><table>{rows}</table>",
    )


def cable(
    reference_id: str,
    *,
    fields: Iterable[tuple[str, Any]],
    paragraphs: Iterable[dict[str, Any]],
    iris: IRIs,
    labels: Mapping[str, str],
) -> str:
    """A cable's page: its metadata as a table, then its paragraphs in order."""
    meta = "".join(
        f"<tr><th>{_e(name)}</th><td>{term_html(value, iris, labels)}</td></tr>"
        for name, value in fields
    )
    body = "".join(
        f'<p id="p{_e(p.get("order", ""))}"><strong>{_paragraph_head(p)}</strong> '
        f'<span class="p">{_e(p["text"])}</span></p>'
        for p in paragraphs
    )
    graph = iris.graph(reference_id)
    rdf = f"/graphs?{urlencode({'graph': graph})}"
    return page(
        reference_id,
        f"<table>{meta}</table><h2>Text</h2>{body or '<p>(no paragraphs)</p>'}"
        f'<p>As RDF: <a href="{_e(rdf)}">the named graph</a>, or ask this page for '
        "<code>text/turtle</code>, <code>application/ld+json</code>, ...</p>",
    )


def _paragraph_head(paragraph: dict[str, Any]) -> str:
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
