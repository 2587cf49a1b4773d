#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, with .devbench/ carried there (made by
# `bash scripts/bench/gpu-node-bundle.sh --carry`) and, when the machine has no Vulkan loader, the
# loader's .deb files in .gl/. Unpacks Node and Dawn, then runs the benchmark with a time limit
# (default 480 s); its output goes to stdout and to gpu-node.log in $OUT (where set) or .devbench/.
# `gpu-device-run.sh SECONDS eval FLAGS…` runs the evaluation harness on webgpu instead (eval.log).
set -o pipefail
cd "$(dirname "$0")/.."
if compgen -G ".gl/*.deb" >/dev/null; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$ICD" ] && export VK_DRIVER_FILES="$ICD"
cd .devbench
python3 -c "import lzma,shutil; [shutil.copyfileobj(lzma.open(a), open(b,'wb')) for a,b in [('node.xz','node'),('dawn.node.xz','webgpu/dist/linux-x64/dawn.node')]]"
chmod +x node
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || true
echo "node $(./node --version), $(nproc) cores"
if [ "${2:-}" = eval ]; then
  # The evaluation harness on the GPU: reports and the model cache under $OUT (or .devbench/).
  timeout "${1:-480}" ./node eval.mjs --backend webgpu --webgpu webgpu/index.js --out "${OUT:-.}/experiments" --cache "${OUT:-.}/cache" "${@:3}" 2>&1 |
    grep -v "^    at " | tee "${OUT:-.}/eval.log"
else
  timeout "${1:-480}" ./node gpu-node.mjs --webgpu webgpu/index.js --wasm tfjs/ --no-dtw "${@:2}" 2>&1 | grep -v "^    at " | tee "${OUT:-.}/gpu-node.log"
fi
