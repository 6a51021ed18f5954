"""Compatibility of the hosts (written for torch 1.x and numpy < 1.24) with current torch and numpy.

Each fix is applied once, by :func:`apply_mmcv1` or :func:`apply_mmengine` (the host family's), only where the
running versions need it, and is covered by ``tests/test_compat.py`` (``tests/test_mmaction1x.py``). Versions are pinned in ``requirements/main.txt`` where pinning suffices; these are
the cases pinning cannot cover (numpy 2 on fresh installs and the Python 3.12 GPU machines, torch >= 2.6).
"""
import importlib
import importlib.util
import os
import sys
import types

import numpy as np
import torch

from ..safe_load import load_checkpoint_file

# numpy 1.24 removed these aliases of builtins; the hosts' pipelines (e.g. PoseDecode, sampling) still
# use them. Restoring the alias is exactly what numpy < 1.24 did.
_NUMPY_ALIASES = dict(int=int, float=float, bool=bool, object=object, str=str, long=int, unicode=str)
# numpy 2.0 removed these names (numpy keeps a record of them, numpy._expired_attrs_2_0, with messages, not
# replacements); the hosts use some, e.g. np.Inf in PoseCompact (MMAction2 and pyskl). Each value is what the
# name meant in numpy 1.x. tests/test_compat.py scans the installed hosts for numpy names this list misses.
_NUMPY_2_REMOVED = dict(
    Inf=np.inf, Infinity=np.inf, infty=np.inf, PINF=np.inf, NINF=-np.inf, NaN=np.nan, NAN=np.nan,
    PZERO=0.0, NZERO=-0.0, float_=np.float64, complex_=np.complex128, cfloat=np.complex128,
    singlecomplex=np.complex64, longfloat=np.longdouble, longcomplex=np.clongdouble,
    clongfloat=np.clongdouble, string_=np.bytes_, unicode_=np.str_, round_=np.round, alltrue=np.all,
    sometrue=np.any, product=np.prod, cumproduct=np.cumprod)
# Renamed in numpy 2.0 and the old name removed later (np.trapz in 2.4; MMAction2's mean average precision).
_NUMPY_RENAMED = dict(trapz='trapezoid')


def _restore_numpy_names():
    for name, value in {**_NUMPY_ALIASES, **_NUMPY_2_REMOVED}.items():
        if name not in np.__dict__:
            setattr(np, name, value)
    for old, new in _NUMPY_RENAMED.items():
        if old not in np.__dict__:
            setattr(np, old, getattr(np, new))


def _register_checkpoint_loader(runner):
    # mmcv 1.x (mmcv.runner) and mmengine 0.10 (mmengine.runner) read local checkpoints with torch.load and no
    # weights_only (on torch >= 2.6 a weights-only load that refuses the numpy scalars and mmengine types real
    # checkpoints hold), and URLs (http(s)://, and open-mmlab://, torchvision://, mmcls:// through them) with
    # torch.hub's load_url, a full unpickler: a downloaded checkpoint could run code. Local files go through the
    # safe loader; load_url's download is kept and the file then loaded the same way.
    importlib.import_module(runner).CheckpointLoader.register_scheme(prefixes='', loader=_load_local, force=True)
    importlib.import_module(f'{runner}.checkpoint').load_url = _load_url


def _load_local(filename, map_location=None):
    return load_checkpoint_file(filename, map_location=map_location)


def _load_url(url, model_dir=None, map_location=None, **kwargs):
    """torch.hub's ``load_url`` (download once into the hub's checkpoint folder), loading the file safely."""
    from torch.hub import download_url_to_file, get_dir
    model_dir = model_dir or os.path.join(get_dir(), 'checkpoints')
    os.makedirs(model_dir, exist_ok=True)
    cached = os.path.join(model_dir, os.path.basename(url.split('?')[0]))
    if not os.path.exists(cached):
        download_url_to_file(url, cached, progress=False)
    return load_checkpoint_file(cached, map_location=map_location)


def _patch_distributed_wrapper():
    # mmcv 1.x's MMDistributedDataParallel reads this attribute of torch 1.11-1.13's DDP; torch 2.x
    # dropped it. False is the value it had whenever replicated tensors were off, i.e. always by default.
    from mmcv.parallel import MMDistributedDataParallel
    if not hasattr(MMDistributedDataParallel, '_use_replicated_tensor_module'):
        MMDistributedDataParallel._use_replicated_tensor_module = False


def _stub_missing_drn():
    # The mmaction2 1.2.0 wheel and sdist lack models/localizers/drn/ (open-mmlab/mmaction2#2714), which
    # mmaction.models imports: nothing of MMAction2's models would import. DRN (temporal grounding) is not used
    # here; a stand-in module lets the rest import and says why if DRN is ever built.
    # Looked up on disk: finding the module's spec would import mmaction.models, the import that fails.
    spec = importlib.util.find_spec('mmaction')
    localizers = os.path.join(os.path.dirname(spec.origin), 'models', 'localizers')
    if not os.path.isdir(localizers) or os.path.isdir(os.path.join(localizers, 'drn')):
        return

    class DRN:
        def __init__(self, *args, **kwargs):
            raise ImportError('DRN is missing from the installed mmaction2 package (open-mmlab/mmaction2#2714); '
                              'install MMAction2 from its source tree to use it')

    package = types.ModuleType('mmaction.models.localizers.drn')
    package.__path__ = []
    module = types.ModuleType('mmaction.models.localizers.drn.drn')
    module.DRN = DRN
    package.drn = module
    sys.modules.update({package.__name__: package, module.__name__: module})


_applied = set()


def apply_mmcv1():
    """Apply the fixes for pyskl / MMAction2 0.x on current numpy and torch; calling it again does nothing."""
    if 'mmcv1' in _applied:
        return
    _restore_numpy_names()
    _register_checkpoint_loader('mmcv.runner')
    _patch_distributed_wrapper()
    _applied.add('mmcv1')


def apply_mmengine():
    """Apply the fixes for MMAction2 1.x (before its models import); calling it again does nothing."""
    if 'mmengine' in _applied:
        return
    _restore_numpy_names()
    _stub_missing_drn()
    _register_checkpoint_loader('mmengine.runner')
    _applied.add('mmengine')
