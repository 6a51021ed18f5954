"""The cost benchmark: its helpers on hand-computed cases, and tools/benchmark.py end to end on a tiny
generated dataset with --quick (no timing assertions: timings only have to be finite and positive)."""
import json
import math
import os.path as osp

import mmcv
import numpy as np
import pytest
from mmcv import Config

from conftest import ROOT, run_tool, write_synthetic_data
from keypoint_plugin.apis.cost import config_cost
from keypoint_plugin.benchmark import (add_ratios, align_config, config_name, data_settings,
                                       read_accuracy, select_samples, stgcn_config, timed_repeats,
                                       train_batch_size, two_person)
from keypoint_plugin.data import make_synthetic_dataset
from keypoint_plugin.pipelines.sample import SAMPLERS

FIELDS = ('params', 'gmacs_per_clip', 'gmacs_per_train_clip', 'gmacs_per_test_sample', 'input_bytes_per_clip',
          'pipeline_ms_per_clip_train', 'pipeline_ms_per_clip_test', 'train_clips_per_s', 'test_ms_per_sample',
          'peak_rss_mb')
VARIANTS = ('heatmap', 'grayscale', 'raw_kp')
# Bytes of one float32 test clip: [17 heatmaps, 48, 64, 64], [1, 48, 32, 32] and [x y score, 48, 17 joints, 2].
INPUT_BYTES = dict(heatmap=17 * 48 * 64 * 64 * 4, grayscale=32 * 32 * 32 * 4, raw_kp=5 * 48 * 17 * 2 * 4)


def synthetic_config(variant):
    return osp.join(ROOT, 'configs', variant, 'synthetic.py')


@pytest.fixture(scope='module')
def tiny():
    return make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=1, seed=1)


@pytest.fixture(scope='module')
def quick_run(tmp_path_factory):
    """tools/benchmark.py --quick with its default configs, in a folder holding the synthetic configs' data."""
    path = tmp_path_factory.mktemp('benchmark')
    write_synthetic_data(path)
    mmcv.dump(dict(top1=0.25, top5=0.5), str(path / 'heatmap_report.json'))
    proc = run_tool(['benchmark.py', '--dataset', 'synthetic', '--quick', '--device', 'cpu', '--threads', '1',
                     '--out-dir', 'out', '--accuracy', 'raw_kp/synthetic=0.5', 'heatmap/synthetic=heatmap_report.json'],
                    path, timeout=600)
    with open(path / 'out' / 'benchmark.json') as f:
        return path / 'out', json.load(f), proc.stdout


def test_quick_run_measures_every_config(quick_run):
    out_dir, result, stdout = quick_run
    entries = result['configs']
    names = [e['name'] for e in entries]
    assert names[:3] == [f'{variant}/synthetic' for variant in VARIANTS]
    assert len(entries) == (4 if stgcn_config() else 3)
    for entry in entries:
        for key in FIELDS:
            assert math.isfinite(entry[key]) and entry[key] > 0, (entry['name'], key, entry[key])
        assert set(entry['ratios']) >= set(FIELDS)
        assert all(math.isfinite(r) and r > 0 for r in entry['ratios'].values())
        assert entry['gmacs_per_test_sample'] == pytest.approx(entry['gmacs_per_clip'] *
                                                               entry['clips_per_test_sample'])
        assert entry['train_batch'] == 2 and entry['train_iterations'] == 1
        assert entry['device'] == 'cpu' and entry['torch_threads'] == 1
        assert all(len(values) == 1 for values in entry['per_repeat'].values())  # --quick: one repeat
    for entry, variant in zip(entries, VARIANTS):
        assert entry['input_bytes_per_clip'] == INPUT_BYTES[variant]
        cfg = Config.fromfile(synthetic_config(variant))
        sampler = next(step for step in cfg.data.test.pipeline if step['type'] in SAMPLERS)
        assert entry['clips_per_test_sample'] == 2 * sampler['num_clips']  # the clips and their flipped copies
    # Ratios against the heatmap baseline: first / this for costs, this / first for throughput.
    heatmap, raw = entries[0], entries[2]
    assert all(r == pytest.approx(1) for r in heatmap['ratios'].values())
    assert raw['ratios']['gmacs_per_clip'] == pytest.approx(heatmap['gmacs_per_clip'] / raw['gmacs_per_clip'])
    assert raw['ratios']['train_clips_per_s'] == pytest.approx(raw['train_clips_per_s'] /
                                                               heatmap['train_clips_per_s'])
    assert heatmap['gmacs_per_train_clip'] < heatmap['gmacs_per_clip']  # 56x56 training, 64x64 test crops
    assert heatmap['top1'] == 0.25 and raw['top1'] == 0.5 and 'top1' not in entries[1]
    assert osp.getsize(out_dir / 'accuracy_vs_gmacs.png') > 0
    assert result['settings']['ann_file'] == 'data/synthetic/synthetic.pkl'
    assert result['settings']['num_classes'] == 6
    report = (out_dir / 'benchmark.md').read_text()
    assert '## Ratios to heatmap/synthetic' in report and 'raw_kp/synthetic' in report
    assert report in stdout


@pytest.mark.skipif(stgcn_config() is None, reason='the host ships no ST-GCN config')
def test_quick_run_stgcn_reads_the_same_data(quick_run):
    entry = quick_run[1]['configs'][3]
    assert entry['name'] == config_name(stgcn_config())
    if 'stgcn_80e' in entry['name']:
        # MMAction2's ST-GCN: one 300-frame clip [x y score, T, 17 joints, 2 persons] per sample.
        assert entry['clip_shape'] == [3, 300, 17, 2] and entry['clips_per_test_sample'] == 1
        assert entry['input_bytes_per_clip'] == 3 * 300 * 17 * 2 * 4


def test_quick_run_pipeline_same_size(quick_run):
    table = quick_run[1]['pipeline_same_size']
    assert table['clip_len'] == 48 and table['size'] == [56, 56]
    assert [(r['persons'], r['variant']) for r in table['rows']] == [
        (m, v) for m in (1, 2) for v in ('heatmap', 'grayscale', 'raw_kp')]
    for row in table['rows']:
        assert math.isfinite(row['ms_per_clip']) and row['ms_per_clip'] > 0
        heatmap = next(r for r in table['rows'] if r['persons'] == row['persons'] and r['variant'] == 'heatmap')
        assert row['ratio'] == pytest.approx(heatmap['ms_per_clip'] / row['ms_per_clip'])


THROUGHPUT_FIELDS = ('loader_ms_per_clip', 'train_clips_per_s', 'train_ms_per_iteration', 'test_latency_ms', 'test_samples_per_s')


def test_throughput_section_on_cpu(tmp_path):
    """tools/benchmark.py --throughput (the GPU section) on the CPU: the raw config with the per-sample and with
    the batched pipeline, a few iterations, with the config options the GPU script measures and a profile."""
    write_synthetic_data(tmp_path)
    run_tool(['benchmark.py', '--throughput', synthetic_config('raw_kp'), '--quick', '--device', 'cpu', '--threads',
              '1', '--iterations', '4', '--out-dir', 'out', '--profile', '2', '--cfg-options',
              'fp16.loss_scale=dynamic', 'channels_last=True'], tmp_path, timeout=600)
    result = json.loads((tmp_path / 'out' / 'throughput.json').read_text())
    entries = result['configs']
    assert [e['name'] for e in entries] == ['raw_kp/synthetic (per-sample)', 'raw_kp/synthetic (batched)']
    for entry in entries:
        for key in THROUGHPUT_FIELDS:
            assert math.isfinite(entry[key]) and entry[key] > 0, (entry['name'], key, entry[key])
        assert entry['train_iterations'] == 4 and entry['train_batch'] == 2 and entry['test_batch'] == 2
        assert entry['device'] == 'cpu' and entry['device_name'].startswith('CPU (')
        assert 'peak_train_mb' not in entry  # GPU memory: CUDA only
        profile = entry['profile']
        assert profile['steps'] == 2 and 0 < profile['device_ms_per_step'] and 0 < profile['wall_ms_per_step']
        assert entry['profile_device_busy'] == profile['device_busy'] and 'aten::' in profile['table']
        assert entry['precision'] == 'float16' and entry['channels_last'] is True  # the options reached the run
    assert result['settings']['cfg_options'] == {'fp16.loss_scale': 'dynamic', 'channels_last': True}
    report = (tmp_path / 'out' / 'throughput.md').read_text()
    assert report.startswith('## Throughput on CPU (') and report in proc.stdout
    assert 'device busy in training (profile)' in report
    assert (tmp_path / 'out' / 'profile.md').read_text().count('training iterations (batch 2)') == 2


def test_schedule_estimate_times_one_epoch_of_generated_data(tmp_path):
    """tools/estimate_schedule.py: one pass over generated data of the given size (ids, classes, split as the
    config needs), the schedule extrapolated with the config's repeats and epochs."""
    from keypoint_plugin.benchmark import schedule_length, sized_annotations

    data = sized_annotations(50, 60, 'xsub_train', unique=20, num_frames=(20, 30))  # 2 clips of each of 10 actions
    assert len(data['annotations']) == len(set(data['split']['xsub_train'])) == 50
    assert {a['label'] for a in data['annotations']} == set(range(50))  # cycles through the 60 classes
    assert data['annotations'][20]['keypoint'] is data['annotations'][0]['keypoint']  # shared: a small pickle
    cfg = Config.fromfile(osp.join(ROOT, 'configs', 'raw_kp', 'ntu60_xsub.py'))
    assert schedule_length(cfg, 40091) == (10, 24)
    assert schedule_length(Config.fromfile(osp.join(ROOT, 'configs', 'raw_kp', 'penn_action.py')), 1258) == (5, 12)

    proc = run_tool(['estimate_schedule.py', osp.join(ROOT, 'configs', 'raw_kp', 'ntu60_xsub.py'), '--samples', '70',
                     '--unique', '10', '--device', 'cpu', '--workers', '0', '--out', 'estimate.json', '--cfg-options',
                     'data.videos_per_gpu=16'], tmp_path, timeout=600)
    result = json.loads((tmp_path / 'estimate.json').read_text())
    assert result['iterations'] == 4 and result['samples'] == 64 and result['batch_size'] == 16  # full batches
    assert (result['repeats'], result['epochs']) == (10, 24) and result['seconds'] > 0
    assert result['schedule_seconds'] == pytest.approx(result['seconds'] * 10 * 24)
    assert 'schedule 10 repeats x 24 epochs' in proc.stdout


def test_timed_repeats_medians_warmup_and_budget():
    calls = []
    durations = iter([9., 1., 2., 3., 4., 5., 6., 7.])

    def step():
        calls.append(1)
        return next(durations), 2

    # Warm-up 9 s uncounted; then repeats of two steps each: (1 + 2) / 4, (3 + 4) / 4, (5 + 6) / 4.
    result = timed_repeats(step, min_steps=2, repeats=3, warmup=1)
    assert result['values'] == [0.75, 1.75, 2.75] and result['median'] == 1.75
    assert result['repeats'] == 3 and result['units'] == 12 and len(calls) == 7

    # One 2-second step per repeat until a repeat reaches min_seconds = 3: 2 steps (4 s) per repeat; the
    # budget (5 s) stops after the second repeat.
    result = timed_repeats(lambda: (2., 1), repeats=10, warmup=0, min_seconds=3., budget_seconds=5.)
    assert result['values'] == [2., 2.] and result['units'] == 4


def test_add_ratios_directions():
    entries = add_ratios([dict(gmacs_per_clip=10., train_clips_per_s=2., params=100),
                          dict(gmacs_per_clip=0.5, train_clips_per_s=8., params=400)])
    assert entries[0]['ratios'] == dict(gmacs_per_clip=1., train_clips_per_s=1., params=1.)
    assert entries[1]['ratios'] == dict(gmacs_per_clip=20., train_clips_per_s=4., params=0.25)


def test_select_samples_spreads_over_the_list():
    items = [dict(i=i) for i in range(10)]
    assert [s['i'] for s in select_samples(items, 4)] == [0, 3, 6, 9]
    assert [s['i'] for s in select_samples(items, 20)] == list(range(10))
    with pytest.raises(ValueError, match='no annotations'):
        select_samples([], 3)


def test_two_person_mirrors_present_joints_only():
    keypoint = np.array([[[[10., 5.], [0., 0.]]]], dtype=np.float32)  # [M=1, T=1, V=2, 2]
    score = np.array([[[0.9, 0.]]], dtype=np.float32)
    sample = dict(keypoint=keypoint, keypoint_score=score, img_shape=(40, 100))
    out = two_person(sample)
    np.testing.assert_array_equal(out['keypoint'][1], [[[89., 5.], [0., 0.]]])  # x -> 100 - 1 - x
    np.testing.assert_array_equal(out['keypoint'][0], keypoint[0])
    np.testing.assert_array_equal(out['keypoint_score'], np.concatenate([score, score]))
    three = dict(sample, keypoint=np.repeat(keypoint, 3, 0), keypoint_score=np.repeat(score, 3, 0))
    assert two_person(three)['keypoint'].shape == (2, 1, 2, 2)


def test_train_batch_size():
    cfg = Config.fromfile(synthetic_config('raw_kp'))
    batch = cfg.data.videos_per_gpu
    assert train_batch_size(cfg, 15.63, 32.) == 2  # PoseC3D's 56x56 clip: 2 clips in 32 forward GMACs
    assert train_batch_size(cfg, 0.015, 32.) == batch
    assert train_batch_size(cfg, 100., 32.) == 1
    assert train_batch_size(cfg, 100.) == batch
    assert train_batch_size(cfg, 0.015, batch_size=5) == 5


def test_read_accuracy(tmp_path):
    assert read_accuracy('0.875') == 0.875
    mmcv.dump(dict(top1=0.5), str(tmp_path / 'a.json'))
    assert read_accuracy(str(tmp_path / 'a.json')) == 0.5
    mmcv.dump(dict(top5=0.5), str(tmp_path / 'b.json'))
    with pytest.raises(KeyError, match='top1'):
        read_accuracy(str(tmp_path / 'b.json'))
    with pytest.raises(ValueError, match='neither a number'):
        read_accuracy(str(tmp_path / 'missing.json'))


@pytest.mark.skipif(stgcn_config() is None, reason='the host ships no ST-GCN config')
def test_stgcn_aligned_to_our_data(tiny):
    reference = data_settings(Config.fromfile(synthetic_config('raw_kp')))
    assert reference == dict(ann_file='data/synthetic/synthetic.pkl', num_classes=6,
                             splits=dict(train='train', val='test', test='test'))
    cfg = Config.fromfile(stgcn_config())
    align_config(cfg, reference)
    assert data_settings(cfg) == reference
    cost = config_cost(cfg, tiny['annotations'][0])
    clips = next((step['num_clips'] for step in cfg.data.test.pipeline if 'num_clips' in step), 1)
    assert cost['clips_per_sample'] == clips and cost['params'] > 0 and cost['gmacs_per_clip'] > 0
    if 'stgcn_80e' in stgcn_config():
        assert cost['clip_shape'] == (3, 300, 17, 2)
