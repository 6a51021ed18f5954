"""Each compatibility fix of keypoint_plugin.compat, shown to be needed and to work."""
import glob
import importlib.util
import os.path as osp
import tokenize

import numpy as np
import pytest
import torch
import torch.distributed as dist
from mmcv.parallel import MMDistributedDataParallel
from mmcv.runner import load_checkpoint, save_checkpoint

import keypoint_plugin  # noqa: F401
from keypoint_plugin.host import Compose

pytestmark = pytest.mark.every_stack


def test_numpy_aliases_let_host_pose_pipeline_run():
    assert (np.int, np.float, np.object) == (int, float, object)  # numpy 2 has its own np.bool again
    pipeline = Compose([dict(type='UniformSampleFrames', clip_len=8, num_clips=2, test_mode=True),
                        dict(type='PoseDecode'),
                        dict(type='PoseCompact', hw_ratio=1., allow_imgpad=True),
                        dict(type='Resize', scale=(32, 32), keep_ratio=False),
                        dict(type='GeneratePoseTarget', with_kp=True, with_limb=False)])
    rng = np.random.default_rng(0)
    out = pipeline(dict(keypoint=rng.uniform(10, 90, (1, 20, 17, 2)).astype(np.float32),
                        keypoint_score=np.ones((1, 20, 17), np.float32), total_frames=20, img_shape=(100, 100),
                        original_shape=(100, 100), label=0, start_index=0, modality='Pose'))
    assert out['imgs'].shape[0] == 16 and np.isfinite(out['imgs']).all()


def _numpy_names_used(package):
    """``{name: 'file:line'}`` of every ``np.<name>`` / ``numpy.<name>`` in the code (not the comments or
    strings) of installed ``package``."""
    root = osp.dirname(importlib.util.find_spec(package).origin)
    used = {}
    for path in sorted(glob.glob(osp.join(root, '**', '*.py'), recursive=True)):
        with open(path, 'rb') as f:
            tokens = [t for t in tokenize.tokenize(f.readline) if t.type in (tokenize.NAME, tokenize.OP)]
        for module, dot, name in zip(tokens, tokens[1:], tokens[2:]):
            if module.string in ('np', 'numpy') and dot.string == '.' and name.type == tokenize.NAME:
                used.setdefault(name.string, f'{osp.relpath(path, root)}:{name.start[0]}')
    return used


@pytest.mark.parametrize('package', ['mmcv', 'mmaction', 'pyskl'])
def test_every_numpy_name_the_hosts_use_exists(package):
    """Names the running numpy removed (np.Inf on numpy 2, np.int on numpy >= 1.24) and compat misses fail."""
    if importlib.util.find_spec(package) is None:
        pytest.skip(f'{package} is not installed')
    used = _numpy_names_used(package)
    assert 'ndarray' in used  # the scan reads the package's code
    missing = {name: where for name, where in used.items() if not hasattr(np, name)}
    assert not missing, f'numpy {np.__version__} lacks names that {package} uses: {missing}'


def test_numpy_names_are_the_values_numpy_1_had():
    assert np.Inf == np.Infinity == np.PINF == -np.NINF == np.inf and np.isnan(np.NaN)
    assert np.float_ is np.float64 and np.complex_ is np.complex128 and np.string_ is np.bytes_
    assert np.unicode_ is np.str_ and np.copysign(1, np.NZERO) == -1 and np.PZERO == 0
    assert np.product([2, 3]) == 6 and np.alltrue([True, False]) == np.False_


class _Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(3, 2)

    def forward(self, x, return_loss=False):
        return self.fc(x)


def test_mmcv_checkpoint_with_numpy_meta_loads(tmp_path):
    model = _Tiny()
    path = str(tmp_path / 'epoch_1.pth')
    save_checkpoint(model, path, meta=dict(epoch=1, best_score=np.float64(0.5), seed=np.int64(3)))
    if tuple(int(v) for v in torch.__version__.split('.')[:2]) >= (2, 6):
        with pytest.raises(Exception, match='weights_only'):
            torch.load(path)  # what mmcv called before the fix
    fresh = _Tiny()
    ckpt = load_checkpoint(fresh, path, map_location='cpu')
    assert ckpt['meta']['best_score'] == 0.5
    assert torch.equal(fresh.fc.weight, model.fc.weight)


def test_mmcv_distributed_wrapper_forward_on_torch2(tmp_path):
    dist.init_process_group('gloo', init_method=f'file://{tmp_path}/store', rank=0, world_size=1)
    try:
        wrapped = MMDistributedDataParallel(_Tiny())
        x = torch.ones(4, 3)
        assert torch.allclose(wrapped(x, return_loss=False), wrapped.module(x))
    finally:
        dist.destroy_process_group()
