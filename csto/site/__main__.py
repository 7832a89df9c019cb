"""``python -m csto.site`` (``make slides``): build the offline course site."""

from .build import main

raise SystemExit(main())
