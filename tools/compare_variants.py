"""Train and test the variants of one dataset in a row and write a side-by-side table (accuracy, F1, cost,
training time) to the work dir.

    python tools/compare_variants.py penn_action --work-dir work_dirs/penn_action
    python tools/compare_variants.py ntu60_xsub --gpus 8 --variants raw_kp grayscale heatmap
    python tools/compare_variants.py penn_action --variants raw_kp --streams joint bone joint_motion bone_motion

Each variant uses configs/<variant>/<dataset>.py (on MMAction2 1.x: configs/mmaction1x/<variant>/<dataset>.py,
trained and tested with 1.x's arguments through the same tools); each of --streams the raw-keypoint stream config
configs/raw_kp/<dataset>_<stream>.py (mmcv 1.x hosts; row raw_kp_<stream>), and with two or more streams their
scores are fused by an equal-weight mean (row streams_fused; its cost and training time are the streams' sums).
Variant ``gcn`` is the host's own graph network (configs/gcn/<dataset>.py); with --gcn-bone its bone stream
(configs/gcn/<dataset>_bone.py, row gcn_bone) is trained too and fused with it (row gcn_fused), the same way.
Models are tested with 1 clip and with the config's own multi-clip test pipeline. Results:
<work-dir>/comparison.md and comparison.json, per-variant reports (tools/analyze_results.py) under
<work-dir>/reports.
"""
import argparse
import json
import os.path as osp
import time

import keypoint_plugin  # noqa: F401
from keypoint_plugin.apis.cost import config_cost
from keypoint_plugin.apis.runs import last_checkpoint, launch, one_clip_options, run, test_scores, train_options
from keypoint_plugin.config_utils import dataset_config, family_config_path, load_config
from keypoint_plugin.datasets import config_test_labels, load_pose_annotations
from keypoint_plugin.evaluation import fuse_scores, write_reports

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('dataset', help='config name under each variant, e.g. penn_action or ntu60_xsub')
    parser.add_argument('--variants', nargs='+', default=['raw_kp', 'grayscale', 'heatmap'])
    parser.add_argument('--work-dir', default=None, help='default: work_dirs/compare/<dataset>')
    parser.add_argument('--streams', nargs='+', default=[],
                        choices=['joint', 'bone', 'joint_motion', 'bone_motion'],
                        help='raw-keypoint streams trained after the variants, then fused')
    parser.add_argument('--gcn-bone', action='store_true',
                        help="with variant gcn: also the GCN's bone stream, fused with its joint stream")
    parser.add_argument('--gpus', type=int, default=1, help='processes per variant (torchrun when > 1)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every training run')
    args = parser.parse_args()
    work_dir = args.work_dir or osp.join('work_dirs', 'compare', args.dataset)
    # Every config is looked up before the first training run, so a missing one fails at once.
    runs = {variant: family_config_path(f'{variant}/{args.dataset}.py') for variant in args.variants}
    runs.update({f'raw_kp_{stream}': family_config_path(f'raw_kp/{args.dataset}_{stream}.py')
                 for stream in args.streams})
    if args.gcn_bone:
        if 'gcn' not in runs:
            parser.error('--gcn-bone needs gcn among --variants')
        runs['gcn_bone'] = family_config_path(f'gcn/{args.dataset}_bone.py')

    rows, scores = {}, {}
    for variant, config in runs.items():
        cfg = load_config(config)
        run_dir = osp.join(work_dir, variant)
        start = time.time()
        run(launch('train', args.gpus, [config], [*train_options(run_dir, args.seed),
                                                  *(['--cfg-options', *args.cfg_options] if args.cfg_options else [])]))
        train_seconds = time.time() - start
        checkpoint = last_checkpoint(run_dir)
        for name, options in (('1clip', one_clip_options(cfg)), ('multiclip', [])):
            scores[f'{variant}_{name}'] = test_scores(config, checkpoint, osp.join(run_dir, f'scores_{name}.pkl'),
                                                      args.gpus, options)
        test = dataset_config(cfg, 'test')[1]
        sample = load_pose_annotations(test.ann_file, test.get('split'))[0][0]
        rows[variant] = dict(config=config, train_seconds=train_seconds, cost=config_cost(cfg, sample))

    fusions = dict(streams_fused=[f'raw_kp_{stream}' for stream in args.streams] if len(args.streams) > 1 else [],
                   gcn_fused=['gcn', 'gcn_bone'] if args.gcn_bone else [])
    for fused, streams in fusions.items():
        if not streams:
            continue
        for name in ('1clip', 'multiclip'):
            scores[f'{fused}_{name}'] = fuse_scores([scores[f'{s}_{name}'] for s in streams], [1] * len(streams))
        rows[fused] = dict(streams=streams, train_seconds=sum(rows[s]['train_seconds'] for s in streams),
                           cost={key: sum(rows[s]['cost'][key] for s in streams)
                                 for key in ('params', 'gmacs_per_clip')})

    labels, classes = config_test_labels(next(iter(runs.values())))
    metrics = write_reports(scores, labels, osp.join(work_dir, 'reports'), class_names=classes)
    lines = ['| variant | top-1, 1 clip (%) | top-1, multi-clip (%) | macro F1, multi-clip (%) | params | '
             'GMACs/clip | training time (s) |', '|---|---:|---:|---:|---:|---:|---:|']
    for variant, row in rows.items():
        one, multi = metrics[f'{variant}_1clip'], metrics[f'{variant}_multiclip']
        row.update(top1_1clip=one['top1'], top1_multiclip=multi['top1'], f1_macro_multiclip=multi['f1_macro'])
        lines.append(f'| {variant} | {100 * one["top1"]:.2f} | {100 * multi["top1"]:.2f} | '
                     f'{100 * multi["f1_macro"]:.2f} | {row["cost"]["params"]:,} | '
                     f'{row["cost"]["gmacs_per_clip"]:.4f} | {row["train_seconds"]:.0f} |')
    table = '\n'.join(lines)
    with open(osp.join(work_dir, 'comparison.md'), 'w') as f:
        f.write(f'# {args.dataset}\n\n{table}\n')
    with open(osp.join(work_dir, 'comparison.json'), 'w') as f:
        json.dump(rows, f, indent=2, default=list)
    print(f'\n{table}\n\nwrote {osp.join(work_dir, "comparison.md")}')


if __name__ == '__main__':
    main()
