"""The quad store, behind one protocol: embedded Oxigraph, or a SPARQL 1.1 server.

oxigraph.py  Store: embedded Oxigraph on disk (in memory for tests); the engine
             object stays inside this package, everything else goes through methods
remote.py    RemoteStore: a SPARQL 1.1 server, through the standard protocols
shards.py    NQuadsShards: N-Quads files for a server's own loader (kg ingest --emit)
protocol.py  what the readers and writers need of either (ReadableStore, CableStore,
             GroupStore)
"""

from __future__ import annotations

from kg.store.oxigraph import Store, Term, named_node, nquads, ntriples
from kg.store.protocol import CableStore, GroupStore, ReadableStore

__all__ = [
    "CableStore",
    "GroupStore",
    "ReadableStore",
    "Store",
    "Term",
    "named_node",
    "nquads",
    "ntriples",
]
