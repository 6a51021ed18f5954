"""keypoint_plugin: lightweight skeleton action recognition for pyskl, MMAction2 0.x and MMAction2 1.x.

Importing the package registers its pipelines, models and datasets (and, on MMAction2 1.x, its metric) into
the host's registries.
"""
from .version import __version__
from .host import HOST
from . import adapters, datasets, models, pipelines  # noqa: F401  (registration side effects)

__all__ = ['__version__', 'HOST']
