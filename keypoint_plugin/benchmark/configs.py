"""The benchmark's configs: the host's ST-GCN config beside ours, short names, and every config pointed at the same
annotations."""
import os.path as osp

from ..config_utils import dataset_config
from ..host import host_config


def stgcn_config():
    """Path of the host's ST-GCN config for 2D keypoints on NTU-60 X-Sub (:func:`keypoint_plugin.host.host_config`),
    or None where the host ships none."""
    try:
        return host_config('stgcn', 'ntu60_xsub')
    except FileNotFoundError:
        return None


def config_name(path):
    """Short name of a config file: its folder and stem, e.g. ``'raw_kp/synthetic'``."""
    return f'{osp.basename(osp.dirname(osp.abspath(path)))}/{osp.splitext(osp.basename(path))[0]}'


def _dataset_cfgs(cfg):
    """The train, val and test dataset dicts of either config family (inside repeat wrappers)."""
    return {split: dataset_config(cfg, split)[1] for split in ('train', 'val', 'test')}


def data_settings(cfg):
    """What :func:`align_config` copies from the reference config: annotation file, splits, class count.

    Args:
        cfg (Config): The reference (first) config.

    Returns:
        dict: ``ann_file``, ``splits`` ({'train', 'val', 'test'} -> split name or None), ``num_classes``.
    """
    datasets = _dataset_cfgs(cfg)
    return dict(ann_file=datasets['test'].ann_file, splits={k: d.get('split') for k, d in datasets.items()},
                num_classes=cfg.model.cls_head.num_classes)


def align_config(cfg, settings):
    """Point every dataset of ``cfg`` at the benchmark's annotations, splits and class count, in place.

    Our configs already agree with each other; the host's ST-GCN config reads other files (MMAction2: one
    pickle per split, no ``split`` key) and has 60 classes.

    Args:
        cfg (Config): A recognizer config.
        settings (dict): From :func:`data_settings`.
    """
    for name, dataset in _dataset_cfgs(cfg).items():
        dataset.ann_file = settings['ann_file']
        dataset.split = settings['splits'][name]
    cfg.model.cls_head.num_classes = settings['num_classes']
