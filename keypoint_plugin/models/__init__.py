"""Models: the RawKeypointConv3D backbone and the RawKeypointRecognizer, registered in the host's registry."""
from .raw_keypoint_conv3d import PersonInteraction, RawKeypointConv3D, TemporalBlock
from .recognizer import RawKeypointRecognizer

__all__ = ['PersonInteraction', 'RawKeypointConv3D', 'RawKeypointRecognizer', 'TemporalBlock']
