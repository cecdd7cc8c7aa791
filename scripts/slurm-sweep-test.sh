#!/usr/bin/env bash
# The sweep layer against a real Slurm: a one-node cluster on this machine (slurmctld, slurmd and munge, bound to
# localhost, configured and started here under a temporary folder, stopped on exit), then
#   1. GCN's Table 2 seeds on Cora through --backend slurm, with one array task killed mid-run and requeued
#      (scontrol requeue): it must start again on its shard and resume it;
#   2. a small Q-Prop grid (HalfCheetah × qprop-c, trpo × 2 seeds, quick budget) through --backend slurm, submitted
#      with --no-wait, one task killed mid-run and requeued, then merged with the merge verb;
#   3. both grids again through --backend local, and as single-process runs (the paper's own command);
# and compares the three: table*.csv byte for byte, runs.csv and curves.csv byte for byte once the wall-clock
# columns (seconds, *_seconds, seconds_per_*, *_per_second) are dropped. Exit 0 when all agree.
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
    # Jobs first, so that no task outlives its slurmd; then the daemons, slurmctld last of all.
    [ -n "${SLURM_CONF:-}" ] && scancel --full --user="$(id -un)" 2>/dev/null && sleep 2
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
    exit "$status"
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

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

# Kills task <index> of the sweep in <folder> where it stands (SIGKILL: no checkpoint on the way out), waits for
# Slurm to see it fail, and requeues it, eligible at once (a requeued job otherwise waits about two minutes).
kill_and_requeue() {
    local folder="$1" index="$2" job pid
    job="$(sed -nE 's/.*"slurm_job": "([0-9]+)".*/\1/p' "$folder/plan.json")"
    pid="$(pgrep -f "shard $folder $index\$" | head -1)"
    [ -n "$pid" ] || { say "task $index of $folder is not running"; exit 1; }
    say "killing task $index (job ${job}_$index, pid $pid) mid-run"
    kill -9 "$pid"
    for _ in $(seq 60); do
        scontrol show job "${job}_$index" | grep -q 'JobState=RUNNING' || break
        sleep 1
    done
    scontrol requeue "${job}_$index"
    scontrol update jobid="${job}_$index" starttime=now
}

# Waits until <file> exists, or fails after <seconds>.
wait_for() {
    for _ in $(seq $(($2 * 2))); do compgen -G "$1" >/dev/null && return; sleep 0.5; done
    say "no $1 after $2 s"; exit 1
}

# The killed task must have run twice and resumed the second time.
check_resumed() {
    local log="$1/logs/$2.out"
    grep -q "attempt 2" "$log" && grep -q "resuming its shard" "$log" || { say "task $2 was not resumed:"; cat "$log" >&2; exit 1; }
    say "task $2 resumed: $(grep -E '^resuming' "$log" | tr '\n' ';')"
}

# table*.csv byte for byte; runs.csv and curves.csv without their wall-clock columns.
compare() {
    /usr/bin/python3 - "$@" <<'PY'
import csv, filecmp, glob, os, re, sys
reference, others = sys.argv[1], sys.argv[2:]
clock = re.compile(r"seconds?(_|$)")   # seconds, *_seconds, seconds_per_*, *_per_second: wall-clock columns
def timeless(path):
    rows = list(csv.reader(open(path, newline="")))
    keep = [i for i, name in enumerate(rows[0]) if not clock.search(name)]
    return [[row[i] for i in keep] for row in rows], [rows[0][i] for i in range(len(rows[0])) if i not in keep]
tables = sorted(os.path.basename(p) for p in glob.glob(os.path.join(reference, "table*.csv")))
ok = bool(tables)
for other in others:
    for name in tables:
        same = filecmp.cmp(os.path.join(reference, name), os.path.join(other, name), shallow=False)
        ok &= same
        print(f"{'identical' if same else 'DIFFERENT'}: {name} of {other} and {reference} (byte for byte)")
    for name in ("runs.csv", "curves.csv"):
        (a, dropped), (b, _) = timeless(os.path.join(reference, name)), timeless(os.path.join(other, name))
        ok &= a == b
        kept = f"without {', '.join(dropped)}" if dropped else "no wall-clock column"
        print(f"{'identical' if a == b else 'DIFFERENT'}: {name} of {other} and {reference} ({len(a) - 1} rows; {kept})")
sys.exit(0 if ok else 1)
PY
}

install
start_cluster
if [ "${CLUSTER_ONLY:-0}" = 1 ]; then say "SLURM_CONF=$SLURM_CONF; Ctrl+C stops the cluster"; sleep infinity & wait $!; fi

say "building GCN and Q-Prop"
for project in papers/gcn papers/q-prop; do
    dotnet build "$project" -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
gcn=papers/gcn/bin/Debug/net10.0/Gcn
qprop=papers/q-prop/bin/Debug/net10.0/QProp

# GCN, Table 2: the Planetoid split over $seeds seeds and two random splits, on Cora and CiteSeer (PubMed's files are
# not all here); one task per dataset and seed.
gcn_flags=(--datasets cora,citeseer --seeds "$seeds" --random-splits 2)
say "GCN through --backend slurm: ${gcn_flags[*]}"
"$gcn" sweep --backend slurm --no-wait --sweep-dir "$work/gcn/sweep" "${gcn_flags[@]}" --out "$work/gcn/slurm"
wait_for "$work/gcn/sweep/shards/0/checkpoints/runs.csv" 300
kill_and_requeue "$work/gcn/sweep" 0
"$gcn" merge --sweep-dir "$work/gcn/sweep" > "$work/gcn/merge.log"
check_resumed "$work/gcn/sweep" 0

# Q-Prop: HalfCheetah × {Q-Prop (conservative), TRPO} × 2 seeds at a small budget, a checkpoint every iteration.
qprop_flags=(--quick --seeds 2 --steps 12000 --checkpoint-every 1)
say "Q-Prop through --backend slurm: ${qprop_flags[*]}"
"$qprop" sweep --backend slurm --no-wait --sweep-dir "$work/qprop/sweep" "${qprop_flags[@]}" --out "$work/qprop/slurm"
wait_for "$work/qprop/sweep/shards/1/checkpoints/*.safetensors" 300
sleep 2
kill_and_requeue "$work/qprop/sweep" 1
"$qprop" merge --sweep-dir "$work/qprop/sweep" > "$work/qprop/merge.log"
check_resumed "$work/qprop/sweep" 1

say "the same grids through --backend local (2 at a time), and as single processes"
"$gcn" sweep --backend local --jobs 2 --sweep-dir "$work/gcn/local-sweep" "${gcn_flags[@]}" --out "$work/gcn/local" > "$work/gcn/local.log"
"$gcn" "${gcn_flags[@]}" --out "$work/gcn/single" > "$work/gcn/single.log"
"$qprop" sweep --backend local --jobs 2 --sweep-dir "$work/qprop/local-sweep" "${qprop_flags[@]}" --out "$work/qprop/local" > "$work/qprop/local.log"
"$qprop" "${qprop_flags[@]}" --out "$work/qprop/single" > "$work/qprop/single.log"

compare "$work/gcn/single" "$work/gcn/slurm" "$work/gcn/local"
compare "$work/qprop/single" "$work/qprop/slurm" "$work/qprop/local"
say "passed"
