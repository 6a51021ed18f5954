# mmaction1x: gcn/penn_action_bone -> gcn/penn_action -> _base_/gcn -> host GCN
# The bone stream of penn_action.py: LayoutJointToBone (each joint minus its parent in the config's layout, as the
# host's GenSkeFeat(feats=['b']) for the skeletons it names) after PoseDecode; for late fusion with
# tools/fuse_scores.py.
_base_ = ['./penn_action.py']
# After _base_: mmengine takes a config that starts with an import for its other, lazy-import format.
from keypoint_plugin.config_utils import bone_loaders  # noqa: E402

train_dataloader, val_dataloader, test_dataloader = bone_loaders('{{ fileDirname }}/penn_action.py')
work_dir = './work_dirs/mmaction1x/gcn/penn_action_bone'
