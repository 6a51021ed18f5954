"""RawKeypointDataPreprocessor (MMAction2 1.x): the batched raw-keypoint path's packing on the model's device."""
import torch
from mmaction.models import ActionDataPreprocessor

from ...host import MODELS
from ...pipelines.device_pipeline import RAW_KEYS, BatchPipeline


@MODELS.register_module()
class RawKeypointDataPreprocessor(ActionDataPreprocessor):
    """MMAction2's ``ActionDataPreprocessor`` that also takes the raw skeletons ``PadKeypointPersons`` ends the
    loader's part with (``PackActionInputs(collect_keys=RAW_KEYS)``: inputs as a dict) and packs them on the model's
    device with the ``train`` steps when training and the ``test`` steps otherwise
    (``keypoint_plugin.pipelines.device_pipeline.BatchPipeline``), the same computation as the per-sample steps. Packed
    inputs (the validation pipeline's) are stacked as the parent does.

    Written into a config by its ``device_pipeline`` setting (``keypoint_plugin.config_utils``), in place of the
    ``ActionDataPreprocessor`` whose arguments it keeps.

    Args:
        batch_pipeline (dict): ``train`` and ``test``: lists of step configs run on raw batches.
        kwargs: ``ActionDataPreprocessor``'s arguments (``format_shape``, ...).
    """

    def __init__(self, batch_pipeline, **kwargs):
        super().__init__(**kwargs)
        if set(batch_pipeline) != {'train', 'test'}:
            raise ValueError(f'batch_pipeline takes train and test step lists, got {sorted(batch_pipeline)}')
        self.batch_pipelines = {mode: BatchPipeline(steps) for mode, steps in batch_pipeline.items()}

    def preprocess(self, inputs, data_samples, training=False):
        if not isinstance(inputs, dict):
            return super().preprocess(inputs, data_samples, training)
        missing = set(RAW_KEYS) - set(inputs)
        if missing:
            raise KeyError(f'a raw batch needs {RAW_KEYS} (PadKeypointPersons, then PackActionInputs with '
                           f'collect_keys={RAW_KEYS}); missing {sorted(missing)}')
        raw = {key: torch.stack(list(inputs[key])) for key in RAW_KEYS}
        return self.batch_pipelines['train' if training else 'test'](**raw), data_samples
