#!/usr/bin/env bash
# Installs the C libraries datacheck links against (Debian packages), only when missing.
# Runs apt-get as root, or through sudo otherwise.
set -euo pipefail

need=()
[ -f /usr/include/csv.h ] || need+=(libcsv-dev)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
# Parquet codecs: SNAPPY, ZSTD, LZ4_RAW, BROTLI (GZIP is zlib).
[ -f /usr/include/snappy-c.h ] || need+=(libsnappy-dev)
[ -f /usr/include/zstd.h ] || need+=(libzstd-dev)
[ -f /usr/include/lz4.h ] || need+=(liblz4-dev)
[ -f /usr/include/brotli/decode.h ] || need+=(libbrotli-dev)
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing ${need[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
