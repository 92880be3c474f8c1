"""What the MkDocs build needs from the policy core: annotated Markdown, generated pages, UI strings."""
