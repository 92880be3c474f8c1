"""Hostile and broken input: what a pull request or a slip can write into the policy.

The same vectors are rendered in Chromium by tests/browser/test_browser_hostile.py (the browser
tests share one Chromium per session).
"""
from __future__ import annotations

# Markup a pull request can put into an article: each one, published as is, would run a script,
# leave the page or change it. Every one of them must come out of the build inert.
VECTORS = [
    '<script>window.__pwned = "script"; alert(1)</script>',
    '<img src="x" onerror="window.__pwned = \'img\'; alert(2)">',
    '<iframe srcdoc="<script>parent.alert(3)</script>"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://attacker.example/">',
    '<a href="javascript:alert(4)">javascript link</a>',
    '[markdown javascript link](javascript:alert(5))',
    '<svg onload="alert(6)"><circle r="1"/></svg>',
    '<details open ontoggle="alert(7)"><summary>s</summary></details>',
    '<object data="javascript:alert(8)"></object>',
    '<embed src="data:text/html,&lt;script&gt;alert(9)&lt;/script&gt;">',
    '<base href="https://attacker.example/">',
    '<link rel="stylesheet" href="https://attacker.example/x.css">',
    '<style>body { display: none }</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(10)></style></mglyph></table></mtext></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(11)>"></p></noscript>',
    '<input autofocus onfocus="alert(12)">',
    '<video><source onerror="alert(13)"></video>',
    '<body onload="alert(14)">',
    '<form action="https://attacker.example/"><button formaction="javascript:alert(15)">send</button></form>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNik8L3NjcmlwdD4=">data link</a>',
    '<div style="position:fixed;inset:0;background:url(javascript:alert(17))">cover</div>',
    '<!-- <script>alert(18)</script> -->',
    'An attribute list on a paragraph.\n{: onmouseover="alert(19)" style="font-size:100px" }',
    '[attribute list on a link](https://example.org/){: onclick="alert(20)" }',
]
# A caption and a description that end an attribute early: quotation marks, then a tag.
CAPTION_BREAKOUT = '（見出し"><script>alert(21)</script>）'
DESCRIPTION_BREAKOUT = 'A "quoted" description"><script>alert(22)</script>'
# A front-matter title: the theme prints it in the navigation and the header.
TITLE_BREAKOUT = '<img src="x" onerror="window.__pwned = 23; alert(23)">第４条'
