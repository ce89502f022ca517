"""From values to RDF: the vocabulary, the IRI scheme, and the mapping of cables to triples.

vocabulary.py  every namespace IRI and prefix, once; the closed ontology namespace KG
iri.py         the IRI scheme of instances (cables, people, places, ...)
terms.py       the pyoxigraph terms triples are made of
mapping.py     Cable + Extraction -> the triples of one named graph
extraction.py  the extraction's part of that mapping
"""
