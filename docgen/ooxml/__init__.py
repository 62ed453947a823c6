"""docgen's one OOXML layer: everything it knows about WordprocessingML XML.

Render, build, lint (and later the checks and the preview) edit and read packages only
through these modules; no other module of docgen parses XML or runs a regex over it.

=================  ========================================================================
``ns``             namespaces, part names, Clark names
``parts``          a package's parts; ``word/document.xml`` cut into prefix, body, suffix
``jinja``          a part's XML → Jinja source (docxtpl's tag clean-up) and back
``markup``         string helpers for one paragraph's markup
``sections``       section properties: ending a section, headers, page-number restarts
``pagination``     keep-with-next on lead-ins and before the signature
``highlight``      placeholders shown as highlighted runs
``styles``         the styles part: ids and names, styles added by later parts, font, size
``tablegrid``      table grids repaired after column loops
``paragraphs``     reading paragraphs (text, table, Word numbering) for the linter
``build``          element edits of the template builder (python-docx objects)
``storytext``      the body as a tree: containers, paragraphs, tables, runs (for the redline)
``revisions``      tracked changes written into that tree: ``w:ins``/``w:del``, author, date
=================  ========================================================================

Per-document edits are string operations on known shapes (much faster than parsing);
each names the shape it expects in its docstring and is tested with small XML fixtures
(tests/ooxml/).
"""
