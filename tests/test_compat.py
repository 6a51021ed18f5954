"""Each compatibility fix of keypoint_plugin.compat, shown to be needed and to work."""
import numpy as np
import pytest
import torch
import torch.distributed as dist
from mmcv.parallel import MMDistributedDataParallel
from mmcv.runner import load_checkpoint, save_checkpoint

import keypoint_plugin  # noqa: F401
from keypoint_plugin.host import Compose


def test_numpy_aliases_let_host_pose_pipeline_run():
    assert (np.int, np.float, np.bool, np.object) == (int, float, bool, object)
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
