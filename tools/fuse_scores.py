"""Weighted late fusion of tools/test.py --out score files (e.g. raw keypoints + grayscale renders).

The fused file has the same format (a pickled list of per-sample score arrays). The fused scores are the
weighted mean of the inputs. Score files carry no sample ids, so the files are only checked to have the same
number of samples and classes: they must come from tools/test.py runs on the same test set and split. With
--config, the reports of tools/analyze_results.py are written to --out-dir for every input and the fused
scores, with a side-by-side comparison.

Example:
    python tools/fuse_scores.py raw.pkl gray.pkl --weights 1 1 --out fused.pkl \
        --config configs/raw_kp/ntu60_xsub.py --out-dir reports
"""
import argparse
import os.path as osp

import keypoint_plugin  # noqa: F401  (registers the plugin's types, which --config may name)
from keypoint_plugin.datasets import config_test_labels
from keypoint_plugin.evaluation import dump_scores, fuse_scores, load_named_scores, read_label_map, write_reports
from keypoint_plugin.safe_load import add_unsafe_load_argument


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Weighted late fusion of tools/test.py --out score files')
    parser.add_argument('scores', nargs='+', help='score files of the same test set, same sample order')
    parser.add_argument('--weights', type=float, nargs='+', required=True, help='one weight per score file')
    parser.add_argument('--out', required=True, help='fused score file (.pkl)')
    parser.add_argument('--config', help='config whose data.test gave the scores; enables the reports')
    parser.add_argument('--out-dir', help='directory for the reports (with --config)')
    parser.add_argument('--label-map', help='class names, one per line (with --config)')
    add_unsafe_load_argument(parser)
    args = parser.parse_args(argv)
    if (args.config is None) != (args.out_dir is None):
        parser.error('--config and --out-dir go together')
    return args


def main(argv=None):
    args = parse_args(argv)
    named_scores = load_named_scores(args.scores)
    fused_name = osp.splitext(osp.basename(args.out))[0]
    if any(osp.abspath(path) == osp.abspath(args.out) for path in args.scores):
        raise ValueError(f'--out {args.out} would overwrite an input score file')
    if args.config is not None and fused_name in named_scores:
        raise ValueError(f'--out {args.out} is named like an input score file; its report would overwrite one')
    fused = fuse_scores(list(named_scores.values()), args.weights, names=args.scores)
    dump_scores(fused, args.out)
    print(f'Fused {len(named_scores)} score files into {args.out}')
    if args.config is None:
        return
    labels, class_names = config_test_labels(args.config)
    if args.label_map:
        class_names = read_label_map(args.label_map)
    reports = write_reports({**named_scores, fused_name: fused}, labels, args.out_dir, class_names)
    for name, metrics in reports.items():
        print(f"{name}: top1 {metrics['top1']:.4f}, macro F1 {metrics['f1_macro']:.4f}")
    print(f'Reports written to {args.out_dir}')


if __name__ == '__main__':
    main()
