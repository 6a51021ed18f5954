"""End to end on a tiny generated dataset: distributed training (2 gloo processes on CPU) and testing of
the three variants through tools/dist_train.sh and tools/dist_test.sh, plain tools/train.py, and the
quickstart and export tools."""
import glob
import json
import os.path as osp
import sys

import mmcv
import numpy as np
import pytest

from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from conftest import ROOT, TINY, check_training_run, run_tool as run


@pytest.mark.every_stack
@pytest.mark.parametrize('variant', ['raw_kp', 'grayscale'])
def test_dist_train_and_test_two_cpu_processes(variant, workdir):
    config = osp.join(ROOT, 'configs', variant, 'synthetic.py')
    work_dir = str(workdir / f'{variant}_dist')
    out = run(['bash', osp.join(ROOT, 'tools', 'dist_train.sh'), config, '2', '--work-dir', work_dir,
               '--validate', '--seed', '0', '--cfg-options', *TINY], workdir).output
    check_training_run(work_dir)
    assert 'Epoch(val)' in out and 'f1_macro' in out
    scores = str(workdir / f'{variant}_scores.pkl')
    out = run(['bash', osp.join(ROOT, 'tools', 'dist_test.sh'), config, osp.join(work_dir, 'latest.pth'), '2',
               '--out', scores, '--eval', 'top1', 'f1_macro', 'recall_macro'], workdir).output
    results = mmcv.load(scores)
    assert len(results) == 6 and all(np.isfinite(r).all() and r.shape == (6, ) for r in results)
    for name in ('top1', 'f1_macro', 'recall_macro'):
        value = float(out.split(f'{name}: ')[1].split()[0])
        assert 0 <= value <= 1


@pytest.mark.every_stack
def test_heatmap_baseline_one_iteration_and_test(workdir):
    config = osp.join(ROOT, 'configs', 'heatmap', 'synthetic.py')
    work_dir = str(workdir / 'heatmap')
    # One process, two clips: one iteration of PoseC3D on CPU.
    run([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir, '--cfg-options',
         *TINY, 'data.videos_per_gpu=2', 'data.train.dataset.split=test'], workdir)
    check_training_run(work_dir)
    steps = [step['type'] for step in mmcv.Config.fromfile(config).data.test.pipeline]
    out = run([sys.executable, osp.join(ROOT, 'tools', 'test.py'), config, osp.join(work_dir, 'latest.pth'),
               '--eval', 'top1', '--cfg-options', 'data.test.pipeline.0.num_clips=1',
               f'data.test.pipeline.{steps.index("GeneratePoseTarget")}.double=False'], workdir).output
    assert 0 <= float(out.split('top1: ')[1].split()[0]) <= 1


@pytest.mark.every_stack
def test_plain_train_resume_and_test_best(workdir):
    config = osp.join(ROOT, 'configs', 'raw_kp', 'synthetic.py')
    work_dir = str(workdir / 'raw_plain')
    run([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir, '--validate',
         '--test-best', '--test-last', '--seed', '0', '--cfg-options', *TINY, 'evaluation.save_best=top1'],
        workdir)
    check_training_run(work_dir)
    assert glob.glob(osp.join(work_dir, 'best_top1_epoch_1.pth'))
    assert osp.isfile(osp.join(work_dir, 'last_scores.pkl')) and osp.isfile(osp.join(work_dir, 'best_scores.pkl'))
    # A second run with more epochs resumes from the work dir's latest checkpoint.
    out = run([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir,
               '--cfg-options', *TINY[1:], 'total_epochs=2'], workdir).output
    assert 'resumed epoch 1' in out
    assert osp.isfile(osp.join(work_dir, 'epoch_2.pth'))


def test_train_with_the_batched_path_and_scaled_lr(workdir):
    """The one-GPU settings of configs/raw_kp/penn_action_gpu.py on the synthetic data, on CPU: flip, normalize,
    affine and pack batched in the model (training and --test-last; validation per-sample), the lr scaled to
    the batch, a loader worker kept alive with 4 batches in flight."""
    config = osp.join(ROOT, 'configs', 'raw_kp', 'synthetic.py')
    work_dir = str(workdir / 'raw_batched')
    out = run([sys.executable, osp.join(ROOT, 'tools', 'train.py'), config, '--work-dir', work_dir, '--validate',
               '--test-last', '--seed', '0', '--cfg-options', *TINY, 'device_pipeline=True',
               'auto_scale_lr.enable=True', 'data.workers_per_gpu=1', 'data.persistent_workers=True',
               'data.train_dataloader.prefetch_factor=4'], workdir).output
    check_training_run(work_dir)
    assert 'auto_scale_lr: lr 0.1 for a total batch of 32 -> 0.009375 for 3' in out
    assert "type='PadKeypointPersons'" in out and 'batch_pipeline' in out
    assert 0 <= float(out.split('Testing the last checkpoint: top1: ')[1].split(',')[0]) <= 1
    assert len(mmcv.load(osp.join(work_dir, 'last_scores.pkl'))) == 6


def test_compare_variants_fuses_streams(workdir):
    # The generated dataset stands in for Penn Action, the dataset that has stream configs (15 classes).
    dataset = make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=1, seed=1)
    dataset['classes'] += [f'unused_{i}' for i in range(15 - len(dataset['classes']))]
    dump_annotations(dataset, str(workdir / 'data' / 'penn_action' / 'penn_action.pkl'))
    tool, out_dir = osp.join(ROOT, 'tools', 'compare_variants.py'), workdir / 'compare'
    run([sys.executable, tool, 'penn_action', '--variants', 'raw_kp', '--streams', 'joint', 'bone',
         # Penn Action's epoch floor (6000 clips) would make the 6 clips 2000 steps.
         '--work-dir', str(out_dir), '--cfg-options', *TINY, 'data.train.min_samples=0'], workdir)
    rows = json.load(open(out_dir / 'comparison.json'))
    assert list(rows) == ['raw_kp', 'raw_kp_joint', 'raw_kp_bone', 'streams_fused']
    assert rows['streams_fused']['cost']['params'] == 2 * rows['raw_kp_joint']['cost']['params']
    assert all(0 <= row['top1_multiclip'] <= 1 for row in rows.values())
    assert '| streams_fused |' in open(out_dir / 'comparison.md').read()
    assert osp.isfile(out_dir / 'reports' / 'streams_fused_multiclip.md')


def test_generalization_reports_training_and_test_accuracy_over_seeds(workdir):
    tool, out_dir = osp.join(ROOT, 'tools', 'generalization.py'), workdir / 'generalization'
    args = [sys.executable, tool, '--configs', 'raw_kp/synthetic.py', '--one-seed-configs', '--seeds', '0', '1',
            '--work-dir', str(out_dir), '--cfg-options', *TINY]
    run(args, workdir)
    row = json.load(open(out_dir / 'generalization.json'))['raw_kp/synthetic.py']
    assert row['seeds'] == [0, 1] and len(row['runs']) == 2
    for key in ('train_top1', 'test_top1', 'test_f1_macro'):
        mean, std = row['summary'][key]
        values = [100 * run[key.split('_', 1)[0]][key.split('_', 1)[1]] for run in row['runs']]
        assert mean == pytest.approx(np.mean(values)) and std == pytest.approx(np.std(values, ddof=1))
    # Training accuracy is measured on the 6 training clips, with the test pipeline.
    assert len(mmcv.load(out_dir / 'raw_kp' / 'synthetic' / 'seed1' / 'scores_train.pkl')) == 6
    assert '| raw_kp/synthetic.py | 2 |' in open(out_dir / 'generalization.md').read()
    # --reuse reads the finished runs instead of training again.
    out = run(args + ['--reuse'], workdir).output
    assert 'train.py' not in out and json.load(open(out_dir / 'generalization.json'))['raw_kp/synthetic.py'] == row


def test_compare_variants_checks_every_config_first(workdir):
    proc = run(['compare_variants.py', 'synthetic', '--variants', 'raw_kp', '--streams', 'joint', 'bone',
                '--work-dir', 'unused'], workdir, timeout=300, check=False)
    assert proc.returncode != 0 and "no bundled config 'raw_kp/synthetic_joint.py'" in proc.stderr
    assert not osp.exists(workdir / 'unused')
