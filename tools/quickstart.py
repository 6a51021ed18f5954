"""The README's main job: generate the demo skeleton dataset, train and test the raw-keypoint model on it
with tools/train.py and tools/test.py (CPU or GPU), and print its metrics and cost next to PoseC3D's. The
installed host's config family is used (configs/ or, on MMAction2 1.x, configs/mmaction1x/).

    python tools/quickstart.py [--work-dir work_dirs/quickstart] [--cfg-options total_epochs=5]
"""
import argparse
import json
import os.path as osp
import time

import keypoint_plugin  # noqa: F401
from keypoint_plugin.apis.cost import config_cost
from keypoint_plugin.apis.runs import last_checkpoint, launch, run, test_scores, train_options
from keypoint_plugin.config_utils import family_config_path, load_config
from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from keypoint_plugin.datasets import config_test_labels
from keypoint_plugin.evaluation import classification_metrics
from keypoint_plugin.safe_load import load_data_file

VARIANTS = dict(raw_kp='raw keypoints (ours)', grayscale='grayscale render (ours)',
                heatmap='PoseC3D joint heatmaps (host)')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--work-dir', default='work_dirs/quickstart')
    parser.add_argument('--data', default='data/synthetic/synthetic.pkl',
                        help='where the demo dataset is written (the synthetic configs read this path)')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to tools/train.py')
    args = parser.parse_args()

    if not osp.isfile(args.data):
        dump_annotations(make_synthetic_dataset(), args.data)
        print(f'wrote the demo dataset to {args.data}')
    config = family_config_path('raw_kp/synthetic.py')
    start = time.time()
    run(launch('train', 1, [config], [*train_options(args.work_dir, seed=0),
                                      *(['--cfg-options', *args.cfg_options] if args.cfg_options else [])]))
    train_seconds = time.time() - start
    scores = test_scores(config, last_checkpoint(args.work_dir), osp.join(args.work_dir, 'scores.pkl'))

    labels, classes = config_test_labels(config)
    metrics = classification_metrics(scores, labels, class_names=classes)
    sample = load_data_file(args.data)['annotations'][0]
    costs = {name: config_cost(load_config(family_config_path(f'{name}/synthetic.py')), sample)
             for name in VARIANTS}

    print(f'\nRaw-keypoint model on the demo dataset ({len(labels)} test clips, {len(classes)} classes), '
          f'trained in {train_seconds:.0f} s:')
    for key in ('top1', 'top5', 'mean_class_accuracy', 'precision_macro', 'recall_macro', 'f1_macro'):
        if key in metrics:
            print(f'  {key:<20} {metrics[key]:.4f}')
    print('\nCost per clip (torch FlopCounterMode, MACs = FLOPs / 2; test pipeline of each config):')
    print(f'  {"variant":<34} {"params":>10} {"GMACs/clip":>11} {"input KB/clip":>14}')
    for name, label in VARIANTS.items():
        cost = costs[name]
        print(f'  {label:<34} {cost["params"]:>10,} {cost["gmacs_per_clip"]:>11.4f} '
              f'{cost["input_bytes_per_clip"] / 1024:>14.1f}')
    ratio = costs['heatmap']['gmacs_per_clip'] / costs['raw_kp']['gmacs_per_clip']
    print(f'  raw keypoints need {ratio:.0f}x fewer MACs per clip than PoseC3D')
    summary = dict(metrics={k: v for k, v in metrics.items() if isinstance(v, float)}, train_seconds=train_seconds,
                   cost=costs)
    with open(osp.join(args.work_dir, 'quickstart.json'), 'w') as f:
        json.dump(summary, f, indent=2, default=list)
    print(f'\nwrote {osp.join(args.work_dir, "quickstart.json")}')


if __name__ == '__main__':
    main()
