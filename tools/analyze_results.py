"""Evaluation reports of tools/test.py --out score files.

Per score file ``DIR/<stem>``: ``.json`` (every metric, per-class results, confusion matrix), ``.md`` and
``_confusion.png``; with several files also ``DIR/comparison.md`` side by side. The true labels are those
of the config's test split (``data.test.ann_file`` and ``split``), in order, so the scores must come from
tools/test.py run on that same config.

Example:
    python tools/analyze_results.py raw.pkl gray.pkl --config configs/raw_kp/ntu60_xsub.py --out-dir reports
"""
import argparse

import keypoint_plugin  # noqa: F401  (registers the plugin's types, which --config may name)
from keypoint_plugin.datasets import config_test_labels
from keypoint_plugin.evaluation import load_named_scores, read_label_map, write_reports
from keypoint_plugin.safe_load import add_unsafe_load_argument


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Metrics and reports of tools/test.py --out score files')
    parser.add_argument('scores', nargs='+', help='score files (pickled list of per-sample score arrays)')
    parser.add_argument('--config', required=True, help='config whose data.test gave the scores')
    parser.add_argument('--out-dir', required=True, help='directory for the reports')
    parser.add_argument('--label-map', help='class names, one per line (default: the annotation file\'s '
                        '"classes", else class_<i>)')
    add_unsafe_load_argument(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    labels, class_names = config_test_labels(args.config)
    if args.label_map:
        class_names = read_label_map(args.label_map)
    reports = write_reports(load_named_scores(args.scores), labels, args.out_dir, class_names)
    for name, metrics in reports.items():
        print(f"{name}: top1 {metrics['top1']:.4f}, mean class accuracy {metrics['mean_class_accuracy']:.4f}, "
              f"macro F1 {metrics['f1_macro']:.4f}")
    print(f'Reports written to {args.out_dir}')


if __name__ == '__main__':
    main()
