"""The host families' own components, registered in the host's registries beside the shared ones: what a host
family names or builds its own way and what needs the plugin's pipelines, datasets or metrics (the layer above
:mod:`keypoint_plugin.host`). Importing this package imports the running family's folder.

- ``mmcv1`` (pyskl, MMAction2 0.x): ``KeypointPoseDataset`` (:mod:`.mmcv1.dataset`, evaluating the plugin's
  metrics) and ``RawKeypointRecognizer`` (:mod:`.mmcv1.recognizer`).
- ``mmengine`` (MMAction2 1.x): ``KeypointPoseDataset`` (:mod:`.mmengine.dataset`), ``KeypointMetric``
  (:mod:`.mmengine.metric`) and ``RawKeypointDataPreprocessor`` (:mod:`.mmengine.data_preprocessor`: the batched
  raw-keypoint path, ``device_pipeline``).
"""
import importlib

from ..host import FAMILY

importlib.import_module(f'.{FAMILY}', __name__)
