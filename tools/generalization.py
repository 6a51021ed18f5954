"""Train each config with several seeds and report training vs test accuracy as mean +- std over the seeds.

    python tools/generalization.py --work-dir work_dirs/generalization

Defaults: raw keypoints on full Penn Action, on its short-clip proxy and on the 3D demo data, 3 seeds each,
and the grayscale render on Penn Action with one seed (tools/data/README.md says how to make the files). Each
run trains with tools/train.py, then tests its last checkpoint with the config's own test pipeline on the
test split and on the training split (the gap between the two is the overfitting); on MMAction2 1.x give it
1.x configs (``--configs mmaction1x/raw_kp/penn_action.py``). Results:
<work-dir>/generalization.md and generalization.json; every run's scores under <work-dir>/<config>/seed<k>.
"""
import argparse
import json
import os
import os.path as osp

import numpy as np

import keypoint_plugin  # noqa: F401  (registers the plugin's components)
from keypoint_plugin.apis.runs import last_checkpoint, launch, run, test_scores, train_options
from keypoint_plugin.config_utils import config_path, dataset_config, load_config
from keypoint_plugin.datasets import load_pose_annotations
from keypoint_plugin.evaluation import classification_metrics, load_scores

CONFIGS = ['raw_kp/penn_action.py', 'raw_kp/penn_action_short.py', 'raw_kp/synthetic_3d.py']
ONE_SEED_CONFIGS = ['grayscale/penn_action.py']


def seed_run(config, seed, run_dir, gpus, cfg_options, reuse=False):
    """Train one seed and test its last checkpoint on the test and the training split (with ``reuse``, a run
    whose two score files exist is read instead)."""
    cfg = load_config(config)
    outs = {split: osp.join(run_dir, f'scores_{split}.pkl') for split in ('test', 'train')}
    done = reuse and all(osp.exists(out) for out in outs.values())
    if not done:
        extra = ['--cfg-options', *cfg_options] if cfg_options else []
        run(launch('train', gpus, [config], [*train_options(run_dir, seed), *extra]))
    metrics = {}
    where, test = dataset_config(cfg, 'test')
    train = dataset_config(cfg, 'train')[1]
    for split, data in (('test', test), ('train', train)):
        options = [] if split == 'test' else [f'{where}.{key}={train[key]}' for key in ('ann_file', 'split')
                                               if train.get(key)]
        scores = load_scores(outs[split]) if done else test_scores(config, last_checkpoint(run_dir), outs[split],
                                                                   gpus, options)
        labels = [sample['label'] for sample in load_pose_annotations(data.ann_file, data.get('split'))[0]]
        metrics[split] = classification_metrics(scores, np.array(labels))
    return {split: dict(top1=m['top1'], f1_macro=m['f1_macro']) for split, m in metrics.items()}


def summarize(results):
    """Mean and sample std (ddof=1; 0 for one seed) of each figure over the seeds, in percent."""
    summary = {}
    for split in ('train', 'test'):
        for key in ('top1', 'f1_macro'):
            values = 100 * np.array([r[split][key] for r in results])
            std = values.std(ddof=1) if len(values) > 1 else 0.
            summary[f'{split}_{key}'] = (float(values.mean()), float(std))
    return summary


def markdown(rows):
    lines = ['| config | seeds | train top-1 (%) | test top-1 (%) | test macro F1 (%) | train - test top-1 |',
             '|---|---:|---:|---:|---:|---:|']
    for name, row in rows.items():
        s = row['summary']
        cell = lambda key: f'{s[key][0]:.2f} ± {s[key][1]:.2f}'  # noqa: E731
        lines.append(f'| {name} | {len(row["seeds"])} | {cell("train_top1")} | {cell("test_top1")} | '
                     f'{cell("test_f1_macro")} | {s["train_top1"][0] - s["test_top1"][0]:.2f} |')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--configs', nargs='*', default=CONFIGS, help='configs trained with every seed')
    parser.add_argument('--one-seed-configs', nargs='*', default=ONE_SEED_CONFIGS,
                        help='configs trained with the first seed only')
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--work-dir', default='work_dirs/generalization')
    parser.add_argument('--gpus', type=int, default=1, help='processes per run (torchrun when > 1)')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every training run')
    parser.add_argument('--reuse', action='store_true',
                        help='read the runs of the work dir that have both score files instead of running them again')
    args = parser.parse_args()
    # Every config is looked up before the first training run, so a missing one fails at once.
    plan = [(name, config_path(name), args.seeds) for name in args.configs]
    plan += [(name, config_path(name), args.seeds[:1]) for name in args.one_seed_configs]

    os.makedirs(args.work_dir, exist_ok=True)
    rows = {}
    for name, config, seeds in plan:
        results = [seed_run(config, seed, osp.join(args.work_dir, name[:-3], f'seed{seed}'), args.gpus,
                            args.cfg_options, args.reuse) for seed in seeds]
        rows[name] = dict(seeds=seeds, runs=results, summary=summarize(results))
        table = markdown(rows)
        with open(osp.join(args.work_dir, 'generalization.md'), 'w') as f:
            f.write(f'# Generalization (mean ± std over seeds, last checkpoint, the configs\' test pipelines)\n\n'
                    f'{table}\n')
        with open(osp.join(args.work_dir, 'generalization.json'), 'w') as f:
            json.dump(rows, f, indent=2)
    print(f'\n{table}\n\nwrote {osp.join(args.work_dir, "generalization.md")}')


if __name__ == '__main__':
    main()
