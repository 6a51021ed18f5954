"""Time one training epoch of a config on generated data of a real training set's size, and extrapolate the
config's whole schedule (repeats per epoch x epochs): e.g. NTU60 X-Sub's 40,091 clips x 10 repeats x 24 epochs.

    python tools/estimate_schedule.py configs/raw_kp/ntu60_xsub.py --samples 40091 --device cuda --workers 14 \
        --cfg-options device_pipeline=True data.videos_per_gpu=256 auto_scale_lr.enable=True

The clips come from the synthetic generator (2 persons, the config's layout and dimension, 40-120 frames),
``--unique`` of them repeated under new ids, labels cycling through the config's classes: loading and training
cost depend on the clips' shapes, not their motion. The epoch is timed from the loader's start to the last
optimizer step (model built, on the device, before), at the config's batch and loader settings unless given.
Writes the figures as JSON to ``--out``.
"""
import argparse
import json
import os
import os.path as osp
import tempfile

import torch

import keypoint_plugin  # noqa: F401  (registers the plugin's components)
from keypoint_plugin.benchmark import schedule_length, sized_annotations, time_epoch
from keypoint_plugin.config_utils import dataset_config, load_config
from keypoint_plugin.data import dump_annotations
from keypoint_plugin.host import DictAction
from keypoint_plugin.layouts import get_layout


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('--samples', type=int, required=True, help='training clips of the real dataset')
    parser.add_argument('--unique', type=int, default=600, help='distinct generated clips')
    parser.add_argument('--device', choices=('cpu', 'cuda'), default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--batch-size', type=int, help="training batch (default: the config's)")
    parser.add_argument('--workers', type=int, help="loader workers (default: the config's)")
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={}, metavar='KEY=VALUE',
                        help='override config settings')
    parser.add_argument('--out', help='write the figures here (.json)')
    args = parser.parse_args(argv)
    if args.samples < 1 or args.unique < 1:
        parser.error('--samples and --unique must be >= 1')
    return args


def main(argv=None):
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options)
    where, train = dataset_config(cfg, 'train')
    repeats, epochs = schedule_length(cfg, args.samples)
    data = sized_annotations(args.samples, cfg.model.cls_head.num_classes, train.get('split') or 'train',
                             args.unique, layout=get_layout(cfg.get('layout', 'coco')).name, dim=cfg.get('dims', 2),
                             num_frames=(40, 120))
    with tempfile.TemporaryDirectory() as folder:
        train.ann_file = osp.join(folder, 'epoch.pkl')
        dump_annotations(data, train.ann_file)
        result = time_epoch(cfg, args.device, args.batch_size, args.workers)
    schedule = result['seconds'] * repeats * epochs
    result.update(config=args.config, samples_in_dataset=args.samples, repeats=repeats, epochs=epochs,
                  schedule_seconds=schedule, cfg_options=args.cfg_options)
    print(f'{result["device_name"]}: one pass over {args.samples} clips ({where}) in {result["seconds"]:.1f} s '
          f'({result["samples_per_s"]:,.0f} clips/s, batch {result["batch_size"]}, {result["workers"]} workers); '
          f'schedule {repeats} repeats x {epochs} epochs: {schedule:.0f} s = {schedule / 60:.1f} min')
    if args.out:
        os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
        with open(args.out, 'w') as f:
            json.dump(result, f, indent=2)


if __name__ == '__main__':
    main()
