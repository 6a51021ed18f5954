"""KeypointMetric: the plugin's classification metrics as an mmengine evaluator metric (MMAction2 1.x)."""
from mmengine.evaluator import BaseMetric

from ...evaluation.metrics import SCALAR_METRICS, classification_metrics
from ...evaluation.report import confusion_table, per_class_table
from ...host import METRICS, print_log

TABLES = ('per_class', 'confusion_matrix')


@METRICS.register_module()
class KeypointMetric(BaseMetric):
    """Precision, recall and F1 (macro and weighted), top-k and per-class figures of single-label predictions.

    Use beside MMAction2 1.x's own ``AccMetric`` and ``ConfusionMatrix`` in ``val_evaluator`` /
    ``test_evaluator``; computed by :func:`keypoint_plugin.evaluation.metrics.classification_metrics`, the same
    function the mmcv 1.x hosts' ``KeypointPoseDataset.evaluate`` and ``tools/analyze_results.py`` use.

    Args:
        metrics (Sequence[str]): Scalars to return, from
            :data:`~keypoint_plugin.evaluation.metrics.SCALAR_METRICS`. Default: the macro and weighted
            precision, recall and F1.
        tables (Sequence[str]): Tables to log: 'per_class', 'confusion_matrix'. Default: ().
        collect_device (str): As mmengine's ``BaseMetric``. Default: 'cpu'.
        prefix (str | None): Prefix of the returned names. Default: 'keypoint' (e.g. ``keypoint/f1_macro``).
    """

    default_prefix = 'keypoint'

    def __init__(self, metrics=('precision_macro', 'recall_macro', 'f1_macro', 'precision_weighted',
                                'recall_weighted', 'f1_weighted'), tables=(), collect_device='cpu', prefix=None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        metrics, tables = (metrics, ) if isinstance(metrics, str) else tuple(metrics), tuple(tables)
        unknown = [name for name in metrics if name not in SCALAR_METRICS]
        unknown += [name for name in tables if name not in TABLES]
        if unknown:
            raise KeyError(f'unknown metric(s) {unknown}; known: {list(SCALAR_METRICS)}, tables {list(TABLES)}')
        self.metrics, self.tables = metrics, tables

    def process(self, data_batch, data_samples):
        """Keep each sample's class scores and true label."""
        for sample in data_samples:
            label = sample['gt_label']
            if label.numel() != 1:
                raise ValueError(f'KeypointMetric takes single-label samples, got gt_label of shape '
                                 f'{list(label.shape)}')
            self.results.append((sample['pred_score'].float().cpu().numpy(), int(label.item())))

    def compute_metrics(self, results):
        """The chosen scalars, as floats; the tables go to the log."""
        scores, labels = zip(*results)
        classes = (self.dataset_meta or {}).get('classes')
        ours = classification_metrics(list(scores), list(labels), class_names=classes)
        if 'per_class' in self.tables:
            print_log('\nPer-class results:\n' + per_class_table(ours), logger='current')
        if 'confusion_matrix' in self.tables:
            print_log('\nConfusion matrix (rows: true class, columns: predicted class):\n' + confusion_table(ours),
                      logger='current')
        missing = [name for name in self.metrics if name not in ours]
        if missing:
            raise ValueError(f'metric(s) {missing} need at least 5 classes, the scores have {ours["num_classes"]}')
        return {name: float(ours[name]) for name in self.metrics}
