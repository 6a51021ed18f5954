"""Inference, streaming, export, cost counting and chained tool runs, on every host (the family differences are
:mod:`keypoint_plugin.runners`' ``runtime``). Training and testing loops are the hosts' own runners: mmcv 1.x's in
:mod:`keypoint_plugin.runners.mmcv1`, mmengine's in :mod:`keypoint_plugin.runners.mmengine`."""
from .inference import NO_SKELETON, inference_recognizer, init_recognizer, skeleton_sample
from .streaming import StreamingRecognizer

__all__ = ['init_recognizer', 'inference_recognizer', 'NO_SKELETON', 'skeleton_sample', 'StreamingRecognizer']
