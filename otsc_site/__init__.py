"""L'OTSC expliquée: load, check and render the site's data, independently of MkDocs."""

from .build import build_pages
from .errors import DataError, Problem
from .rendered import RenderedPage

__all__ = ["Data", "DataError", "Problem", "RenderedPage", "Renderer", "build_pages", "load_data"]


def __getattr__(name: str):
    # The checks, the models and the renderer (pydantic, the slowest import) load only when data is
    # read: a build whose pages come from the cache never needs them.
    if name in ("Data", "load_data"):
        from . import checks

        return getattr(checks, name)
    if name == "Renderer":
        from .pages import Renderer

        return Renderer
    raise AttributeError(name)
