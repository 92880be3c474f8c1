"""robots.txt at the site root: everything may be crawled; the sitemap (with hreflang alternates) is named.

Past revisions carry their own ``noindex`` on the page; they are not hidden here, so
crawlers can still read that instruction.
"""
from __future__ import annotations

from pathlib import Path


def robots_txt(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_robots(site_dir: Path, site_url: str) -> Path:
    target = Path(site_dir) / "robots.txt"
    target.write_text(robots_txt(site_url), encoding="utf-8")
    return target
