#!/usr/bin/env bash
# The sweep layer against a real Slurm: a one-node cluster on this machine (slurmctld, slurmd and munge, bound to
# localhost, configured and started here under a temporary folder, stopped on exit), then
#   1. GCN's Table 2 seeds on Cora through --backend slurm, with one array task killed mid-run and requeued
#      (scontrol requeue): it must start again on its shard and resume it;
#   2. a small Q-Prop grid (HalfCheetah × qprop-c, trpo × 2 seeds, quick budget) through --backend slurm, submitted
#      with --no-wait, one task killed mid-run and requeued, then merged with the merge verb;
#   3. both grids again through --backend local, and as single-process runs (the paper's own command);
# and compares the three: table*.csv byte for byte, runs.csv and curves.csv byte for byte once the wall-clock
# columns (seconds, *_seconds, *_per_second) are dropped. Exit 0 when all agree.
#
#   scripts/slurm-sweep-test.sh [--seeds N]     (root, or sudo; installs slurm-wlm and munge from Debian if missing)
#
# Everything it writes lies under one temporary folder, removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=4
while [ $# -gt 0 ]; do
    case "$1" in
        --seeds) seeds="$2"; shift 2 ;;
        *) echo "usage: scripts/slurm-sweep-test.sh [--seeds N]" >&2; exit 2 ;;
    esac
done
say() { printf '[slurm-test] %s\n' "$*" >&2; }
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo

work="$(mktemp -d -t slurm-sweep-XXXXXX)"
cluster="$work/cluster"
pids=()
stop() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
    exit "$status"
}
trap stop EXIT

install() {
    command -v slurmctld >/dev/null && command -v munged >/dev/null && return
    say "installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive TMPDIR=/var/tmp $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
        --no-install-recommends slurm-wlm munge >/dev/null
}

# A one-node cluster: node "localhost" with this machine's cores, one partition, requeue allowed, no accounting,
# no cgroups; state, spool, logs, key and sockets all under $cluster.
start_cluster() {
    mkdir -p "$cluster"/{state,spool,log}
    mungekey --create --keyfile "$cluster/munge.key" --force 2>/dev/null || dd if=/dev/urandom of="$cluster/munge.key" bs=1024 count=1 status=none
    chmod 600 "$cluster/munge.key"
    munged --key-file="$cluster/munge.key" --socket="$cluster/munge.socket" --pid-file="$cluster/munged.pid" \
        --log-file="$cluster/log/munged.log" --seed-file="$cluster/munge.seed" --force
    pids+=("$(cat "$cluster/munged.pid")")
    local user; user="$(id -un)"
    cat > "$cluster/slurm.conf" <<CONF
ClusterName=sweeptest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$((17000 + RANDOM % 1000))
SlurmdPort=$((18000 + RANDOM % 1000))
SlurmUser=$user
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$cluster/munge.socket
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
JobRequeue=1
MinJobAge=600
KillWait=10
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$cluster/slurm.conf"
    slurmctld -i
    slurmd -N localhost
    for _ in $(seq 100); do [ -s "$cluster/slurmctld.pid" ] && [ -s "$cluster/slurmd.pid" ] && break; sleep 0.2; done
    pids+=("$(cat "$cluster/slurmd.pid")" "$(cat "$cluster/slurmctld.pid")")
    for _ in $(seq 60); do
        sinfo --noheader --format=%t 2>/dev/null | grep -Eq '^(idle|mix|alloc)' && { say "cluster up: $(sinfo --noheader --format='%P %D %t %c' )"; return; }
        sleep 1
    done
    say "the node did not come up:"; sinfo >&2 || true; tail -20 "$cluster/log/slurmctld.log" "$cluster/log/slurmd.log" >&2; exit 1
}

install
start_cluster
if [ "${1:-}" = "" ] && [ "${CLUSTER_ONLY:-0}" = 1 ]; then say "SLURM_CONF=$SLURM_CONF; press Ctrl+C to stop"; sleep infinity; fi
