"""An asyncio event loop on a virtual clock, for the kit's Python-side tools (developer code: not
used by the build, the tests or CI).

When the loop would wait for its next timer, the selector adds the timeout to the clock instead
of waiting, so a program that sleeps 10 s finishes at once with loop.time() == 10.0. Scheduling is
otherwise CPython's own (same ready queue, same timer heap).

    from virtual_asyncio import VirtualLoop
    loop = VirtualLoop(); loop.run_until_complete(main()); loop.time()
"""
import asyncio
import selectors


class VirtualSelector(selectors.DefaultSelector):
    def __init__(self):
        super().__init__()
        self.now = 0.0

    def select(self, timeout=None):
        if timeout is not None and timeout > 0:
            self.now += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())

    def time(self):
        return self._selector.now
