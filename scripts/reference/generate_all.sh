#!/usr/bin/env bash
# Regenerate every reference file in tests/data/ from scratch.
#   scripts/reference/generate_all.sh            # creates scripts/reference/.venv with the pinned packages
#   REF_PYTHON=python3 scripts/reference/generate_all.sh   # use an existing interpreter as is (no install)
# Needs python 3.11 and access to PyPI (for the venv).  No other network access:
# skyfield loads de421.bsp from the skyfield-data wheel and uses its builtin ΔT tables.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
mkdir -p "$repo/tests/data"

if [[ -z "${REF_PYTHON:-}" ]]; then
  venv="$here/.venv"
  if [[ ! -x "$venv/bin/python" ]]; then
    "${PYTHON:-python3.11}" -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  REF_PYTHON="$venv/bin/python"
fi
"$REF_PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
  || echo "warning: not python 3.11; output should still be identical" >&2

export PYTHONHASHSEED=0
cd "$repo"
for s in gen_solar_terms_skyfield gen_delta_t gen_solar_terms_sxtwl gen_korean_lunar_months \
         gen_lunar_kr_cn_diff gen_new_moons_skyfield gen_local_time_edges gen_pillars gen_daeun; do
  echo "== $s"
  "$REF_PYTHON" "$here/$s.py"
done
echo "== check_sanity"
"$REF_PYTHON" "$here/check_sanity.py"
( cd "$repo/tests/data" && sha256sum solar_terms_skyfield.csv delta_t.csv solar_terms_sxtwl.csv \
    korean_lunar_months.csv lunar_kr_cn_diff.csv new_moons_skyfield.csv seoul_local_time_edges.csv \
    seoul_offsets.csv pillars.jsonl pillars_skipped.csv daeun.jsonl )
