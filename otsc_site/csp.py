"""A strict Content-Security-Policy for every page, written into the page itself.

Only the site's own host is allowed. The theme needs a few inline scripts (Material's storage
helpers and palette, our deferred search); each one is allowed by the SHA-256 of its exact text,
computed when the page is written. A script that comes from the page's own content (Markdown, raw
HTML in a page written by hand) is never hashed: it is blocked, like any script injected later.
Scripts of type JSON or JSON-LD are data, not code: CSP does not apply to them.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def inline_script_hashes(html: str, content: str = "") -> list[str]:
    """`'sha256-…'` for each inline script of the theme that runs, in page order, without repeats;
    none for the scripts found in `content`, the HTML converted from the page's Markdown."""
    hashes: list[str] = []
    from_content = {match["body"] for match in _SCRIPT.finditer(content)}
    # Where the content stands in the page: a script that starts there is the content's, even one it
    # left unclosed (its body then runs on into the theme's HTML, up to the theme's next « </script> »).
    scripted = "<script" in content.lower()  # most pages: no script of their own, nothing to locate
    start = html.find(content) if scripted else -1
    inside = range(start, start + len(content)) if start >= 0 else range(0)
    for match in _SCRIPT.finditer(html):
        if (
            "src=" in match["attrs"]
            or _DATA.search(match["attrs"])
            or match["body"] in from_content
            or match.start() in inside
            or (scripted and start < 0)
        ):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def with_csp(html: str, content: str = "") -> str:
    """The page with its policy as the first thing after `<meta charset>`, before any script."""
    policy = POLICY.format(hashes=" ".join(inline_script_hashes(html, content)))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    match = _CHARSET.search(html)
    if match is None:
        return html
    return html[: match.end()] + "\n    " + tag + html[match.end() :]
