"""GraphiQL, served whole by this server: React, ReactDOM and GraphiQL are copies in
``api/static/vendor/`` (with their licenses), started by ``/static/graphiql-start.js``.

Nothing is fetched from another host, so the console works without internet. The versions
are the ones in ``api/static/vendor/README.md``; GraphiQL 3 is the last line with a
browser bundle (``graphiql.min.js``) that needs no build step.
"""

from __future__ import annotations

#: What the GraphiQL page may load: its own scripts only; inline styles, which GraphiQL's
#: editors set on their elements, are the one allowance.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · cablegraph</title>
<link rel="stylesheet" href="/static/vendor/graphiql/graphiql.min.css">
<link rel="stylesheet" href="/static/graphiql.css">
<script src="/static/vendor/react/react.production.min.js" defer></script>
<script src="/static/vendor/react-dom/react-dom.production.min.js" defer></script>
<script src="/static/vendor/graphiql/graphiql.min.js" defer></script>
<script src="/static/graphiql-start.js" defer></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
</body>
</html>
"""
