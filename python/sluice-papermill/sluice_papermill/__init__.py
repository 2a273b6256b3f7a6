"""Go parameters for papermill, so that ``papermill in.ipynb out.ipynb -p users 5000``
runs Sluice notebooks unchanged.

The injected-parameters cell is written by the ``sluice`` binary itself (``sluice run
--prepare-only``), so a parameter becomes exactly the Go assignment ``sluice run -p``
writes: converted to the type the notebook's parameters cell declares.
"""

from .translator import GoTranslator, register

__all__ = ["GoTranslator", "register"]

register()
