"""Train with an MMAction2 1.x config (configs/mmaction1x/...) through mmengine's Runner: the arguments of
MMAction2 1.x's own ``tools/train.py``; the plugin's config settings (layout, dims) applied."""
import argparse

from mmengine.config import DictAction

import keypoint_plugin  # noqa: F401  (registers the plugin's components and the host fixes)
from keypoint_plugin.host.mmengine.runner import build_runner


def parse_args():
    parser = argparse.ArgumentParser(description='Train a recognizer (MMAction2 1.x config)')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument('--resume', nargs='?', type=str, const='auto',
                        help='resume from this checkpoint, or without a value from the work dir\'s latest')
    parser.add_argument('--amp', action='store_true', help='automatic mixed precision')
    parser.add_argument('--no-validate', action='store_true', help='do not validate during training')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--deterministic', action='store_true', help='deterministic cuDNN')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config settings')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'], default='none')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    return parser.parse_args()


def main():
    args = parse_args()
    build_runner(args.config, args.work_dir, args.cfg_options, args.launcher, resume=args.resume, amp=args.amp,
                 validate=not args.no_validate, seed=args.seed, deterministic=args.deterministic).train()


if __name__ == '__main__':
    main()
