"""Serve a built site the way a real static host does: gzip for text, long cache for assets.

    python scripts/serve_compressed.py SITE_DIR [PORT]

Used by `make audit` (Lighthouse) and `make bench` (page weight): `python -m http.server` does not
compress, which would understate what readers actually download.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the parent redirects /page to /page/
            path = path / "index.html"
        if not (
            path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        cache = "public, max-age=31536000, immutable" if "/assets/" in self.path else "public, max-age=600"
        self.send_header("Cache-Control", cache)
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: str, port: int = 0) -> http.server.ThreadingHTTPServer:
    return http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=directory)
    )


if __name__ == "__main__":
    server = serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8001)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()
