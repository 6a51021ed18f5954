"""LabelSmoothingCrossEntropyLoss: label smoothing for single-label heads on small training sets."""
import pytest
import torch
import torch.nn.functional as F

import keypoint_plugin  # noqa: F401
from keypoint_plugin.host import MODELS

pytestmark = pytest.mark.every_stack


def test_label_smoothing_loss_is_torchs():
    scores, labels = torch.randn(6, 4), torch.tensor([0, 1, 2, 3, 0, 1])
    loss = MODELS.build(dict(type='LabelSmoothingCrossEntropyLoss', label_smoothing=0.2, loss_weight=2.))
    expected = 2 * F.cross_entropy(scores, labels, label_smoothing=0.2)
    assert torch.allclose(loss(scores, labels), expected)
    # Smoothed targets are never fitted exactly: the loss keeps a floor above 0 for perfect logits.
    perfect = 50 * F.one_hot(labels, 4).float()
    assert loss(perfect, labels) > 0.5 and F.cross_entropy(perfect, labels) < 1e-6
    with pytest.raises(ValueError, match='label_smoothing'):
        MODELS.build(dict(type='LabelSmoothingCrossEntropyLoss', label_smoothing=1.))
