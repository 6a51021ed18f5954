"""Train a recognizer: ``python tools/train.py CONFIG`` (one process, GPU or CPU) or through
``tools/dist_train.sh`` (torchrun, NCCL on GPUs, gloo on CPU)."""
import argparse
import os.path as osp
import time

import mmcv
import torch
from mmcv import DictAction
from mmcv.runner import get_dist_info, set_random_seed

import keypoint_plugin  # noqa: F401  (registers the plugin's components)
from keypoint_plugin.apis import find_resume_checkpoint, get_root_logger, init_dist_from_env, train_model
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.host import HOST, build_dataset, build_model


def parse_args():
    parser = argparse.ArgumentParser(description='Train a recognizer')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and checkpoints (default: from the config, '
                        'else ./work_dirs/<config name>)')
    parser.add_argument('--resume-from', help='checkpoint to resume from')
    parser.add_argument('--no-auto-resume', action='store_true',
                        help='do not resume from the work dir\'s latest checkpoint (config: auto_resume=False)')
    parser.add_argument('--validate', action='store_true', help='evaluate on the val set during training')
    parser.add_argument('--test-last', action='store_true', help='test the final checkpoint after training')
    parser.add_argument('--test-best', action='store_true',
                        help='test the best checkpoint (evaluation.save_best) after training')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--deterministic', action='store_true', help='deterministic cuDNN')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override config settings, e.g. total_epochs=5 data.videos_per_gpu=8')
    parser.add_argument('--launcher', choices=['none', 'pytorch'], default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = load_config(args.config, args.cfg_options)

    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(args.config))[0])
    distributed = args.launcher != 'none'
    if distributed:
        init_dist_from_env(None if torch.cuda.is_available() else 'gloo')
    rank, _ = get_dist_info()

    mmcv.mkdir_or_exist(osp.abspath(cfg.work_dir))
    timestamp = time.strftime('%Y%m%d_%H%M%S', time.localtime())
    logger = get_root_logger(osp.join(cfg.work_dir, f'{timestamp}.log'), cfg.get('log_level', 'INFO'))
    if rank == 0:
        cfg.dump(osp.join(cfg.work_dir, osp.basename(args.config)))
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    logger.info(f'keypoint_plugin {keypoint_plugin.__version__} on host {HOST}, device {device}, '
                f'distributed: {distributed}')
    # As pyskl: --resume-from, else the config's resume_from, else (auto_resume, default on) the work dir's
    # newest checkpoint that loads.
    if args.resume_from is not None:
        cfg.resume_from = args.resume_from
    elif cfg.get('resume_from') is None and cfg.get('auto_resume', True) and not args.no_auto_resume:
        cfg.resume_from = find_resume_checkpoint(cfg.work_dir, logger)
    if cfg.get('cudnn_benchmark', False):
        torch.backends.cudnn.benchmark = True
        logger.info('cudnn_benchmark: cuDNN autotuner on')
    logger.info(f'Config:\n{cfg.pretty_text}')

    seed = args.seed if args.seed is not None else cfg.get('seed')
    if seed is not None:
        logger.info(f'Set random seed to {seed}, deterministic: {args.deterministic}')
        set_random_seed(seed, args.deterministic)
    cfg.seed = seed

    model = build_model(cfg.model)
    dataset = build_dataset(cfg.data.train)
    # Class names travel in the checkpoints, for inference without the annotation file.
    classes = getattr(getattr(dataset, 'dataset', dataset), 'class_names', None)
    meta = dict(seed=seed, config=cfg.pretty_text, timestamp=timestamp, classes=classes)
    train_model(model, dataset, cfg, distributed=distributed, validate=args.validate,
                test_last=args.test_last, test_best=args.test_best, timestamp=timestamp, meta=meta)
    if distributed:
        torch.distributed.destroy_process_group()


if __name__ == '__main__':
    main()
