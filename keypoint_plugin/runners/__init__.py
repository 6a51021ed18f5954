"""The host families' runner code, one folder each, above the components it runs: the training and testing tools
(``tools/train.py`` and ``tools/test.py`` call :func:`train` and :func:`test`) and, in ``runtime``, a built model
run outside the runner (load_checkpoint, collate, predict, build_loader, prepare_model, build_optimizer,
train_step), answered alike by both families.

- ``mmcv1`` (pyskl, MMAction2 0.x): :mod:`.mmcv1.runner` (mmcv's EpochBasedRunner: process group, loaders,
  training, testing), :mod:`.mmcv1.amp`, :mod:`.mmcv1.checkpoint`, :mod:`.mmcv1.runtime`, :mod:`.mmcv1.tools`.
- ``mmengine`` (MMAction2 1.x): :mod:`.mmengine.runner` (mmengine's Runner), :mod:`.mmengine.runtime`,
  :mod:`.mmengine.tools`.
"""
import importlib

from ..host import FAMILY

runtime = importlib.import_module(f'.{FAMILY}.runtime', __name__)


def train(argv=None):
    """``tools/train.py``: the running host family's arguments (``--help`` lists them)."""
    importlib.import_module(f'.{FAMILY}.tools', __name__).train(argv)


def test(argv=None):
    """``tools/test.py``: the running host family's arguments (``--help`` lists them)."""
    importlib.import_module(f'.{FAMILY}.tools', __name__).test(argv)
