"""What the fanzone plugin carries back from the second process of a two-core build (`parallel.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File

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
