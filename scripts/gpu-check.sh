#!/usr/bin/env bash
# gpu-check: the one command for a day a machine with an NVIDIA GPU is at hand.
#
#   scripts/gpu-check.sh [OUT]        (OUT defaults to gpu-check/)
#
# On that machine it
#   1. records the GPU (nvidia-smi) and the CPU;
#   2. builds ebm against TensorFlow's CUDA build (mvn -Pgpu install) and runs the whole test suite
#      there — the GPU tests run instead of being skipped;
#   3. times the standard workloads (BENCHMARKS.md) on gpu:0 and, in the same session, on the CPU;
#   4. trains the first 1 000 steps of ncsn-fmnist's full setting (ConvNet of 32 filters, batch
#      128) on gpu:0, with its quality check at the end (needs Fashion-MNIST installed:
#      apt-get install dataset-fashion-mnist);
# and writes what it measured to OUT/summary.md, the full logs beside it. A step that fails is
# recorded as failed in the summary and the script goes on to the next one; it exits 1 if any did.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-gpu-check}" && cd "${1:-gpu-check}" && pwd)"
summary="$out/summary.md"
failed=0

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU here (nvidia-smi is missing or fails); run it on a machine with one" >&2
  exit 2
fi

step() { # step TITLE LOG COMMAND...: runs COMMAND into LOG, notes its time and status in the summary
  local title="$1" log="$2"
  shift 2
  local start=$SECONDS
  echo "gpu-check: $title (log: $log)" >&2
  if "$@" >"$log" 2>&1; then
    echo "- $title: ok in $((SECONDS - start)) s (\`$(basename "$log")\`)" >>"$summary"
  else
    echo "- $title: **failed** (status $?) after $((SECONDS - start)) s (\`$(basename "$log")\`)" >>"$summary"
    failed=1
  fi
}

{
  echo "# gpu-check, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo '```'
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
  grep -m1 'model name' /proc/cpuinfo
  echo "cores: $(nproc)"
  echo '```'
  echo
  echo "## Steps"
  echo
} >"$summary"

cd "$root"
step "build with -Pgpu and run the tests" "$out/build.log" mvn -B -Pgpu install
{
  echo
  echo "Tests (per module):"
  echo '```'
  grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$out/build.log" \
    | grep -v ' -- in ' || echo "no test summary in build.log"
  echo '```'
  echo
} >>"$summary"

export EBM_CLASSPATH="$root/ebm-experiments/target/ebm-experiments-0.1.0-SNAPSHOT.jar:$root/ebm-experiments/target/lib/*"
step "ebm bench on gpu:0" "$out/bench-gpu.txt" ./ebm bench --device gpu:0
step "ebm bench on the CPU" "$out/bench-cpu.txt" ./ebm bench
step "ncsn-fmnist, full setting, first 1 000 steps on gpu:0" "$out/ncsn-fmnist.log" \
  ./ebm reproduce ncsn-fmnist --set checkpoints=1000,device=gpu:0 --out "$out/ncsn-fmnist-1000"

{
  echo
  echo "## Benchmarks (steps/s; the two tables come from the same session)"
  for device in gpu cpu; do
    echo
    echo "### $device"
    echo
    echo '```'
    grep -v -E '^\{|^$' "$out/bench-$device.txt" || echo "no table in bench-$device.txt"
    echo '```'
  done
  echo
  echo "## ncsn-fmnist, 1 000 steps on gpu:0"
  echo
  if [ -f "$out/ncsn-fmnist-1000/report.md" ]; then
    sed -n '/^| finding/,/^$/p' "$out/ncsn-fmnist-1000/report.md"
    grep -E '^\*\*Time' "$out/ncsn-fmnist-1000/report.md"
  else
    echo "no report (see ncsn-fmnist.log)"
  fi
} >>"$summary"

echo "gpu-check: summary in $summary" >&2
exit $failed
