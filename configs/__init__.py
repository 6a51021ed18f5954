"""The plugin's configs, installed with the package as ``keypoint_plugin.configs``."""
import os.path as osp

CONFIG_ROOT = osp.dirname(osp.abspath(__file__))


def config_path(name):
    """Absolute path of a bundled config, e.g. ``config_path('raw_kp/ntu60_xsub.py')``."""
    path = osp.join(CONFIG_ROOT, name)
    if not osp.isfile(path):
        raise FileNotFoundError(f'no bundled config {name!r} under {CONFIG_ROOT}')
    return path
