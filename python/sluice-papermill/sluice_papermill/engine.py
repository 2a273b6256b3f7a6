"""papermill's own nbclient engine under the name "sluice".

papermill loads every ``papermill.engine`` entry point when it is imported, and reads no
entry points for translators: importing this module (through the package) is what
registers the Go translator. ``--engine sluice`` behaves exactly like the default engine.
"""

from papermill.engines import NBClientEngine

from . import register

register()


class SluiceEngine(NBClientEngine):
    """The default nbclient engine; see the module's doc comment for why it exists."""
