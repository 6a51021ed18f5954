"""LabelSmoothingCrossEntropyLoss: cross-entropy against smoothed one-hot labels, for single-label heads."""
import torch.nn as nn
import torch.nn.functional as F

from ..host import MODELS


@MODELS.register_module()
class LabelSmoothingCrossEntropyLoss(nn.Module):
    """Cross-entropy with label smoothing (torch's ``label_smoothing``), as a head's ``loss_cls``.

    The hosts smooth labels only for multi-class heads; a single-label head (``I3DHead``) gets it here. A small
    training set is fitted to near-zero loss by confident logits; smoothing keeps the target off one-hot.

    Args:
        label_smoothing (float): Mass spread uniformly over the classes, in [0, 1). Default: 0.1.
        loss_weight (float): Factor on the loss. Default: 1.0.
    """

    def __init__(self, label_smoothing=0.1, loss_weight=1.0):
        super().__init__()
        if not 0 <= label_smoothing < 1:
            raise ValueError(f'label_smoothing must be in [0, 1), got {label_smoothing}')
        self.label_smoothing, self.loss_weight = label_smoothing, loss_weight

    def forward(self, cls_score, label, **kwargs):
        """Args: cls_score [N, num_classes] logits, label [N] class indices."""
        return self.loss_weight * F.cross_entropy(cls_score, label, label_smoothing=self.label_smoothing, **kwargs)
