"""cablegraph: a knowledge graph of US diplomatic cables.

The pipeline, one way through (each stage a module or subpackage here):
sources -> parse -> extract -> rdf -> store, and ``api`` on top of the store.
"""

__version__ = "0.1.0"
