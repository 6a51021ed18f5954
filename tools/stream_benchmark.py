"""Streams under load: many StreamingRecognizers at once (a thread each, one shared model) for a given time.

    python tools/stream_benchmark.py [CONFIG] [--checkpoint FILE] [--streams 32] [--duration 600]
                                     [--window 48] [--stride 16] [--threads 1] [--out FILE.json]

Each stream replays a recorded skeleton sequence (generated clips of two persons, 120 frames, a different one per
stream) frame by frame, as fast as it is served, from the start again when it ends. Reports the windows predicted
per second (all streams together), the latency of one window's ``push`` (pipeline and model, under the load of the
others; p50, p99) and the process's resident memory before a warm-up replay, at the start and at the end of the
measured run (growth in percent). Default config: the installed host's ``raw_kp/synthetic.py`` with its initial
weights (seed 0) unless ``--checkpoint`` is given.
"""
import argparse
import json
import platform

import torch

from keypoint_plugin.apis import init_recognizer
from keypoint_plugin.benchmark import measure_streams
from keypoint_plugin.config_utils import family_config_path
from keypoint_plugin.data import make_synthetic_dataset
from keypoint_plugin.fileio import atomic_open


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', nargs='?', default=family_config_path('raw_kp/synthetic.py'))
    parser.add_argument('--checkpoint', help='weights to load (default: the initial weights, seed 0)')
    parser.add_argument('--streams', type=int, default=32, help='streams at once (default: 32)')
    parser.add_argument('--duration', type=float, default=600., help='seconds measured (default: 600)')
    parser.add_argument('--window', type=int, default=48, help='frames per prediction (default: 48)')
    parser.add_argument('--stride', type=int, default=16, help='frames between predictions (default: 16)')
    parser.add_argument('--threads', type=int, default=1, help='torch intra-op threads (default: 1)')
    parser.add_argument('--out', help='also write the figures to this .json file')
    args = parser.parse_args(argv)
    if args.streams < 1 or args.duration <= 0:
        parser.error('--streams must be >= 1 and --duration > 0')
    return args


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = init_recognizer(args.config, args.checkpoint, device='cpu')
    data = make_synthetic_dataset(num_classes=6, train_per_class=-(-args.streams // 6), test_per_class=0,
                                  num_frames=120, num_person=2, seed=0)
    samples = data['annotations'][:args.streams]
    recordings = [[(sample['keypoint'][:, t], sample['keypoint_score'][:, t]) for t in range(sample['total_frames'])]
                  for sample in samples]
    figures = measure_streams(model, recordings, args.duration, args.window, args.stride, samples[0]['img_shape'])
    figures.update(config=args.config, checkpoint=args.checkpoint, window=args.window, stride=args.stride,
                   torch_threads=args.threads, machine=f'{platform.machine()}, {platform.processor() or "cpu"}')
    for key, value in figures.items():
        print(f'{key}: {value:.4g}' if isinstance(value, float) else f'{key}: {value}')
    if args.out:
        with atomic_open(args.out, 'w') as f:
            json.dump(figures, f, indent=1)


if __name__ == '__main__':
    main()
