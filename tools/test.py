"""Test a checkpoint: ``python tools/test.py CONFIG -C CHECKPOINT --out scores.pkl --eval top1 f1_macro``
(pyskl's form; ``CONFIG CHECKPOINT`` works too), one process on GPU or CPU, or through ``tools/dist_test.sh``."""
import argparse
import os.path as osp

import mmcv
import torch
from mmcv import DictAction
from mmcv.runner import get_dist_info, load_checkpoint

import keypoint_plugin  # noqa: F401  (registers the plugin's components)
from keypoint_plugin.apis import build_dataloader, init_dist_from_env, test_model, wrap_model
from keypoint_plugin.apis.amp import autocast
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.host.mmcv1.dataset import METRICS
from keypoint_plugin.host import build_dataset, build_model


def parse_args():
    parser = argparse.ArgumentParser(description='Test a recognizer')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', nargs='?', help='checkpoint file (or -C CHECKPOINT, as in pyskl)')
    parser.add_argument('-C', '--checkpoint', dest='checkpoint_option', metavar='CHECKPOINT',
                        help='checkpoint file, pyskl\'s form')
    parser.add_argument('--out', help='write the per-sample class scores here (.pkl), in test-set order')
    parser.add_argument('--eval', nargs='+', default=None,
                        help='metrics, e.g. top1 top5 f1_macro (default: the config\'s evaluation.metrics)')
    parser.add_argument('--tmpdir', help='where the processes exchange results (default: next to --out)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override config settings, e.g. model.test_cfg.average_clips=score')
    parser.add_argument('--launcher', choices=['none', 'pytorch'], default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if (args.checkpoint is None) == (args.checkpoint_option is None):
        parser.error('give the checkpoint once: -C CHECKPOINT or as the second positional argument')
    args.checkpoint = args.checkpoint or args.checkpoint_option
    unknown = [name for name in args.eval or () if name not in METRICS]
    if unknown:  # before any inference
        parser.error(f'unknown --eval metric(s) {unknown}; known: {list(METRICS)}')
    return args


def main():
    args = parse_args()
    cfg = load_config(args.config, args.cfg_options)
    distributed = args.launcher != 'none'
    if distributed:
        init_dist_from_env(None if torch.cuda.is_available() else 'gloo')
    rank, _ = get_dist_info()

    dataset = build_dataset(cfg.data.test, dict(test_mode=True))
    setting = dict(videos_per_gpu=1, workers_per_gpu=cfg.data.get('workers_per_gpu', 0), shuffle=False)
    setting.update(cfg.data.get('test_dataloader', {}))
    loader = build_dataloader(dataset, **setting)

    model = build_model(cfg.model)
    load_checkpoint(model, args.checkpoint, map_location='cpu', strict=True)
    model = wrap_model(model, distributed)
    autocast(model, cfg, ('forward', ))  # float16 when the config sets fp16
    tmpdir = args.tmpdir or osp.join(osp.dirname(osp.abspath(args.out or args.checkpoint)), '.test_tmp')
    outputs = test_model(model, loader, distributed, tmpdir)

    if rank == 0:
        if args.out:
            mmcv.dump(outputs, args.out)
            print(f'\nwrote {len(outputs)} scores to {args.out}')
        eval_cfg = {k: v for k, v in cfg.get('evaluation', {}).items() if k in ('metric_options', 'topk')}
        metrics = args.eval or cfg.get('evaluation', {}).get('metrics', ['top_k_accuracy'])
        results = dataset.evaluate(outputs, metrics=metrics, **eval_cfg)
        for name, value in results.items():
            print(f'{name}: {value:.4f}')
    if distributed:
        torch.distributed.destroy_process_group()


if __name__ == '__main__':
    main()
