"""The analysis side of kg: the networkx projection of a store, graph analytics and the HTML view.

Nothing here imports :mod:`kg.extract` or spaCy.

* :mod:`kg.analysis.graph` — :func:`to_networkx` (from a store), :func:`from_facts` (from plain tuples)
* :mod:`kg.analysis.analytics` — centrality, communities, shortest fact chains, neighbourhoods, reports
* :mod:`kg.analysis.view` — the single-file offline HTML view (``kg viz``)
"""
from __future__ import annotations

from kg.analysis.analytics import (Hop, Report, analyze, centrality, communities, community_of, find_entity, label,
                                   neighborhood, neighbors, shortest_paths, top_nodes, undirected)
from kg.analysis.graph import from_facts, to_networkx

__all__ = ["Hop", "Report", "analyze", "centrality", "communities", "community_of", "find_entity", "from_facts",
           "label", "neighborhood", "neighbors", "shortest_paths", "to_networkx", "top_nodes", "undirected"]
