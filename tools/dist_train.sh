#!/usr/bin/env bash
# Usage: bash tools/dist_train.sh CONFIG GPUS [train.py args]
# GPUS processes on this node (NCCL on GPUs; without CUDA, GPUS CPU processes with gloo), on any host; the
# installed host decides the config family and train.py's arguments (tools/train.py).
# Multi-node: set NNODES, NODE_RANK, MASTER_ADDR and PORT the same way on every node.
set -e
CONFIG=$1
GPUS=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
PORT=${PORT:-$((29500 + RANDOM % 1000))}
python -m torch.distributed.run --nnodes="$NNODES" --node_rank="$NODE_RANK" --master_addr="$MASTER_ADDR" \
    --master_port="$PORT" --nproc_per_node="$GPUS" "$(dirname "$0")/train.py" "$CONFIG" --launcher pytorch "${@:3}"
