"""Test a checkpoint: ``python tools/test.py CONFIG CHECKPOINT [args]`` (one process, GPU or CPU) or through
``tools/dist_test.sh``.

The installed host decides the config family and the arguments: on pyskl and MMAction2 0.x, ``configs/`` with
pyskl's arguments (``-C CHECKPOINT``, ``--out scores.pkl``, ``--eval top1 f1_macro``;
``keypoint_plugin/host/mmcv1/tools.py``); on MMAction2 1.x, ``configs/mmaction1x/`` with MMAction2 1.x's
(``--dump results.pkl``, ``--work-dir``; ``keypoint_plugin/host/mmengine/tools.py``). ``--help`` lists them.
"""
import importlib

from keypoint_plugin.host import FAMILY

if __name__ == '__main__':
    importlib.import_module(f'keypoint_plugin.host.{FAMILY}.tools').test()
