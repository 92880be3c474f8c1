"""``python -m scripts.new_site``: a new organisation's policy site, from its policy page, in one command."""
