"""The offline course site: ``python -m csto.site`` (``make slides``) builds ``site/``.

- ``build``: orchestration, cache and the atomic swap of the finished site;
- ``preprocessors``: nbconvert Preprocessors that prepare an executed notebook for a deck or a handout;
- ``pages``: the pages that are not notebooks (index, glossary, source reader), from Jinja templates;
- ``browser``: headless Debian Chromium with the network walled off (PDFs, tests, benchmark);
- ``templates/``, ``assets/``: nbconvert templates, reveal.js, plotly.js (basic bundle), course CSS and JS.

The site reads the notebooks, the data and ``csto.reader``; nothing in ``csto`` imports the site.
"""

from .. import _imports

# Every part of the site reads notebooks (nbformat, nbconvert, nbclient), and nbformat imports jsonschema, which would
# compile an IRI grammar nothing here uses: over a second of every `make slides` and of each process that builds a
# page. Importing jsonschema the course's way first, once, is the whole effect; nothing else in the process changes.
_imports.jsonschema()
