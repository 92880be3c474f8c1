"""Version history: the archive of published revisions, and what the site and tools derive from it.

- ``archive``: the ``revisions/`` folder, its ``SHA256SUMS`` manifest and the tamper check.
- ``sources``: a policy to compare, named as a revision date, ``current`` or ``git:REF``.
- ``render``: a comparison as text, Markdown, HTML or JSON.
- ``release``: snapshotting ``docs/`` as a new revision (``python -m scripts.release``).
- ``pages``, ``feeds``: the /history/ pages, Atom feeds and JSON index of the site.
"""
