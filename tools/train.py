"""Train a recognizer: ``python tools/train.py CONFIG [args]`` (one process, GPU or CPU) or through
``tools/dist_train.sh`` (torchrun: NCCL on GPUs, gloo on CPU).

The installed host decides the config family and the arguments: on pyskl and MMAction2 0.x, ``configs/`` with
pyskl's arguments (``keypoint_plugin/runners/mmcv1/tools.py``); on MMAction2 1.x, ``configs/mmaction1x/`` with
MMAction2 1.x's (``keypoint_plugin/runners/mmengine/tools.py``). ``--help`` lists them.
"""
from keypoint_plugin.runners import train

if __name__ == '__main__':
    train()
