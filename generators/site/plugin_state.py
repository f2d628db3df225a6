"""What the fanzone plugin carries back from the second process of a two-core build (`parallel.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from .parallel import Shared
from .plantuml import RenderStats
from .print_page import PRINT_PAGE

if TYPE_CHECKING:
    from .plantuml import Renderer
    from .print_html import PrintAssembly


class TwoProcessState:
    """The plugin's state that pages change as they are converted or written, carried back as `Shared`s."""

    renderer: Renderer | None
    printing: PrintAssembly | None
    rendered: set[str]

    def converted_state(self) -> list[Shared]:
        """What the diagram renderer counts while pages are converted, carried back from a second process
        (`parallel.py`): the figures, and the diagrams the cache must keep; and the print page's sections."""
        printed = Shared(  # the print page's sections made as the pages are converted (`print_html.py`)
            lambda: self.printing.take_ready() if self.printing is not None else {},
            lambda made: self.printing.give_ready(made) if self.printing is not None else None,
        )
        if self.renderer is None:
            return [printed]
        stats = self.renderer.stats
        last = [stats.copy()]

        def take() -> RenderStats:
            change, last[0] = stats.since(last[0]), stats.copy()
            return change

        return [Shared(take, stats.add), printed]

    def sections_in_child(self, config: MkDocsConfig) -> Callable[[Page], None] | None:
        """The print page's section of each page the second process converts, made there (`print_html.keep`,
        which `on_page_content` calls here for the others; the sections come back with `converted_state`).
        Only when this plugin's `on_page_content` is the event's first handler: then the HTML it gets here is
        the one the conversion gave there (another plugin's handler before it might change it)."""
        handlers: list[Any] = config.plugins.events.get("page_content", [])
        first = handlers[0] if handlers else None
        if getattr(first, "__self__", None) is not self or getattr(first, "__name__", "") != "on_page_content":
            return None

        def keep(page: Page) -> None:
            if self.printing is not None:
                self.printing.keep(page.file.src_uri, page.content or "")

        return keep

    def written_state(self) -> Shared:
        """The pages written (`on_page_context`), carried back from a second process (`parallel.py`)."""
        seen: set[str] = set()

        def take() -> set[str]:
            new = self.rendered - seen
            seen.update(new)
            return new

        def start() -> None:
            seen.clear()
            seen.update(self.rendered)

        return Shared(take, lambda new: self.rendered.update(new), start)

    @staticmethod
    def converted_here(file: File) -> bool:
        """The print page's Markdown depends on the HTML of the pages converted before it (`print_html.py`):
        never converted in another process."""
        return file.src_uri == PRINT_PAGE
