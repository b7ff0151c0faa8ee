#!/bin/sh
# Runs dexsim over every combination of the option values given.
#
#   scripts/sweep.sh --out FILE.csv [-j N] [--sshloginfile FILE] [dexsim options]
#
# Any option value may be a comma-separated list, and so may the value of a
# --set (--net simplenet,widenet --input downsample,dex --set clock_mhz=50,100);
# every combination runs once.  FILE.csv gets one row per point: the swept
# parameters, then dexsim's summary columns, then `status` (ok, or the error
# that point met, such as a network that does not fit).
#
# Points run in parallel: GNU parallel when installed (-j N jobs; across
# machines with --sshloginfile, which needs this tree and the output directory
# at the same paths on every machine), xargs -P otherwise.  Each point's row
# is written atomically to FILE.csv.points/, so a sweep interrupted and run
# again with the same arguments skips the finished points; FILE.csv is
# assembled at the end, atomically.  A progress line goes to standard error
# when it is a terminal.  DEXSIM names another dexsim binary; SWEEP_RUNNER=xargs
# forces the fallback runner.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dexsim=${DEXSIM:-$here/../dexsim}
usage() {
	echo "usage: scripts/sweep.sh --out FILE.csv [-j N] [--sshloginfile FILE] [dexsim options]" >&2
	exit 2
}

out= jobs=$(nproc 2>/dev/null || echo 2) logins=
dims=$(mktemp) && fixed=$(mktemp) && joblist=$(mktemp) && ids=$(mktemp)
trap 'rm -f "$dims" "$fixed" "$joblist" "$ids"; [ -n "${progress:-}" ] && kill "$progress" 2>/dev/null; true' EXIT
# Each option becomes a line of $dims: NAME<TAB>PREFIX<TAB>v1,v2,...  (one
# dimension; a single value is a dimension of one) or a line of $fixed.
while [ $# -gt 0 ]; do
	case $1 in
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	-j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
	--sshloginfile) [ $# -ge 2 ] || usage; logins=$2; shift 2 ;;
	--timing-only) echo "$1" >> "$fixed"; shift ;;
	--output | -o | --format | -f | --report | -r | --dump)
		echo "sweep: $1 is chosen by the sweep itself" >&2; exit 2 ;;
	--set | -s)
		[ $# -ge 2 ] || usage
		key=${2%%=*}
		[ "$key" != "$2" ] || { echo "sweep: --set $2: expected KEY=VALUE" >&2; exit 2; }
		printf '%s\t--set %s=\t%s\n' "$key" "$key" "${2#*=}" >> "$dims"
		shift 2 ;;
	--*)
		[ $# -ge 2 ] || usage
		printf '%s\t%s \t%s\n' "${1#--}" "$1" "$2" >> "$dims"
		shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$out" ] || usage
[ -x "$dexsim" ] || { echo "sweep: no dexsim at $dexsim (build first: scripts/setup.sh)" >&2; exit 2; }
points="$out.points"
mkdir -p "$points"

# The grid: one line per point, PARAMS<TAB>ARGS, PARAMS the CSV of its values.
grid=$(awk -F '\t' '
	{ name[NR] = $1; prefix[NR] = $2; n[NR] = split($3, v, ","); for (i = 1; i <= n[NR]; i++) val[NR, i] = v[i] }
	END {
		total = 1; for (d = 1; d <= NR; d++) total *= n[d]
		for (p = 0; p < total; p++) {
			rest = p; params = ""; args = ""
			for (d = NR; d >= 1; d--) {
				i = rest % n[d] + 1; rest = int(rest / n[d])
				if (n[d] > 1)
					params = val[d, i] (params != "" ? "," : "") params
				args = prefix[d] val[d, i] " " args
			}
			print params "\t" args
		}
	}' "$dims")
header=$(awk -F '\t' '{ if (split($3, v, ",") > 1) printf "%s%s", (n++ ? "," : ""), $1 }' "$dims")
total=$(printf '%s\n' "$grid" | grep -c .)
fixed_args=$(cat "$fixed")

# One job per unfinished point, named by a checksum of its arguments; $ids
# lists every point's name in grid order.
printf '%s\n' "$grid" | while IFS="$(printf '\t')" read -r params args; do
	id=$(printf '%s %s' "$args" "$fixed_args" | cksum | tr ' ' '-')
	echo "$id" >> "$ids"
	[ -e "$points/$id.csv" ] && continue
	printf "'%s' '%s' '%s' '%s' %s %s\n" "$here/sweep-point" "$dexsim" "$points/$id" "$params" \
		"$args" "$fixed_args" >> "$joblist"
done

if [ -t 2 ]; then
	start=$(date +%s)
	( while :; do
		done_n=$(ls "$points" | grep -c '\.csv$' || true)
		el=$(( $(date +%s) - start ))
		awk -v d="$done_n" -v t="$total" -v e="$el" 'BEGIN {
			r = e > 0 ? d / e : 0; eta = r > 0 ? (t - d) / r : 0
			printf "\rsweep: %d / %d points, %.1f/s, ETA %ds   ", d, t, r, eta }' >&2
		sleep 0.5
	done ) &
	progress=$!
fi
if [ -s "$joblist" ]; then
	if [ "${SWEEP_RUNNER:-}" != xargs ] && command -v parallel > /dev/null; then
		parallel --will-cite -j "$jobs" ${logins:+--sshloginfile "$logins"} < "$joblist"
	else
		[ -z "$logins" ] || { echo "sweep: --sshloginfile needs GNU parallel" >&2; exit 2; }
		xargs -P "$jobs" -L 1 sh -c 'exec "$@"' sh < "$joblist"
	fi
fi
if [ -n "${progress:-}" ]; then
	kill "$progress" 2>/dev/null || true
	progress=
	echo >&2
fi

# FILE.csv: the header, then the points in grid order.  The summary's
# columns come from any successful point; those a parameter names are left out.
summary=$(cat "$points"/*.head 2>/dev/null | head -1)
tmp="$out.tmp.$$"
(cd "$points" && sed 's/$/.csv/' "$ids" | xargs cat) | awk -F, -v swept="$header" -v summary="$summary" '
	BEGIN {
		OFS = ","
		ns = swept == "" ? 0 : split(swept, s, ",")
		nh = summary == "" ? 0 : split(summary, h, ",")
		for (i = 1; i <= ns; i++) named[s[i]] = 1
		line = swept
		for (i = 1; i <= nh; i++)
			if (!(h[i] in named)) line = line (line != "" ? "," : "") h[i]
		print line (line != "" ? "," : "") "status"
	}
	{
		line = ""
		for (i = 1; i <= ns; i++) line = line (i > 1 ? "," : "") $i
		ok = $NF == "ok"
		for (i = 1; i <= nh; i++)
			if (!(h[i] in named)) line = line (line != "" ? "," : "") (ok ? $(ns + i) : "")
		print line (line != "" ? "," : "") $NF
	}' > "$tmp"
mv "$tmp" "$out"
