"""docgen's one OOXML layer: everything it knows about WordprocessingML XML.

Render, build, lint, the conformance checks and the PDF checks edit and read packages
only through these modules; no other module of docgen parses XML or runs a regex over it.

=================  ========================================================================
``ns``             namespaces, part names, Clark names
``tree``           parsing a part safely (no entities, no network); on/off and int values
``parts``          a package's parts; ``word/document.xml`` cut into prefix, body, suffix
``package``        relationships (main part, styles, headers) and the settings part
``jinja``          a part's XML → Jinja source (docxtpl's tag clean-up) and back
``markup``         string helpers for one paragraph's markup
``sections``       section properties: ending a section, headers, page-number restarts;
                   reading each section's page, margins, numbering and header references
``pagination``     keep-with-next on lead-ins and before the signature
``highlight``      placeholders shown as highlighted runs
``styles``         the styles part: ids and names, styles added by later parts, font, size
``properties``     ``w:pPr``/``w:rPr`` as property dicts and their layering
``stylesheet``     style inheritance: defaults → table → paragraph → character style
``fonts``          the theme's fonts and the fonts a part names
``body``           a body's paragraphs and tables in reading order; table layout
``formatting``     a paragraph as Word shows it: text, page breaks, effective formatting;
                   page numbers in headers
``spans``          each paragraph's own XML cut out of a part's bytes (memo keys)
``tablegrid``      table grids repaired after column loops
``paragraphs``     reading paragraphs (text, table, Word numbering) for the linter
``build``          element edits of the template builder (python-docx objects)
``storytext``      the body as a tree: containers, paragraphs, tables, runs (for the redline)
``revisions``      tracked changes written into that tree: ``w:ins``/``w:del``, author, date
=================  ========================================================================

Per-document edits are string operations on known shapes (much faster than parsing);
readers parse with ``tree``. Each module names the shapes it expects in its docstring and
is tested with small XML fixtures (tests/ooxml/).
"""
