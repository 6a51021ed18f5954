"""``channels_last = True`` (keypoint_plugin.memory_format): the backbone's 5-D input goes channels-last (NDHWC),
the features stay the same, and the setting is validated."""
import os.path as osp

import pytest
import torch

from keypoint_plugin.host import Config, build_model
from keypoint_plugin.memory_format import apply_memory_format, channels_last
from conftest import ROOT

pytestmark = pytest.mark.every_stack


def heatmap_model():
    """The heatmap baseline's recognizer (the host's 3D ResNet) of the bundled config family."""
    from keypoint_plugin.config_utils import family_config_path

    return build_model(Config.fromfile(family_config_path('heatmap/synthetic.py')).model).eval()


@pytest.fixture
def two_threads():
    """PyTorch's CPU convolutions keep the channels-last layout on their oneDNN path, which a single-threaded
    process skips for some kernels (a 1x1x1 convolution of the host's ResNet, with OMP_NUM_THREADS=1): with two
    threads the CPU carries the layout through as cuDNN does."""
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(threads)


def test_the_backbone_runs_channels_last_with_the_same_features(two_threads):
    torch.manual_seed(0)
    model = heatmap_model()
    convs = [m for m in model.backbone.modules() if isinstance(m, torch.nn.Conv3d)]
    layouts = []
    for conv in convs:
        conv.register_forward_pre_hook(
            lambda module, args: layouts.append(args[0].is_contiguous(memory_format=torch.channels_last_3d)))
    x = torch.randn(2, 17, 8, 32, 32)
    with torch.no_grad():
        before = model.backbone(x)
        handle = channels_last(model)
        after = model.backbone(x)
        handle.remove()
        restored = model.backbone(x)
    # The layout carries through the host's backbone: every convolution runs on channels-last inputs.
    assert layouts == [False] * len(convs) + [True] * len(convs) + [False] * len(convs)
    # The same arithmetic in another summation order: float32 rounding differences, relative to the features' scale.
    torch.testing.assert_close(after, before, rtol=1e-3, atol=1e-4 * before.abs().max().item())
    torch.testing.assert_close(restored, before)


def test_only_5d_tensor_inputs_are_converted():
    conv = torch.nn.Conv2d(3, 4, 1)
    channels_last(conv)
    x = torch.randn(1, 3, 5, 5)
    assert conv(x).is_contiguous()  # a 4-D input passes unchanged


def test_channels_last_setting_adds_the_hook_only_when_true_and_takes_only_a_bool():
    model = torch.nn.Sequential(torch.nn.Conv3d(3, 4, 1))
    assert apply_memory_format(model, Config(dict())) is False and not model._forward_pre_hooks
    assert apply_memory_format(model, Config(dict(channels_last=True))) is True and model._forward_pre_hooks
    with pytest.raises(TypeError, match="channels_last must be True or False, got 'yes'"):
        apply_memory_format(model, Config(dict(channels_last='yes')))
