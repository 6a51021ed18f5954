"""keypoint_plugin: lightweight skeleton action recognition for pyskl / MMAction2 0.x.

Importing the package registers its pipelines, models and datasets into the host's registries.
"""
from .version import __version__
from .host import HOST
from . import datasets, models, pipelines  # noqa: F401  (registration side effects)

__all__ = ['__version__', 'HOST']
