"""Evaluation: classification metrics, late fusion of score files, and reports."""
from .fusion import fuse_scores
from .metrics import (SCALAR_METRICS, classification_metrics, default_class_names, most_confused_pairs,
                      to_score_array, top_k_accuracy)
from .report import (comparison_report, confused_pairs_table, confusion_table, dump_scores, load_named_scores,
                     load_scores, markdown_report, per_class_table, plot_confusion, read_label_map,
                     summary_table, write_report, write_reports)

__all__ = [
    'SCALAR_METRICS', 'classification_metrics', 'default_class_names', 'most_confused_pairs', 'to_score_array',
    'top_k_accuracy', 'fuse_scores', 'comparison_report', 'confused_pairs_table', 'confusion_table',
    'dump_scores', 'load_named_scores', 'load_scores', 'markdown_report', 'per_class_table', 'plot_confusion',
    'read_label_map', 'summary_table', 'write_report', 'write_reports'
]
