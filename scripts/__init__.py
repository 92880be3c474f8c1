"""Tools for the bilingual policy site: the policy core and its command-line entry points."""
