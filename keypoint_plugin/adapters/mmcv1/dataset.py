"""KeypointPoseDataset on mmcv 1.x hosts: the host's PoseDataset, checked annotations, the plugin's metrics."""
from collections import OrderedDict

from ...datasets.annotations import CheckedAnnotationsMixin
from ...evaluation.metrics import SCALAR_METRICS, classification_metrics
from ...evaluation.report import confusion_table, per_class_table
from ...host import DATASETS, PoseDataset, print_log

# Metrics the host computes itself; kept with the host's numbers so existing configs report as before.
# Note the host's mean_class_accuracy also averages in classes that are predicted but absent from the
# test set (as 0); ours (recall_macro, and the reports' mean_class_accuracy) averages present classes only.
HOST_METRICS = ('top_k_accuracy', 'mean_class_accuracy', 'mean_average_precision')
# Metrics that log a table instead of returning a scalar.
TABLE_METRICS = ('per_class', 'confusion_matrix')
PLUGIN_METRICS = tuple(name for name in SCALAR_METRICS if name not in HOST_METRICS) + TABLE_METRICS
METRICS = HOST_METRICS + PLUGIN_METRICS


@DATASETS.register_module()
class KeypointPoseDataset(CheckedAnnotationsMixin, PoseDataset):
    """The host's PoseDataset, keeping the pickle's class names and evaluating the plugin's metrics.

    ``evaluate`` accepts the host's metric names and the plugin's: ``top1``, ``top5``, ``precision_macro``,
    ``recall_macro``, ``f1_macro``, ``precision_weighted``, ``recall_weighted``, ``f1_weighted`` (returned as
    floats, so EvalHook can keep e.g. ``save_best='f1_macro', rule='greater'``) and ``per_class``,
    ``confusion_matrix`` (logged as tables).

    Annotations are checked when they load, and the arguments are
    :class:`~keypoint_plugin.datasets.annotations.CheckedAnnotationsMixin`'s; the pickle's ``classes`` become
    ``class_names``.
    """

    def load_annotations(self):
        """Load and check the split's samples; set ``class_names`` (None when the pickle has no ``classes``)."""
        annotations, self.class_names = self.checked_annotations(self.data_prefix)
        return annotations

    def evaluate(self, results, metrics='top_k_accuracy', metric_options=None, logger=None, **deprecated_kwargs):
        """Evaluate per-sample class scores.

        Args:
            results (list[np.ndarray]): One 1D score vector per sample, in dataset order.
            metrics (str | Sequence[str]): Host and plugin metric names. Default: 'top_k_accuracy'.
            metric_options (dict | None): Options of the host's metrics. Default: None (the host's defaults).
            logger (logging.Logger | None): Logger for the results. Default: None (print).
            **deprecated_kwargs: Passed to the host's evaluate.

        Returns:
            dict[str, float]: One entry per scalar metric (the host names ``top_k_accuracy`` as
            ``top1_acc``, ``top5_acc``).
        """
        host_kwargs = dict(deprecated_kwargs, logger=logger)
        if metric_options is not None:
            host_kwargs['metric_options'] = metric_options
        # pyskl evaluates multi-output models by calling back into this method once per output.
        if len(results) and isinstance(results[0], (list, tuple, dict)):
            return super().evaluate(results, metrics, **host_kwargs)
        metrics = [metrics] if isinstance(metrics, str) else list(metrics)
        unknown = [name for name in metrics if name not in METRICS]
        if unknown:
            raise KeyError(f'unknown metric(s) {unknown}; known metrics: {list(METRICS)}')
        if len(results) != len(self):
            raise ValueError(f'{len(results)} results for a dataset of {len(self)} samples')

        eval_results = OrderedDict()
        ours = None
        for name in metrics:
            if name in HOST_METRICS:
                eval_results.update(super().evaluate(results, [name], **host_kwargs))
                continue
            if ours is None:
                labels = [sample['label'] for sample in self.video_infos]
                ours = classification_metrics(results, labels, class_names=self.class_names)
            if name == 'per_class':
                print_log('\nPer-class results:\n' + per_class_table(ours), logger=logger)
            elif name == 'confusion_matrix':
                print_log('\nConfusion matrix (rows: true class, columns: predicted class):\n'
                          + confusion_table(ours), logger=logger)
            elif name not in ours:
                raise ValueError(f"metric {name!r} needs at least 5 classes, the scores have {ours['num_classes']}")
            else:
                eval_results[name] = ours[name]
                print_log(f'\n{name}\t{ours[name]:.4f}', logger=logger)
        return eval_results
