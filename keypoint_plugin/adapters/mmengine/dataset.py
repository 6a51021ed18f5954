"""KeypointPoseDataset on MMAction2 1.x: the host's PoseDataset with checked annotations and class names."""
from ...datasets.annotations import CheckedAnnotationsMixin
from ...host import DATASETS, PoseDataset


@DATASETS.register_module()
class KeypointPoseDataset(CheckedAnnotationsMixin, PoseDataset):
    """MMAction2 1.x's PoseDataset whose annotations are checked when they load, as on the mmcv 1.x hosts; the
    arguments are :class:`~keypoint_plugin.datasets.annotations.CheckedAnnotationsMixin`'s.

    The pickle's top-level ``classes`` become ``metainfo['classes']``, which the Runner hands to the evaluators
    (``KeypointMetric`` names the classes in its per-class figures with them) and stores in the checkpoints'
    ``dataset_meta``. Metrics are the evaluators' job on this host.
    """

    def load_data_list(self):
        """Load and check the split's samples."""
        annotations, class_names = self.checked_annotations(self.data_prefix.get('video'))
        # The names are known only once the pickle is read, after BaseDataset set up its metainfo, and mmengine
        # has no public setter for it: config-given classes win.
        if class_names and 'classes' not in self._metainfo:
            self._metainfo['classes'] = tuple(class_names)
        return annotations
