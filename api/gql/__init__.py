"""The GraphQL API over the cable graph: types, resolvers, batching loaders, HTTP view.

``api.graphql`` is the public face (``schema``, ``graphql_app``, ``export_sdl``); the
modules here are its parts: ``sparql`` (query text and term helpers), ``loaders``
(one SPARQL query per field per batch), ``types`` (the object types), ``query`` (the
root), ``relay`` (global IDs, cursors, connections) and ``http`` (GraphQL over HTTP).
"""
