#!/bin/sh
# Runs dexsim over every combination of the option values given.
#
#   scripts/sweep.sh --out FILE.csv [-j N] [--sshloginfile FILE] [dexsim options]
#
# Any option value may be a comma-separated list, and so may the value of a
# --set (--net simplenet,widenet --input downsample,dex --set clock_mhz=50,100;
# commas inside [] or {} do not split: --set conv2d_kernels=[1,3],[1,3,5]);
# every combination runs once, each value passed to dexsim as it is.  FILE.csv gets one row per point: the swept
# parameters, then dexsim's summary columns, then `status` (ok, or the error
# that point met, such as a network that does not fit).
#
# Points run in parallel: GNU parallel when installed (-j N jobs; across
# machines with --sshloginfile, which needs this tree and the output directory
# at the same paths on every machine), xargs -P otherwise.  Each point's row
# is written atomically to FILE.csv.points/, named by what the point reads
# (its options, dexsim, the files its values name), so a sweep interrupted and
# run again skips the finished points and re-runs those whose files changed; a
# point killed by a signal is not finished (no table, exit 1; run again to
# retry).  FILE.csv is assembled at the end, atomically.  A progress line goes to standard error
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
dims=$(mktemp) && fixed=$(mktemp) && joblist=$(mktemp) && ids=$(mktemp) && hashes=$(mktemp)
trap 'rm -f "$dims" "$fixed" "$joblist" "$ids" "$hashes"; [ -n "${progress:-}" ] && kill "$progress" 2>/dev/null; true' EXIT
# Each option becomes a line of $dims: NAME<TAB>OPTION<TAB>PREFIX<TAB>v1,v2,...
# (one dimension; a single value is a dimension of one; a point passes the
# words OPTION and PREFIXv) or a line of $fixed.
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
		printf '%s\t--set\t%s=\t%s\n' "$key" "$key" "${2#*=}" >> "$dims"
		shift 2 ;;
	--*)
		[ $# -ge 2 ] || usage
		printf '%s\t%s\t\t%s\n' "${1#--}" "$1" "$2" >> "$dims"
		shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$out" ] || usage
[ -x "$dexsim" ] || { echo "sweep: no dexsim at $dexsim (build first: scripts/setup.sh)" >&2; exit 2; }
points="$out.points"
mkdir -p "$points"

# Splits a value list at its commas, but not at those inside [] or {}
# (--set conv2d_kernels=[1,3],[1,3,5] is two values); awk's split() with it.
splitter='function values(list, v,    n, depth, i, c, cur) {
	n = 0; depth = 0; cur = ""
	for (i = 1; i <= length(list); i++) {
		c = substr(list, i, 1)
		if (c == "[" || c == "{") depth++
		if (c == "]" || c == "}") depth--
		if (c == "," && depth == 0) { v[++n] = cur; cur = "" } else cur = cur c
	}
	v[++n] = cur
	return n
}'

# What a point reads besides its arguments: dexsim itself, and every file a
# value names (a path, or a bare --config/--net name in the tree).  A point's
# cache name covers their checksums, so editing one runs its points again.
binary=$(cksum < "$dexsim")
awk -F '\t' "$splitter"'{ n = values($4, v); for (i = 1; i <= n; i++) print $2 "\t" v[i] }' "$dims" |
	sort -u | while IFS="$(printf '\t')" read -r option value; do
	case $option:$value in
	--config:*/* | --config:*.yaml | --net:*/* | --net:*.yaml) file=$value ;;
	--config:*) file=$here/../configs/$value.yaml ;;
	--net:*) file=$here/../models/$value.yaml ;;
	*) file=$value ;;
	esac
	[ -f "$file" ] && [ -r "$file" ] && printf '%s\t%s\t%s\n' "$option" "$value" "$(cksum < "$file")"
done > "$hashes" || true

# The grid, one line per point: PARAMS (the swept values, as CSV), the
# point's words quoted for a shell (values keep spaces, quotes and what a
# shell would run), and what names it in the cache; \037 between them.
grid=$(awk -F '\t' "$splitter"'
	function csv(x) { if (x ~ /[,"]/) { gsub(/"/, "\"\"", x); return "\"" x "\"" } return x }
	function sh(x) { gsub(/'"'"'/, "'"'"'\\'"'"''"'"'", x); return "'"'"'" x "'"'"'" }
	NR == FNR { hash[$1 "\t" $2] = $3; next }
	{ name[++nd] = $1; option[nd] = $2; prefix[nd] = $3; n[nd] = values($4, v)
	  for (i = 1; i <= n[nd]; i++) val[nd, i] = v[i] }
	END {
		total = 1; for (d = 1; d <= nd; d++) total *= n[d]
		for (p = 0; p < total; p++) {
			rest = p; params = ""; words = ""; reads = ""
			for (d = nd; d >= 1; d--) {
				i = rest % n[d] + 1; rest = int(rest / n[d]); x = val[d, i]
				if (n[d] > 1)
					params = csv(x) (params != "" ? "," : "") params
				words = sh(option[d]) " " sh(prefix[d] x) (words != "" ? " " : "") words
				reads = option[d] " " prefix[d] x " " hash[option[d] "\t" x] "\n" reads
			}
			gsub(/\n/, "\036", reads)
			print params "\037" words "\037" reads
		}
	}' "$hashes" "$dims")
header=$(awk -F '\t' "$splitter"'{ if (values($4, v) > 1) printf "%s%s", (n++ ? "," : ""), $1 }' "$dims")
total=$(printf '%s\n' "$grid" | grep -c .)
fixed_args=$(tr '\n' ' ' < "$fixed" | sed 's/ *$//')

# One job per unfinished point, named by a checksum of what it reads; $ids
# lists every point's name in grid order.  No job line ends in a blank (xargs
# would join the next line to it).
printf '%s\n' "$grid" | while IFS="$(printf '\037')" read -r params words reads; do
	id=$(printf '%s|%s|%s' "$reads" "$fixed_args" "$binary" | cksum | tr ' ' '-')
	echo "$id" >> "$ids"
	[ -e "$points/$id.csv" ] && continue
	quoted=$(printf '%s' "$params" | sed "s/'/'\\\\''/g")
	printf "'%s' '%s' '%s' '%s' %s%s\n" "$here/sweep-point" "$dexsim" "$points/$id" "$quoted" \
		"$words" "${fixed_args:+ $fixed_args}" >> "$joblist"
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

# FILE.csv: the header, then the points in grid order, unless a point did not
# finish (killed by a signal, or dexsim failed): then no table, exit 1, and
# running the sweep again retries those points.  The summary's columns come
# from any successful point; those a parameter names are left out.
missing=$(while read -r id; do [ -e "$points/$id.csv" ] || echo "$id"; done < "$ids" | grep -c . || true)
if [ "$missing" -gt 0 ]; then
	echo "sweep: $missing of $total points did not finish; run the sweep again to retry them" >&2
	exit 1
fi
summary=$(cat "$points"/*.head 2>/dev/null | head -1)
tmp="$out.tmp.$$"
awk -F, -v swept="$header" -v summary="$summary" -v points="$points" '
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
		# The swept values come CSV-quoted from their own file; the row of
		# dexsim values and status is split here.
		file = points "/" $0
		getline line < (file ".params"); close(file ".params")
		getline row < (file ".csv"); close(file ".csv")
		n = split(row, f, ",")
		ok = f[n] == "ok"
		for (i = 1; i <= nh; i++)
			if (!(h[i] in named)) line = line (line != "" || ns ? "," : "") (ok ? f[i] : "")
		print line (line != "" ? "," : "") f[n]
	}' "$ids" > "$tmp"
mv "$tmp" "$out"
