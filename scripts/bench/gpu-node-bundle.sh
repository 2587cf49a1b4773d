#!/usr/bin/env bash
# Bundles scripts/bench/gpu-node.ts into one ES module for a machine with a GPU but no Node toolchain
# (see that file's header). Usage: bash scripts/bench/gpu-node-bundle.sh [OUTFILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-.devbench/gpu-node.mjs}"
# tfjs's Node build calls require() and reads __dirname: an ES module bundle must define both.
BANNER="import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
npx esbuild scripts/bench/gpu-node.ts --bundle --platform=node --format=esm --conditions=react-server "--banner:js=$BANNER" --outfile="$OUT" --log-level=warning
echo "$OUT"
