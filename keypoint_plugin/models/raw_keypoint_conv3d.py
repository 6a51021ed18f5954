"""RawKeypointConv3D: a small 3D-convolutional backbone over raw keypoint tensors [N, C', T, V, M].

The joint axis of a skeleton is an index, not a spatial grid: neighbouring indices are not neighbouring
body parts, so sliding small kernels over it (as a heatmap network does over pixels) finds nothing. The
network therefore embeds the whole skeleton at once with a kernel that spans every joint (each joint gets
its own weights) and then convolves only over time. Persons share all weights; a cheap interaction path
lets each person see the others, so two-person actions stay representable.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from ..host import BACKBONES


def _temporal_conv(in_channels, out_channels, kernel_size, stride=1):
    """Conv3d over time only, 'same' padding; the [V=1, M] axes are untouched."""
    return nn.Conv3d(in_channels, out_channels, (kernel_size, 1, 1), stride=(stride, 1, 1),
                     padding=(kernel_size // 2, 0, 0), bias=False)


class TemporalBlock(nn.Module):
    """Residual block of two temporal convolutions (basic ResNet block with (k, 1, 1) kernels).

    Args:
        in_channels (int): Input channels.
        out_channels (int): Output channels.
        kernel_size (int): Temporal kernel size (odd).
        stride (int): Temporal stride of the first convolution and of the shortcut.
        dropout (float): Dropout probability between the two convolutions.
    """

    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, dropout=0.):
        super().__init__()
        self.conv1 = _temporal_conv(in_channels, out_channels, kernel_size, stride)
        self.bn1 = nn.BatchNorm3d(out_channels)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.conv2 = _temporal_conv(out_channels, out_channels, kernel_size)
        self.bn2 = nn.BatchNorm3d(out_channels)
        if in_channels == out_channels and stride == 1:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Sequential(
                nn.Conv3d(in_channels, out_channels, 1, stride=(stride, 1, 1), bias=False),
                nn.BatchNorm3d(out_channels))

    def forward(self, x):
        out = self.dropout(F.relu(self.bn1(self.conv1(x))))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class PersonInteraction(nn.Module):
    """Adds to every person a projection of the element-wise max over the clip's real persons.

    Args:
        channels (int): Feature channels.
        reduction (int): Bottleneck ratio of the projection.
    """

    def __init__(self, channels, reduction=4):
        super().__init__()
        hidden = max(channels // reduction, 1)
        self.reduce = nn.Conv3d(channels, hidden, 1, bias=False)
        self.bn1 = nn.BatchNorm3d(hidden)
        self.expand = nn.Conv3d(hidden, channels, 1, bias=False)
        self.bn2 = nn.BatchNorm3d(channels)

    def forward(self, x, person_mask):
        # Features are non-negative (post-ReLU), so zeroing the padded persons keeps them out of the max.
        shared = (x * person_mask).amax(dim=4, keepdim=True)
        shared = self.bn2(self.expand(F.relu(self.bn1(self.reduce(shared)))))
        return F.relu(x + shared)


@BACKBONES.register_module()
class RawKeypointConv3D(nn.Module):
    """3D CNN over raw keypoints, the tensor written by PackRawKeypoint.

    Input [N, C', T, V, M] (coordinates, scores, motion and bone channels in C'; V joints; M persons, any
    M >= 1, padded persons all zero). Output [N, D, T'', 1, 1] with D = ``widths[-1]`` and T'' = T / prod(strides)
    frames, which the hosts' I3DHead(in_channels=D) averages (T'' = 1 with ``temporal_pool='max'``).

    Layers: the input's frame-to-frame velocity is appended to its channels (``motion``); a BatchNorm over the
    channels x V inputs (shared by persons) so raw coordinate scales do not matter; a joint embedding Conv3d
    with kernel (``embed_kernel``, V, 1) that collapses the joint axis; stages of :class:`TemporalBlock` with
    temporal strides; after every stage a :class:`PersonInteraction`; finally a pooling over the real persons
    (padded persons, all-zero in the input, are masked out).

    Classes that differ only in the direction of a motion (a sequence and the same sequence played backwards)
    have identical frames: the explicit velocity makes direction a first-layer feature. For periodic motions
    (a sawtooth and its reverse rise and fall by the same amounts) time-averaged features stay ambiguous and
    ``temporal_pool='max'`` separates them, but it trains slower and worse on real actions (Penn Action), so
    the average is the default.

    Args:
        in_channels (int): C', input channels per joint.
        num_joints (int): V, joints per skeleton (17 for COCO, 25 for NTU RGB+D).
        embed_channels (int): Channels of the joint embedding.
        embed_kernel (int): Temporal kernel size of the joint embedding (odd).
        widths (tuple[int]): Output channels of each stage.
        depths (tuple[int]): Number of blocks in each stage.
        strides (tuple[int]): Temporal stride of each stage's first block.
        kernel_size (int): Temporal kernel size of the blocks (odd).
        motion (bool): Append the frame-to-frame velocity of every input channel (set False when the input
            already carries motion channels).
        interaction (bool): Add the person-interaction path after each stage.
        temporal_pool (str): 'avg' (the time axis is kept for the head to average) or 'max' over time.
        person_pool (str): 'max' or 'mean' over the real persons.
        dropout (float): Dropout probability inside the blocks.
    """

    def __init__(self,
                 in_channels=3,
                 num_joints=17,
                 embed_channels=64,
                 embed_kernel=5,
                 widths=(64, 128, 192),
                 depths=(1, 1, 1),
                 strides=(1, 2, 2),
                 kernel_size=3,
                 motion=True,
                 interaction=True,
                 temporal_pool='avg',
                 person_pool='max',
                 dropout=0.2):
        super().__init__()
        if not len(widths) == len(depths) == len(strides):
            raise ValueError(f'widths {widths}, depths {depths} and strides {strides} must have one entry '
                             'per stage')
        if person_pool not in ('max', 'mean'):
            raise ValueError(f"person_pool must be 'max' or 'mean', got {person_pool!r}")
        if temporal_pool not in ('avg', 'max'):
            raise ValueError(f"temporal_pool must be 'avg' or 'max', got {temporal_pool!r}")
        for name, k in (('embed_kernel', embed_kernel), ('kernel_size', kernel_size)):
            if k < 1 or k % 2 == 0:
                raise ValueError(f'{name} must be a positive odd number, got {k}')
        self.in_channels = in_channels
        self.num_joints = num_joints
        self.motion = motion
        self.temporal_pool = temporal_pool
        self.person_pool = person_pool
        self.out_channels = widths[-1]

        channels = in_channels * 2 if motion else in_channels
        self.data_bn = nn.BatchNorm2d(channels * num_joints)
        self.embed = nn.Conv3d(channels, embed_channels, (embed_kernel, num_joints, 1),
                               padding=(embed_kernel // 2, 0, 0), bias=False)
        self.embed_bn = nn.BatchNorm3d(embed_channels)

        stages = []
        channels = embed_channels
        for width, depth, stride in zip(widths, depths, strides):
            blocks = [TemporalBlock(channels, width, kernel_size, stride, dropout)]
            blocks += [TemporalBlock(width, width, kernel_size, 1, dropout) for _ in range(depth - 1)]
            stages.append(nn.Sequential(*blocks))
            channels = width
        self.stages = nn.ModuleList(stages)
        self.interactions = nn.ModuleList(PersonInteraction(w) for w in widths) if interaction else None
        self.init_weights()

    def init_weights(self):
        """Kaiming init for convolutions, unit BatchNorms, and zero-init of the BatchNorm that closes each
        residual branch, so every block and interaction starts as the identity."""
        for m in self.modules():
            if isinstance(m, nn.Conv3d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
            elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        for m in self.modules():
            if isinstance(m, (TemporalBlock, PersonInteraction)):
                nn.init.zeros_(m.bn2.weight)

    def forward(self, x):
        """Args:
            x (torch.Tensor): [N, C', T, V, M] keypoint tensor.

        Returns:
            torch.Tensor: [N, D, T'', 1, 1] features.
        """
        # Traced sizes are tensors: the check runs eagerly and is left out of exported graphs.
        if not torch.jit.is_tracing() and (x.dim() != 5 or x.shape[1] != self.in_channels
                                           or x.shape[3] != self.num_joints):
            raise ValueError(f'keypoint tensor must be [N, C\'={self.in_channels}, T, V={self.num_joints}, M], '
                             f'got {list(x.shape)}')
        n, c, t, v, m = x.shape
        # A padded person is all zero in every channel; a real one never is (scores, or coordinates).
        person_mask = (x.abs().amax(dim=(1, 2, 3), keepdim=True) > 0).to(x.dtype)

        if self.motion:
            velocity = torch.cat([x[:, :, 1:] - x[:, :, :-1], torch.zeros_like(x[:, :, :1])], dim=2)
            x = torch.cat([x, velocity], dim=1)
            c = 2 * c
        x = self.data_bn(x.transpose(2, 3).reshape(n, c * v, t, m))
        x = x.reshape(n, c, v, t, m).transpose(2, 3)
        x = F.relu(self.embed_bn(self.embed(x)))
        for i, stage in enumerate(self.stages):
            x = stage(x)
            if self.interactions is not None:
                x = self.interactions[i](x, person_mask)

        x = x * person_mask
        if self.temporal_pool == 'max':
            x = x.amax(dim=2, keepdim=True)
        if self.person_pool == 'max':
            return x.amax(dim=4, keepdim=True)
        return x.sum(dim=4, keepdim=True) / person_mask.sum(dim=4, keepdim=True).clamp(min=1)
