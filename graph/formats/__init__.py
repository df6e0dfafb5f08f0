"""File formats of the Verbinder network: a JSON document, a CSV folder and an XLSX workbook.

Use :mod:`graph.io` (``read_graph``, ``import_graph``, ``export_graph``); these modules hold the
format details and the shared validation.
"""

__all__: list[str] = []
