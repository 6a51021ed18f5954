#!/usr/bin/env bash
# The GPU figures of docs/benchmark.md, measured unattended on one GPU, in two parts that each fit a short GPU
# session:
#
#   bash tools/measure_gpu.sh OUT_DIR speed         # about 10 min on one H100 (estimated: not yet run on one)
#   bash tools/measure_gpu.sh OUT_DIR heatmap_row   # about 10 min (estimated): PoseC3D trained, tested on Penn Action
#   bash tools/measure_gpu.sh OUT_DIR gcn_row       # the host's graph network, full schedule (not yet run on a GPU)
#   bash tools/measure_gpu.sh OUT_DIR               # all three
#
# speed: (1) the throughput table of the Penn Action configs (tools/benchmark.py --throughput: training clips/s,
# test latency and throughput, peak memory; raw keypoints with the per-sample and the batched pipeline), each
# config's training profiled; (2) the heatmap baseline again with the cuDNN autotuner in float16, float16 with
# channels-last inputs, and float32 with channels-last inputs, against (1)'s float32 row; (3) the NTU60 X-Sub raw
# schedule extrapolated from one epoch of generated data (tools/estimate_schedule.py).
# heatmap_row: the heatmap baseline's Penn Action row (tools/compare_variants.py: 1 clip and 10 clips x 2 flips,
# macro F1, training time) with its config as it is (float32).
# gcn_row: the host's graph network (ST-GCN++ where MMAction2 1.x or pyskl is installed, ST-GCN on MMAction2 0.x) on
# Penn Action and NW-UCLA cross-view (tools/compare_variants.py --variants gcn --gcn-bone: joints, bones, fused), on
# the host's schedule of GCN_EPOCHS epochs (default 80: pyskl's 16 epochs of a 5x repeat, MMAction2's 80) in place of
# the dataset configs' short CPU schedules; GCN_DATASETS (default "penn_action nw_ucla") picks the datasets.
# mmcv 1.x configs (pyskl, MMAction2 0.x). Run it in the folder for data/ and work_dirs/; Penn Action's labels are
# converted to data/penn_action/penn_action.pkl when it is missing (PENN_ACTION_ROOT, else
# ../shared/data/penn_action beside the repository), NW-UCLA's to data/nw_ucla/nw_ucla_3d.pkl (NW_UCLA_ROOT, else
# ../shared/data/nw_ucla). WORKERS: loader workers (default 14, for a 16-core machine).
set -euo pipefail
OUT=${1:?usage: bash tools/measure_gpu.sh OUT_DIR [speed|heatmap_row]}
PART=${2:-all}
WORKERS=${WORKERS:-14}
TOOLS=$(dirname "$0")
CONFIGS=$(dirname "$TOOLS")/configs
case $PART in
    speed|heatmap_row|gcn_row|all) ;;
    *) echo "unknown part '$PART': speed, heatmap_row, gcn_row, or none for all three" >&2; exit 2;;
esac
mkdir -p "$OUT"
ANNOTATIONS=data/penn_action/penn_action.pkl
if [[ ! -f $ANNOTATIONS ]]; then
    LABELS=${PENN_ACTION_ROOT:-$(dirname "$TOOLS")/../shared/data/penn_action}
    [[ -d $LABELS/labels ]] && LABELS=$LABELS/labels
    python "$TOOLS/data/penn_action.py" "$LABELS" "$ANNOTATIONS"
fi

if [[ $PART == speed || $PART == all ]]; then
    python "$TOOLS/benchmark.py" --throughput --dataset penn_action --workers "$WORKERS" --profile 20 \
        --out-dir "$OUT/throughput"
    for setting in fp16 fp16_channels_last fp32_channels_last; do
        options=(cudnn_benchmark=True)
        [[ $setting == fp16* ]] && options+=(fp16.loss_scale=dynamic)
        [[ $setting == *channels_last ]] && options+=(channels_last=True)
        python "$TOOLS/benchmark.py" --throughput "$CONFIGS/heatmap/penn_action.py" --workers "$WORKERS" \
            --profile 20 --out-dir "$OUT/heatmap_$setting" --cfg-options "${options[@]}"
    done
    python "$TOOLS/estimate_schedule.py" "$CONFIGS/raw_kp/ntu60_xsub.py" --samples 40091 --device cuda \
        --workers "$WORKERS" --out "$OUT/ntu60_estimate.json" \
        --cfg-options device_pipeline=True data.videos_per_gpu=256 auto_scale_lr.enable=True
fi
if [[ $PART == heatmap_row || $PART == all ]]; then
    python "$TOOLS/compare_variants.py" penn_action --variants heatmap --work-dir "$OUT/heatmap_row" \
        --cfg-options data.workers_per_gpu="$WORKERS"
fi
if [[ $PART == gcn_row || $PART == all ]]; then
    EPOCHS=${GCN_EPOCHS:-80}
    if [[ $(python -c 'from keypoint_plugin.host import FAMILY; print(FAMILY)') == mmengine ]]; then
        schedule=(train_cfg.max_epochs="$EPOCHS" train_cfg.val_interval="$EPOCHS" param_scheduler.0.T_max="$EPOCHS")
    else
        schedule=(total_epochs="$EPOCHS" evaluation.interval="$EPOCHS")
    fi
    for dataset in ${GCN_DATASETS:-penn_action nw_ucla}; do
        if [[ $dataset == nw_ucla && ! -f data/nw_ucla/nw_ucla_3d.pkl ]]; then
            python "$TOOLS/data/nw_ucla.py" "${NW_UCLA_ROOT:-$(dirname "$TOOLS")/../shared/data/nw_ucla}" \
                data/nw_ucla/nw_ucla_3d.pkl
        fi
        python "$TOOLS/compare_variants.py" "$dataset" --variants gcn --gcn-bone --work-dir "$OUT/gcn_$dataset" \
            --cfg-options "${schedule[@]}"
    done
fi
echo "measure_gpu.sh: results under $OUT (throughput.md and profile.md per benchmark, ntu60_estimate.json," \
     "heatmap_row/comparison.md, gcn_<dataset>/comparison.md)"
