"""Pure render functions: catalogue data in, Markdown out, one module per family of kinds.

base.py holds what they share (templates, PageContext, links, the @macro registry); each
family module registers its macros with @macro as it is imported below, so MACROS, the list
of every macro a page may call, is the code itself. Nothing here touches MkDocs objects.
"""

from . import algorithms, comparisons, concepts, exams, services, study  # noqa: F401 (registers the macros)
from .base import MACROS, PageContext, macro, relative_url, site_url
from .exams import exam_objectives

__all__ = ["MACROS", "PageContext", "exam_objectives", "macro", "relative_url", "site_url"]
