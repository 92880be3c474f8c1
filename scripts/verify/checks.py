"""The checks, in the order they are listed in ``--help``."""
from __future__ import annotations

from . import (archived, contacts, disclosures, figures, freshness, markup, notices, references, revisions, structure,
               style)

ALL = [revisions.check, contacts.check, structure.check, references.check, freshness.check, figures.check, notices.check,
       disclosures.check, style.check, archived.check, markup.check]
