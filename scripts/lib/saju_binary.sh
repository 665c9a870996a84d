# shellcheck shell=bash
# The saju binary a packaging script works on. Source it, then:
#
#   saju_binary NAME GIVEN CANDIDATE...   # sets FOUND_BINARY and FOUND_VERSION ("0.1.0"); exits naming NAME if none works
#
# GIVEN is the --binary the user passed (may be empty); otherwise the first executable CANDIDATE is taken.

# shellcheck disable=SC2034  # both are read by the sourcing script
FOUND_BINARY=""
FOUND_VERSION=""

saju_binary() {
    local name="$1" binary="$2" candidate version
    shift 2
    if [ -z "$binary" ]; then
        for candidate in "$@"; do
            if [ -x "$candidate" ]; then binary="$candidate"; break; fi
        done
    fi
    if [ -z "$binary" ] || [ ! -x "$binary" ]; then
        echo "$name: no saju binary found; build one with 'cargo build --release' or pass --binary PATH" >&2
        exit 1
    fi
    if ! version="$("$binary" --version 2>/dev/null)" || [ "${version#saju }" = "$version" ]; then
        echo "$name: $binary is not a working saju binary" >&2
        exit 1
    fi
    FOUND_BINARY="$binary"
    FOUND_VERSION="${version#saju }"
}
