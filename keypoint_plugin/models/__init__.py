"""Models shared by every host: the RawKeypointConv3D backbone, the host's SlowOnly under one set of argument
names, the host's ST-GCN on a plugin joint layout and a label-smoothing loss, registered in the host's registry.
The mmcv 1.x hosts' recognizer is in keypoint_plugin/adapters/mmcv1/recognizer.py; MMAction2 1.x runs the backbone
in its own Recognizer3D."""
from .host_slowonly import HostResNet3dSlowOnly
from .layout_stgcn import LayoutSTGCN
from .losses import LabelSmoothingCrossEntropyLoss
from .raw_keypoint_conv3d import PersonInteraction, RawKeypointConv3D, TemporalBlock

__all__ = ['HostResNet3dSlowOnly', 'LabelSmoothingCrossEntropyLoss', 'LayoutSTGCN', 'PersonInteraction',
           'RawKeypointConv3D', 'TemporalBlock']
