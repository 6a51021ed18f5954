"""Compatibility of the hosts (written for torch 1.x and numpy < 1.24) with current torch and numpy.

Each fix is applied once, by :func:`apply`, only where the running versions need it, and is covered by
``tests/test_compat.py``. Versions are pinned in ``requirements.txt`` where pinning suffices; these are
the cases pinning cannot cover (numpy 2 on Python 3.12 GPU machines, torch >= 2.6).
"""
import numpy as np
import torch

# numpy 1.24 removed these aliases of builtins; the hosts' pipelines (e.g. PoseDecode, sampling) still
# use them. Restoring the alias is exactly what numpy < 1.24 did.
_NUMPY_ALIASES = dict(int=int, float=float, bool=bool, object=object, str=str, long=int, unicode=str)


def _restore_numpy_aliases():
    for name, builtin in _NUMPY_ALIASES.items():
        if name not in np.__dict__:
            setattr(np, name, builtin)


def _load_full_checkpoint(filename, map_location=None):
    # torch >= 2.6 defaults to weights_only=True, which rejects the numpy scalars mmcv stores in a
    # checkpoint's meta. The files are the user's own training outputs, so a full load is what mmcv meant.
    return torch.load(filename, map_location=map_location, weights_only=False)


def _register_checkpoint_loader():
    from mmcv.runner import CheckpointLoader
    CheckpointLoader.register_scheme(prefixes='', loader=_load_full_checkpoint, force=True)


def _patch_distributed_wrapper():
    # mmcv 1.x's MMDistributedDataParallel reads this attribute of torch 1.11-1.13's DDP; torch 2.x
    # dropped it. False is the value it had whenever replicated tensors were off, i.e. always by default.
    from mmcv.parallel import MMDistributedDataParallel
    if not hasattr(MMDistributedDataParallel, '_use_replicated_tensor_module'):
        MMDistributedDataParallel._use_replicated_tensor_module = False


_applied = False


def apply():
    """Apply every needed fix; calling it again does nothing."""
    global _applied
    if _applied:
        return
    _restore_numpy_aliases()
    _register_checkpoint_loader()
    _patch_distributed_wrapper()
    _applied = True
