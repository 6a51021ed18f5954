"""Print a config as the plugin's tools read it, or write it out for the hosts' own tools.

The plugin's tools merge ``--cfg-options`` and spread a config's one-place settings (``layout``, ``dims``, the
class count) to every dataset, pipeline step and backbone that takes them (``config_utils.load_config``). The hosts'
own tools (pyskl's and MMAction2's ``tools/train.py``, ``tools/test.py``, ``dist_*.sh``) read a config as it is, so
a config on a layout other than COCO-17 (the 3D and NW-UCLA configs, a new dataset's) reaches them written out:

    python tools/print_config.py configs/gcn/nw_ucla.py --out work_dirs/gcn_nw_ucla.py
    bash tools/dist_train.sh work_dirs/gcn_nw_ucla.py 8 --validate --test-last   # in pyskl's source tree

What depends on the run stays as written: ``auto_scale_lr`` (the plugin's tools scale ``optimizer.lr`` to the run's
total batch when training) is not applied; for pyskl's tools give the scaled ``optimizer.lr`` with ``--cfg-options``.
"""
import argparse

import keypoint_plugin  # noqa: F401  (registers the plugin's types, which the settings are checked against)
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.host import DictAction


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={}, metavar='KEY=VALUE',
                        help='override config settings')
    parser.add_argument('--out', help='write the config to this file (.py) instead of printing it')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options)
    if args.out:
        cfg.dump(args.out)
    else:
        print(cfg.pretty_text)


if __name__ == '__main__':
    main()
