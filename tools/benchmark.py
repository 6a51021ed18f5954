"""Cost benchmark: every config measured in one run on the same annotation samples.

    python tools/benchmark.py [CONFIG ...] [--dataset synthetic|penn_action|ntu60_xsub] [--out-dir DIR]
                              [--device cpu|cuda] [--repeats N] [--threads N] [--quick]
                              [--accuracy NAME=VALUE ...]
    python tools/benchmark.py --throughput [CONFIG ...] [--dataset ...] [--device cuda|cpu] [--iterations N]
                              [--workers N] [--profile N] [--quick]
    either with [--cfg-options KEY=VALUE ...] (every config; e.g. fp16.loss_scale=dynamic channels_last=True)

Without configs it measures the heatmap (PoseC3D, the baseline), grayscale and raw-keypoint configs of
``--dataset`` and the host's ST-GCN config (the graph-network reference) on that dataset's annotations; the
synthetic ones are generated when missing, Penn Action's converted from its label files. Every config runs
in a fresh process (its peak memory is its own) with the first config's annotation file, splits and class
count. Per config it reports parameters and GMACs (keypoint_plugin.apis.cost for every model; per test clip, per
training clip and per test sample), model input bytes per clip, data pipeline milliseconds per clip (the
host's Compose of the train and test pipelines), end-to-end training clips per second (the config's dataset
and loader workers, forward, backward, optimizer step), inference milliseconds per test sample (batch 1) and
peak memory, each the median of repeats after warm-up, with ratios to the first config (> 1: better). A
second table times the pipeline stages alone at one size (48 frames, 56x56; 1 and 2 persons): PoseC3D's
heatmaps against our grayscale render and raw packing on the same resized keypoints.

Writes DIR/benchmark.json ({'settings', 'configs': [entry, ...], 'pipeline_same_size'}), DIR/benchmark.md
and, with ``--accuracy`` (a top-1 number or tools/analyze_results.py JSON per config name), DIR/accuracy_vs_gmacs.png.

``--throughput`` measures the GPU section instead (on ``--device``, so on a CPU too): per config, the training
pipeline's per-sample work per clip on one core (the loader workers' share), steady-state training clips/s (the
median of ``--iterations`` iterations after ``--warmup``, data loading included), test latency per sample at
batch 1 (pipeline included), test samples/s at ``--test-batch`` (capped at ``--test-batch-gmacs`` forward GMACs)
and peak GPU memory of each, device named. Without configs: the heatmap, grayscale and raw-keypoint configs of
``--dataset`` and its one-GPU raw config (``raw_kp/<dataset>_gpu.py``); every raw-keypoint config runs twice, with
the per-sample pipeline and with the batched one (``device_pipeline``), at the same batch. Writes
DIR/throughput.json and DIR/throughput.md. ``--profile N`` profiles N more training iterations per config
(torch.profiler): the share of the iteration the device is busy in the table, the operators by device time in
DIR/profile.md.
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
import time

import torch

import keypoint_plugin
from keypoint_plugin.benchmark import (add_ratios, align_config, config_name, cost_report, data_settings,
                                       measure_config, measure_throughput, pipeline_same_size, plot_accuracy,
                                       profile_report, read_accuracy, select_samples, stgcn_config,
                                       throughput_report)
from keypoint_plugin.config_utils import apply_settings, dataset_config, family_config_path
from keypoint_plugin.data import convert_penn_action, dump_annotations, make_synthetic_dataset, penn_action_labels_dir
from keypoint_plugin.host import Config, DictAction, dump, load
from keypoint_plugin.safe_load import add_unsafe_load_argument, load_data_file

DATASETS = ('synthetic', 'penn_action', 'ntu60_xsub')
VARIANTS = ('heatmap', 'grayscale', 'raw_kp')  # the first is the reference of the ratios
# Measurement settings: full runs, and --quick (tests: a pass of each measurement, nothing repeated); for the cost
# benchmark and for --throughput.
FULL = dict(samples=8, repeats=3, warmup=1, min_seconds=1., budget_seconds=20., batch_size=None)
QUICK = dict(samples=2, repeats=1, warmup=0, min_seconds=0., budget_seconds=0., batch_size=2)
THROUGHPUT = dict(samples=8, iterations=200, warmup=20, test_batch=256, test_batch_gmacs=4096., test_batches=10,
                  latency_samples=20, min_seconds=1., batch_size=None)
THROUGHPUT_QUICK = dict(samples=2, iterations=3, warmup=1, test_batch=2, test_batch_gmacs=4096., test_batches=2,
                        latency_samples=2, min_seconds=0., batch_size=2)
# A CPU trains PoseC3D at a clip per 3-5 s: its batch is cut to 2 clips there.
CPU_BATCH_GMACS = 32.


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('configs', nargs='*', help='configs to compare; the first is the reference of the ratios')
    parser.add_argument('--dataset', choices=DATASETS, default='synthetic',
                        help='whose configs to compare when none are given')
    parser.add_argument('--no-stgcn', action='store_true', help="leave out the host's ST-GCN config")
    parser.add_argument('--ann-file', help="annotations for every config (default: the first config's)")
    parser.add_argument('--out-dir', default='work_dirs/benchmark')
    parser.add_argument('--device', choices=('cpu', 'cuda'), default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--quick', action='store_true', help='one short pass of everything (for tests)')
    parser.add_argument('--samples', type=int, help=f"annotations measured (default {FULL['samples']})")
    parser.add_argument('--repeats', type=int, help=f"timed repeats per measurement (default {FULL['repeats']})")
    parser.add_argument('--warmup', type=int, help=f"uncounted steps first (default {FULL['warmup']})")
    parser.add_argument('--min-seconds', type=float,
                        help=f"measured seconds per repeat, at least (default {FULL['min_seconds']}; --throughput: of "
                        'the training pipeline timing)')
    parser.add_argument('--budget-seconds', type=float,
                        help=f"no further repeat once a measurement's repeats took this long "
                        f"(default {FULL['budget_seconds']})")
    parser.add_argument('--batch-size', type=int, help='training batch of every config')
    parser.add_argument('--batch-gmacs', type=float,
                        help="else the config's batch, cut to this many forward GMACs (default: 32 on CPU, "
                        "where PoseC3D gets 2 clips; no cut on CUDA)")
    parser.add_argument('--workers', type=int, help="loader workers (default: the config's workers_per_gpu)")
    parser.add_argument('--threads', type=int,
                        help="torch's intra-op threads per measurement (default: torch's own); on a CPU shared "
                        'with other jobs, 1 avoids threads waiting for each other')
    parser.add_argument('--pipeline-only', action='store_true', help='only the same-size pipeline comparison')
    parser.add_argument('--throughput', action='store_true',
                        help='the GPU section (training clips/s, test latency and throughput, peak GPU memory) '
                        'instead of the cost benchmark')
    parser.add_argument('--iterations', type=int,
                        help=f"--throughput: timed training iterations (default {THROUGHPUT['iterations']})")
    parser.add_argument('--test-batch', type=int,
                        help=f"--throughput: test samples per batch, at most (default {THROUGHPUT['test_batch']})")
    parser.add_argument('--test-batch-gmacs', type=float,
                        help='--throughput: forward GMACs per test batch, at most (default '
                        f"{THROUGHPUT['test_batch_gmacs']:g})")
    parser.add_argument('--test-batches', type=int,
                        help=f"--throughput: timed test batches (default {THROUGHPUT['test_batches']})")
    parser.add_argument('--latency-samples', type=int,
                        help=f"--throughput: timed batch-1 test samples (default {THROUGHPUT['latency_samples']})")
    parser.add_argument('--profile', type=int, default=0, metavar='N',
                        help='--throughput: profile N training iterations after the timed ones (default: none)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override settings of every config, e.g. fp16.loss_scale=dynamic channels_last=True')
    parser.add_argument('--accuracy', nargs='+', default=[], metavar='NAME=VALUE',
                        help='top-1 of a config (name as in the table, e.g. raw_kp/synthetic, or its path): a '
                        'number or a tools/analyze_results.py JSON file')
    # One config measured in this process (the parent runs one such child per config).
    parser.add_argument('--single', help=argparse.SUPPRESS)
    parser.add_argument('--align', help=argparse.SUPPRESS)
    parser.add_argument('--device-pipeline', type=int, choices=(0, 1), help=argparse.SUPPRESS)
    parser.add_argument('--options-json', help=argparse.SUPPRESS)  # --cfg-options, passed on to the child
    add_unsafe_load_argument(parser)
    args = parser.parse_args(argv)
    defaults = ((THROUGHPUT_QUICK if args.quick else THROUGHPUT) if args.throughput else
                (QUICK if args.quick else FULL))
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.device == 'cuda' and not torch.cuda.is_available():
        parser.error('--device cuda: no CUDA device here')
    if args.batch_gmacs is None and args.device == 'cpu':
        args.batch_gmacs = CPU_BATCH_GMACS
    return args


def default_configs(dataset, with_stgcn=True, throughput=False):
    configs = [family_config_path(f'{variant}/{dataset}.py') for variant in VARIANTS]
    if throughput:
        one_gpu = osp.join(osp.dirname(configs[-1]), f'{dataset}_gpu.py')
        return configs + ([one_gpu] if osp.isfile(one_gpu) else [])
    stgcn = stgcn_config() if with_stgcn else None
    if with_stgcn and stgcn is None:
        print(f'no ST-GCN config found for host {keypoint_plugin.HOST}; comparing without it')
    return configs + ([stgcn] if stgcn else [])


def ensure_annotations(ann_file, reference):
    """Generate (synthetic) or convert (Penn Action) the annotation file that is missing, else fail."""
    if osp.isfile(ann_file):
        return
    kind = osp.splitext(osp.basename(reference))[0]
    if kind == 'synthetic':
        dump_annotations(make_synthetic_dataset(), ann_file)
        print(f'generated the synthetic dataset at {ann_file}')
    elif kind == 'penn_action' and penn_action_labels_dir():
        dump_annotations(convert_penn_action(penn_action_labels_dir(), progress=True), ann_file)
        print(f'converted Penn Action to {ann_file}')
    else:
        raise FileNotFoundError(f'annotation file {ann_file} (of {reference}) not found: prepare it as the '
                                'README says, or pass --ann-file')


def timing(args):
    if args.throughput:
        return dict(iterations=args.iterations, warmup=args.warmup, test_batch=args.test_batch,
                    test_batch_gmacs=args.test_batch_gmacs, test_batches=args.test_batches,
                    latency_samples=args.latency_samples, min_seconds=args.min_seconds)
    return dict(repeats=args.repeats, warmup=args.warmup, min_seconds=args.min_seconds,
                budget_seconds=args.budget_seconds)


def measurements(args, configs):
    """(config, device_pipeline setting or None, name) of each measurement: with ``--throughput``, every
    raw-keypoint config with its per-sample pipeline and with the batched one."""
    runs = []
    for config in configs:
        name = config_name(config)
        test_pipeline = dataset_config(Config.fromfile(config), 'test')[1].pipeline
        if args.throughput and any(step['type'] == 'PackRawKeypoint' for step in test_pipeline):
            runs += [(config, 0, f'{name} (per-sample)'), (config, 1, f'{name} (batched)')]
        else:
            runs.append((config, None, name))
    return runs


def run_single(args):
    """Measure ``args.configs[0]`` in this process and write its entry to ``args.single``."""
    align = json.loads(args.align)
    if args.threads:
        torch.set_num_threads(args.threads)
    cfg = Config.fromfile(args.configs[0])
    cfg.merge_from_dict(json.loads(args.options_json))
    align_config(cfg, align)
    if args.device_pipeline is not None:
        cfg.device_pipeline = bool(args.device_pipeline)
    apply_settings(cfg)
    # The cuDNN autotuner as the training tools set it (mmcv 1.x configs: cudnn_benchmark; 1.x: env_cfg's).
    torch.backends.cudnn.benchmark = bool(cfg.get('cudnn_benchmark', cfg.get('env_cfg', {}).get('cudnn_benchmark')))
    samples = select_samples(load_data_file(align['ann_file'])['annotations'], args.samples)
    name = config_name(args.configs[0])
    measure = measure_throughput if args.throughput else measure_config
    extra = dict(profile=args.profile) if args.throughput else {}
    entry = measure(cfg, samples, device=args.device, batch_gmacs=args.batch_gmacs, batch_size=args.batch_size,
                    workers=args.workers, log=lambda msg: print(f'  {name}: {msg}', flush=True), **timing(args),
                    **extra)
    dump(entry, args.single, file_format='json')


def child_command(args, config, out_file, align, device_pipeline=None):
    cmd = [sys.executable, osp.abspath(__file__), config, '--single', out_file, '--align', json.dumps(align),
           '--device', args.device, '--samples', str(args.samples), '--options-json', json.dumps(args.cfg_options)]
    for key, value in timing(args).items():
        cmd += [f"--{key.replace('_', '-')}", str(value)]
    for key in ('batch_gmacs', 'batch_size', 'workers', 'threads'):
        if getattr(args, key) is not None:
            cmd += [f"--{key.replace('_', '-')}", str(getattr(args, key))]
    if args.throughput:
        cmd += ['--throughput', '--profile', str(args.profile)]
    if device_pipeline is not None:
        cmd += ['--device-pipeline', str(device_pipeline)]
    return cmd


def measure_configs(args, configs, align):
    entries = []
    runs = measurements(args, configs)
    for i, (config, device_pipeline, name) in enumerate(runs):
        print(f'[{i + 1}/{len(runs)}] {name} ({config})', flush=True)
        out_file = osp.join(args.out_dir, f'.single_{i}.json')
        start = time.perf_counter()
        subprocess.run(child_command(args, config, out_file, align, device_pipeline), check=True)
        entry = dict(config=config, name=name, **load(out_file))
        os.remove(out_file)
        entry['seconds'] = time.perf_counter() - start
        print(f'  {name}: done in {entry["seconds"]:.0f} s', flush=True)
        entries.append(entry)
    return entries


def attach_accuracies(entries, accuracies):
    by_name = {key: e for e in entries for key in (e['name'], e['config'], osp.abspath(e['config']))}
    for item in accuracies:
        name, sep, value = item.partition('=')
        if not sep:
            raise ValueError(f'--accuracy {item!r}: expected NAME=VALUE')
        key = name if name in by_name else osp.abspath(name)
        if key not in by_name:
            raise KeyError(f'--accuracy {item!r}: no config named {name!r}; names: {[e["name"] for e in entries]}')
        by_name[key]['top1'] = read_accuracy(value)


def main():
    args = parse_args()
    if args.single:
        return run_single(args)
    os.makedirs(args.out_dir, exist_ok=True)
    configs = args.configs or default_configs(args.dataset, not args.no_stgcn, args.throughput)
    align = data_settings(Config.fromfile(configs[0]))
    align['ann_file'] = args.ann_file or align['ann_file']
    ensure_annotations(align['ann_file'], configs[0])
    annotations = load_data_file(align['ann_file'])['annotations']
    samples = select_samples(annotations, args.samples)
    settings = dict(vars(args), configs=configs, ann_file=align['ann_file'], splits=align['splits'],
                    num_classes=align['num_classes'], sample_ids=[s['frame_dir'] for s in samples],
                    host=keypoint_plugin.HOST, torch=torch.__version__,
                    torch_threads=args.threads or torch.get_num_threads(),
                    cpu_count=os.cpu_count(), command=' '.join(sys.argv))
    for key in ('single', 'align', 'accuracy', 'device_pipeline', 'options_json'):
        settings.pop(key)

    if args.throughput:
        entries = measure_configs(args, configs, align)
        dump(dict(settings=settings, configs=entries), osp.join(args.out_dir, 'throughput.json'),
                  file_format='json', indent=2)
        report = throughput_report(entries)
        with open(osp.join(args.out_dir, 'throughput.md'), 'w') as f:
            f.write(report)
        print(report)
        print(f'wrote {osp.join(args.out_dir, "throughput.json")} and throughput.md')
        if args.profile:
            with open(osp.join(args.out_dir, 'profile.md'), 'w') as f:
                f.write(profile_report(entries))
            print(f'wrote {osp.join(args.out_dir, "profile.md")}')
        return
    entries = [] if args.pipeline_only else add_ratios(measure_configs(args, configs, align))
    print('pipelines alone at one size (48 frames, 56x56; 1 and 2 persons)', flush=True)
    same_size = pipeline_same_size(samples, **timing(args))
    if args.accuracy:
        attach_accuracies(entries, args.accuracy)
        plot_accuracy(entries, osp.join(args.out_dir, 'accuracy_vs_gmacs.png'))

    result = dict(settings=settings, configs=entries, pipeline_same_size=same_size)
    dump(result, osp.join(args.out_dir, 'benchmark.json'), file_format='json', indent=2)
    report = cost_report(entries, same_size)
    with open(osp.join(args.out_dir, 'benchmark.md'), 'w') as f:
        f.write(report)
    print(report)
    print(f'wrote {osp.join(args.out_dir, "benchmark.json")} and benchmark.md')


if __name__ == '__main__':
    main()
