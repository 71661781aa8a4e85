"""L'OTSC expliquée: load, check and render the site's data, independently of MkDocs."""

from .checks import Data, load_data
from .errors import DataError, Problem
from .pages import RenderedPage, Renderer, build_pages

__all__ = ["Data", "DataError", "Problem", "RenderedPage", "Renderer", "build_pages", "load_data"]
