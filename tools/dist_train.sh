#!/usr/bin/env bash
# Usage: bash tools/dist_train.sh CONFIG GPUS [train.py args]
# GPUS processes on this node (NCCL on GPUs; without CUDA, GPUS CPU processes with gloo), on any host.
# Multi-node: set NNODES, NODE_RANK, MASTER_ADDR and PORT the same way on every node.
set -e
CONFIG=$1
GPUS=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
PORT=${PORT:-$((29500 + RANDOM % 1000))}
# The installed host's family picks the script: tools/train.py (pyskl, MMAction2 0.x) or tools/mmaction1x/
# (MMAction2 1.x, whose configs and arguments differ).
TOOLS="$(dirname "$0")"
FAMILY="$(python -c 'import keypoint_plugin.host as host; print(host.FAMILY)' 2>/dev/null || true)"
[ "$FAMILY" = mmengine ] && TOOLS="$TOOLS/mmaction1x"
python -m torch.distributed.run --nnodes="$NNODES" --node_rank="$NODE_RANK" --master_addr="$MASTER_ADDR" \
    --master_port="$PORT" --nproc_per_node="$GPUS" "$TOOLS/train.py" "$CONFIG" --launcher pytorch "${@:3}"
