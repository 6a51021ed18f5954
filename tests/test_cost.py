"""count_cost against hand-computed MACs, and the cost goals of RawKeypointConv3D against PoseC3D."""
import pytest
import torch
import torch.nn as nn

from keypoint_plugin.apis.cost import count_cost
from keypoint_plugin.host import HOST, build_model
from conftest import build_recognizer


def test_conv3d_and_linear_hand_counts():
    conv = nn.Conv3d(3, 8, kernel_size=(3, 5, 1), stride=(2, 1, 1), padding=(1, 0, 0))
    x = torch.randn(2, 3, 16, 5, 4)
    cost = count_cost(conv, (x, ))
    # Output [2, 8, 8, 1, 4]: every output element takes 3 * 3 * 5 * 1 multiply-accumulates (bias is free).
    assert cost['macs'] == 2 * 8 * 8 * 1 * 4 * (3 * 3 * 5 * 1)
    assert cost['flops'] == 2 * cost['macs']
    assert cost['gmacs'] == pytest.approx(cost['macs'] / 1e9)
    assert cost['params'] == 8 * 3 * 3 * 5 + 8

    linear = nn.Linear(16, 4)
    cost = count_cost(linear, torch.randn(5, 16))
    assert cost['macs'] == 5 * 16 * 4
    assert cost['params'] == 16 * 4 + 4


def test_sequential_sums_layers_and_ignores_elementwise_work():
    model = nn.Sequential(nn.Conv3d(2, 4, 1), nn.BatchNorm3d(4), nn.ReLU(), nn.AdaptiveAvgPool3d(1), nn.Flatten(),
                          nn.Linear(4, 3))
    cost = count_cost(model, (torch.randn(1, 2, 6, 5, 5), ))
    assert cost['macs'] == 6 * 5 * 5 * 4 * 2 + 4 * 3
    assert cost['params'] == (2 * 4 + 4) + (4 + 4) + (4 * 3 + 3)


def test_mode_is_restored_and_bad_module_rejected():
    model = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5))
    model.train()
    count_cost(model, torch.randn(2, 3))
    assert model.training
    model.eval()
    count_cost(model, torch.randn(2, 3))
    assert not model.training
    with pytest.raises(ValueError, match='nn.Module'):
        count_cost(lambda x: x, torch.randn(2, 3))


def test_recognizer_counts_backbone_plus_head():
    model = build_recognizer(num_classes=60, dropout=0.5)
    keypoint = torch.randn(1, 1, 3, 48, 17, 2)
    whole = count_cost(model, (keypoint, ))
    backbone = count_cost(model.backbone, (keypoint[:, 0], ))
    assert whole['macs'] == backbone['macs'] + 192 * 60
    assert whole['params'] == backbone['params'] + 192 * 60 + 60


def test_goal_cost_of_default_model():
    """Issue goal: at most 0.05 GMACs and 0.5M parameters for a 48-frame, 2-person, COCO-17 clip (x, y, score)
    with a 60-class I3DHead."""
    cost = count_cost(build_recognizer(num_classes=60, dropout=0.5), (torch.zeros(1, 1, 3, 48, 17, 2), ))
    assert cost['gmacs'] <= 0.05
    assert cost['params'] <= 500_000


def test_posec3d_reference_cost():
    """PoseC3D's SlowOnly-R50 (pyskl's NTU-60 setting) on a 17 x 48 x 56 x 56 heatmap volume, counted on the meta
    device (no arithmetic runs). 64 x 64 heatmaps give the 20.4 GMACs pyskl quotes as about 20.6 GFLOPs."""
    settings = dict(depth=50, pretrained=None, in_channels=17, base_channels=32, num_stages=3, out_indices=(2, ),
                    stage_blocks=(4, 6, 3), inflate=(0, 1, 1), spatial_strides=(2, 2, 2), temporal_strides=(1, 1, 2))
    if HOST == 'mmaction':
        settings.update(conv1_stride_s=1, pool1_stride_s=1, dilations=(1, 1, 1))
    else:
        settings.update(conv1_stride=(1, 1), pool1_stride=(1, 1))
    backbone = build_model(dict(type='Recognizer3D', backbone=dict(type='ResNet3dSlowOnly', **settings))).backbone
    backbone = backbone.to('meta')
    cost = count_cost(backbone, (torch.zeros(1, 17, 48, 56, 56, device='meta'), ))
    assert cost['gmacs'] == pytest.approx(15.63, abs=0.01)
    assert cost['params'] == 1_994_080
    larger = count_cost(backbone, (torch.zeros(1, 17, 48, 64, 64, device='meta'), ))
    assert larger['gmacs'] == pytest.approx(20.42, abs=0.01)
    ours = count_cost(build_recognizer(num_classes=60, dropout=0.5), (torch.zeros(1, 1, 3, 48, 17, 2), ))
    assert ours['macs'] * 300 < cost['macs']
