"""Models: the RawKeypointConv3D backbone, the RawKeypointRecognizer and the host's SlowOnly under one set of
argument names, and a label-smoothing loss, registered in the host's registry."""
from .host_slowonly import HostResNet3dSlowOnly
from .losses import LabelSmoothingCrossEntropyLoss
from .raw_keypoint_conv3d import PersonInteraction, RawKeypointConv3D, TemporalBlock
from .recognizer import RawKeypointRecognizer

__all__ = ['HostResNet3dSlowOnly', 'LabelSmoothingCrossEntropyLoss', 'PersonInteraction', 'RawKeypointConv3D',
           'RawKeypointRecognizer', 'TemporalBlock']
