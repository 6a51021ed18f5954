"""KeypointPoseDataset on MMAction2 1.x: the host's PoseDataset with checked annotations and class names."""
from ...datasets.annotations import load_checked_annotations
from .. import DATASETS, PoseDataset


@DATASETS.register_module()
class KeypointPoseDataset(PoseDataset):
    """MMAction2 1.x's PoseDataset whose annotations are checked when they load, as on the mmcv 1.x hosts.

    Checks: :func:`~keypoint_plugin.datasets.annotations.load_checked_annotations`. The pickle's top-level
    ``classes`` become ``metainfo['classes']``, which the Runner hands to the evaluators (``KeypointMetric``
    names the classes in its per-class figures with them). Metrics are the evaluators' job on this host.

    Args:
        ann_file (str): Annotation pickle.
        pipeline (list[dict | callable]): Data transforms.
        layout (str | dict | None): Joint layout the samples must have (its joint count). Default: None.
        dims (int | None): Coordinates per joint the samples must have (2 or 3). Default: None.
        bad_samples (str): 'error' (default): unusable samples are an error listing the first few;
            'skip': they are left out, each logged with its problems.
        **kwargs: The host PoseDataset's arguments (``split``, ``data_prefix``, ``test_mode``,
            ``num_classes``: labels must be below it; default: the length of the pickle's ``classes``).
    """

    def __init__(self, ann_file, pipeline, layout=None, dims=None, bad_samples='error', **kwargs):
        self.layout, self.dims, self.bad_samples = layout, dims, bad_samples
        super().__init__(ann_file, pipeline, **kwargs)
        if not len(self):
            raise ValueError(f'{ann_file}, split {self.split!r}: no samples left (box_thr or valid_ratio?)')

    def load_data_list(self):
        """Load and check the split's samples."""
        annotations, class_names = load_checked_annotations(
            self.ann_file, self.split, self.data_prefix.get('video'), self.num_classes, self.layout, self.dims,
            self.bad_samples)
        if class_names and 'classes' not in self._metainfo:
            self._metainfo['classes'] = tuple(class_names)
        return annotations
