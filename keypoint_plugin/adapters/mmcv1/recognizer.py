"""RawKeypointRecognizer (mmcv 1.x hosts): backbone + head over ``keypoint`` [N, num_clips, C', T, V, M] batches."""
import importlib

import torch
import torch.nn.functional as F

from ...host import HOST, RECOGNIZERS
from ...pipelines.device_pipeline import RAW_KEYS, BatchPipeline

BaseRecognizer = importlib.import_module(f'{HOST}.models.recognizers.base').BaseRecognizer

AVERAGE_CLIPS = ('prob', 'score', None)


@RECOGNIZERS.register_module()
class RawKeypointRecognizer(BaseRecognizer):
    """Recognizer for the raw keypoint tensors written by PackRawKeypoint.

    It takes the host's constructor (``backbone``, ``cls_head``, ``train_cfg``, ``test_cfg``) and keeps its
    ``forward(..., return_loss=...)``/``train_step``/``val_step`` protocol, with the batch key ``keypoint``
    in place of ``imgs``. Training puts every clip in the batch, each with its sample's label. Testing scores
    every clip, ``max_testing_views`` clips at a time when set, and merges a sample's clips by
    ``test_cfg['average_clips']``: 'prob' (mean softmax, the default), 'score' (mean logits) or None
    (clip scores unmerged, [N * num_clips, num_classes]). Clip merging is done here rather than by the host,
    whose ``average_clip`` signature differs between pyskl and MMAction2.

    With ``batch_pipeline``, a batch may instead hold the raw skeletons that ``PadKeypointPersons`` ends the
    loader's part with (``keypoint`` [N, M, T, V, C], ``keypoint_score``, ``img_shape``, ``num_clips``): the
    model packs them on its own device with the ``train`` steps when computing losses and the ``test`` steps
    when scoring (``keypoint_plugin.pipelines.device_pipeline.BatchPipeline``). Packed batches are taken as before.

    Args:
        backbone (dict): Backbone config, e.g. ``dict(type='RawKeypointConv3D', ...)``.
        cls_head (dict): Head config, e.g. the host's ``I3DHead``.
        train_cfg (dict | None): Training config.
        test_cfg (dict | None): Test config: ``average_clips``, ``max_testing_views``.
        batch_pipeline (dict | None): ``train`` and/or ``test``: lists of step configs run on raw batches
            (the config's ``device_pipeline`` writes them, ``keypoint_plugin.config_utils``). Default: None.
    """

    def __init__(self, backbone, cls_head=None, train_cfg=None, test_cfg=None, batch_pipeline=None):
        super().__init__(backbone, cls_head=cls_head, train_cfg=train_cfg, test_cfg=test_cfg)
        average_clips = (test_cfg or {}).get('average_clips', 'prob')
        if average_clips not in AVERAGE_CLIPS:
            raise ValueError(f"test_cfg['average_clips'] must be one of {AVERAGE_CLIPS}, got {average_clips!r}")
        self.average_clips = average_clips
        unknown = set(batch_pipeline or {}) - {'train', 'test'}
        if unknown:
            raise ValueError(f'batch_pipeline takes train and test step lists, got {sorted(unknown)}')
        self.batch_pipelines = {mode: BatchPipeline(steps) for mode, steps in (batch_pipeline or {}).items()}

    @staticmethod
    def _flatten_clips(keypoint):
        if keypoint.dim() != 6:
            raise ValueError(f'keypoint must be [N, num_clips, C\', T, V, M], got shape {list(keypoint.shape)}')
        return keypoint.reshape((-1, ) + keypoint.shape[2:])

    def pack(self, keypoint, keypoint_score, img_shape, num_clips, mode):
        """The model input of a raw batch, packed by the ``mode`` ('train' or 'test') batched pipeline."""
        if mode not in self.batch_pipelines:
            raise ValueError(f'a raw batch ({", ".join(RAW_KEYS)}) needs batch_pipeline[{mode!r}]; this model has '
                             f'{sorted(self.batch_pipelines) or "none"}')
        return self.batch_pipelines[mode](keypoint, keypoint_score, img_shape, num_clips)

    def forward(self, keypoint, label=None, return_loss=True, keypoint_score=None, img_shape=None, num_clips=None,
                **kwargs):
        """Losses (dict) when ``return_loss``, else class scores (numpy) of each sample; a raw batch (with
        ``keypoint_score``) is packed first."""
        if keypoint_score is not None:
            keypoint = self.pack(keypoint, keypoint_score, img_shape, num_clips, 'train' if return_loss else 'test')
        if return_loss:
            if label is None:
                raise ValueError('label is needed when return_loss=True')
            return self.forward_train(keypoint, label, **kwargs)
        return self.forward_test(keypoint, **kwargs)

    def forward_train(self, keypoint, label, **kwargs):
        """Losses (and the head's top-k accuracies) of a batch; ``kwargs`` go to the head's loss."""
        if not self.with_cls_head:
            raise ValueError('RawKeypointRecognizer needs a cls_head to train')
        n, num_clips = keypoint.shape[:2]
        if label.numel() != n:
            raise ValueError(f'label must hold one class index per sample ({n}), got shape {list(label.shape)}')
        cls_score = self.cls_head(self.extract_feat(self._flatten_clips(keypoint)))
        label = label.reshape(n).repeat_interleave(num_clips)
        return self.cls_head.loss(cls_score, label, **kwargs)

    def _clip_scores(self, keypoint):
        """Class scores of every clip, [N * num_clips, num_classes], in chunks of ``max_testing_views``."""
        clips = self._flatten_clips(keypoint)
        chunk = self.max_testing_views or clips.shape[0]
        return torch.cat([self.cls_head(self.extract_feat(part)) for part in clips.split(chunk)])

    def _average_clips(self, cls_score, num_clips):
        if self.average_clips is None:
            return cls_score
        cls_score = cls_score.reshape(-1, num_clips, cls_score.shape[-1])
        if self.average_clips == 'prob':
            cls_score = F.softmax(cls_score, dim=2)
        return cls_score.mean(dim=1)

    def forward_test(self, keypoint, **kwargs):
        """Class scores, numpy [N, num_classes] (or [N * num_clips, num_classes] with average_clips=None)."""
        with torch.no_grad():
            return self.forward_gradcam(keypoint).cpu().numpy()

    def forward_gradcam(self, keypoint):
        """Merged class scores as a tensor (the hosts' GradCAM utility calls this)."""
        if not self.with_cls_head:
            raise ValueError('RawKeypointRecognizer needs a cls_head to score clips')
        return self._average_clips(self._clip_scores(keypoint), keypoint.shape[1])

    def forward_dummy(self, keypoint, softmax=False):
        """Clip scores for cost counting, as the hosts' get_flops tool expects: a 1-tuple."""
        cls_score = self.cls_head(self.extract_feat(self._flatten_clips(keypoint)))
        return (F.softmax(cls_score, dim=1) if softmax else cls_score, )

    def train_step(self, data_batch, optimizer, **kwargs):
        """One training iteration for mmcv's runner: losses of ``data_batch`` (keys keypoint, label)."""
        return self._step(data_batch)

    def val_step(self, data_batch, optimizer, **kwargs):
        """Losses of a validation batch, as :meth:`train_step`."""
        return self._step(data_batch)

    def _step(self, data_batch):
        # MMAction2's own steps read data_batch['imgs']; ours passes the batch through by name.
        losses = self(**data_batch, return_loss=True)
        loss, log_vars = self._parse_losses(losses)
        return dict(loss=loss, log_vars=log_vars, num_samples=len(next(iter(data_batch.values()))))
