"""Test a checkpoint: ``python tools/test.py CONFIG CHECKPOINT [args]`` (one process, GPU or CPU) or through
``tools/dist_test.sh``.

The installed host decides the config family and the arguments: on pyskl and MMAction2 0.x, ``configs/`` with
pyskl's arguments (``-C CHECKPOINT``, ``--out scores.pkl``, ``--eval top1 f1_macro``;
``keypoint_plugin/runners/mmcv1/tools.py``); on MMAction2 1.x, ``configs/mmaction1x/`` with MMAction2 1.x's
(``--dump results.pkl``, ``--work-dir``; ``keypoint_plugin/runners/mmengine/tools.py``). ``--help`` lists them.
"""
from keypoint_plugin.runners import test

if __name__ == '__main__':
    test()
