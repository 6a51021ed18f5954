"""Test a checkpoint with an MMAction2 1.x config (configs/mmaction1x/...) through mmengine's Runner: the
arguments of MMAction2 1.x's own ``tools/test.py``; the plugin's config settings (layout, dims) applied."""
import argparse

from mmengine.config import DictAction

import keypoint_plugin  # noqa: F401  (registers the plugin's components and the host fixes)
from keypoint_plugin.host.mmengine.runner import build_runner


def parse_args():
    parser = argparse.ArgumentParser(description='Test a recognizer (MMAction2 1.x config)')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save the evaluation log')
    parser.add_argument('--dump', help='also write the predictions to this .pkl file')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config settings')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'], default='none')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    return parser.parse_args()


def main():
    args = parse_args()
    build_runner(args.config, args.work_dir, args.cfg_options, args.launcher, checkpoint=args.checkpoint,
                 dump=args.dump).test()


if __name__ == '__main__':
    main()
