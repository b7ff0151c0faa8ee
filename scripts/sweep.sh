#!/bin/sh
# Runs dexsim over every combination of the option values given.
#
#   scripts/sweep.sh --out FILE.csv [-j N] [--chunk N] [--sshloginfile FILE] [dexsim options]
#
# Any option value may be a comma-separated list, and so may the value of a
# --set (--net simplenet,widenet --input downsample,dex --set clock_mhz=50,100;
# commas inside [] or {} do not split: --set conv2d_kernels=[1,3],[1,3,5]);
# every combination runs once, each value passed to dexsim as it is.  FILE.csv
# gets one row per point: every option (the swept ones first, then those with
# one value and the flags), then dexsim's summary columns, then `status` (ok,
# or the error that point met, such as a network that does not fit).
#
# Points run in chunks, each chunk one `dexsim --batch` (--chunk N points; by
# default about four chunks per job), chunks in parallel: GNU parallel when
# installed (-j N jobs; across machines with --sshloginfile, which needs this
# tree and the output directory at the same paths on every machine), xargs -P
# otherwise.  Each chunk's table is written atomically to FILE.csv.points/,
# with the names of its points: a point's name covers what it reads (its
# options, dexsim, the files its values name), so a sweep interrupted and run
# again skips the finished chunks' points and re-runs those whose files
# changed; a chunk whose dexsim died (a signal) is not finished (no table,
# exit 1; run again to retry).  FILE.csv is assembled at the end, atomically.
# A progress line goes to standard error when it is a terminal.  DEXSIM names
# another dexsim binary; SWEEP_RUNNER=xargs forces the fallback runner.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# In the build tree: ../dexsim and sweep-chunk beside this script; installed
# (as dexsim-sweep): dexsim and dexsim-sweep-chunk beside it.
if [ -x "$here/sweep-chunk" ]; then
	dexsim=${DEXSIM:-$here/../dexsim} runner=$here/sweep-chunk data=$here/..
else
	dexsim=${DEXSIM:-$here/dexsim} runner=$here/dexsim-sweep-chunk data=$here/../share/dexsim
fi
prog=$(basename "$0")
synopsis="usage: $prog --out FILE.csv [-j N] [--chunk N] [--sshloginfile FILE] [dexsim options]"
usage() {
	echo "$synopsis" >&2
	exit 2
}
fail() {
	echo "$prog: $*" >&2
	exit 2
}
help() {
	echo "$synopsis"
	cat <<-'EOF'
	Runs dexsim once for every combination of the option values given: any value
	may be a comma-separated list (--net simplenet,widenet --set clock_mhz=50,100).
	FILE.csv gets a row per point: its options, dexsim's summary and a status.

	  --out FILE.csv         the sweep's table (finished points are kept in
	                         FILE.csv.points/: a sweep run again skips them)
	  -j N                   jobs in parallel (default: the processors)
	  --chunk N              points per dexsim --batch (default: about four
	                         chunks per job)
	  --sshloginfile FILE    run across machines with GNU parallel
	  -h, --help             show this help

	DEXSIM names another dexsim; SWEEP_RUNNER=xargs avoids GNU parallel.
	EOF
	exit 0
}
whole_number() {
	case $2 in '' | *[!0-9]* | 0) fail "$1 $2: expected a whole number from 1" ;; esac
}

out= jobs=$(nproc 2>/dev/null || echo 2) logins= chunk=
dims=$(mktemp) && joblist=$(mktemp) && ids=$(mktemp) && hashes=$(mktemp) && todo=$(mktemp)
trap 'rm -f "$dims" "$joblist" "$ids" "$hashes" "$todo"; [ -n "${progress:-}" ] && kill "$progress" 2>/dev/null; true' EXIT
# Each option becomes a line of $dims: NAME<TAB>OPTION<TAB>PREFIX<TAB>v1,v2,...
# (one dimension; a single value is a dimension of one; a point passes the
# words OPTION and PREFIXv; a flag passes OPTION alone and records "yes").
tab=$(printf '\t')
while [ $# -gt 0 ]; do
	case $1 in
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	-j) [ $# -ge 2 ] || usage; whole_number -j "$2"; jobs=$2; shift 2 ;;
	--chunk) [ $# -ge 2 ] || usage; whole_number --chunk "$2"; chunk=$2; shift 2 ;;
	--sshloginfile) [ $# -ge 2 ] || usage; logins=$2; shift 2 ;;
	--timing-only | --overlap-data) printf '%s\t%s\t\t%s\n' "${1#--}" "$1" yes >> "$dims"; shift ;;
	--output | -o | --format | -f | --report | -r | --batch)
		fail "$1 is chosen by the sweep itself" ;;
	-h | --help) help ;;
	--dump | --timeline | --vcd | --version | -V)
		fail "$1 writes files of one run; run that point on its own" ;;
	--set | -s)
		[ $# -ge 2 ] || usage
		key=${2%%=*}
		[ "$key" != "$2" ] || fail "--set $2: expected KEY=VALUE"
		printf '%s\t--set\t%s=\t%s\n' "$key" "$key" "${2#*=}" >> "$dims"
		shift 2 ;;
	--config | -c | --net | -n | --input | -i | --channels | --classes | --weights | \
	--checkpoint | --input-tensor | --seed | --image | --source-size | --resolution)
		[ $# -ge 2 ] || usage
		case $1 in -c) opt=--config ;; -n) opt=--net ;; -i) opt=--input ;; *) opt=$1 ;; esac
		printf '%s\t%s\t\t%s\n' "${opt#--}" "$opt" "$2" >> "$dims"
		shift 2 ;;
	*) fail "unknown option '$1' (see dexsim --help)" ;;
	esac
done
[ -n "$out" ] || usage
[ -x "$dexsim" ] || fail "no dexsim at $dexsim (build first: scripts/setup.sh)"
grep -q "$tab--config$tab" "$dims" && grep -q "$tab--net$tab" "$dims" || fail "--config and --net are required"
# A batch holds a point per line: a value cannot hold a line break.
[ "$(wc -l < "$dims")" -eq "$(grep -c "$tab" "$dims")" ] || fail "a value with a line break cannot be a point"
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
# name covers their checksums, so editing one runs its points again.
binary=$(cksum < "$dexsim")
awk -F '\t' "$splitter"'{ n = values($4, v); for (i = 1; i <= n; i++) print $2 "\t" v[i] }' "$dims" |
	sort -u | while IFS="$tab" read -r option value; do
	case $option:$value in
	--config:*/* | --config:*.yaml | --net:*/* | --net:*.yaml) file=$value ;;
	--config:*) file=$data/configs/$value.yaml ;;
	--net:*) file=$data/models/$value.yaml ;;
	*) file=$value ;;
	esac
	[ -f "$file" ] && [ -r "$file" ] && printf '%s\t%s\t%s\n' "$option" "$value" "$(cksum < "$file")"
done > "$hashes" || true

# The grid, one line per point: its name (two 31-bit hashes of what it
# reads), its options as CSV cells (the swept dimensions first), and its batch
# line (values quoted for dexsim's shell-like splitting: spaces, quotes and
# what a shell would run stay as they are); \037 between them.
grid=$(awk -F '\t' -v binary="$binary" "$splitter"'
	function csv(x) { if (x ~ /[,"]/) { gsub(/"/, "\"\"", x); return "\"" x "\"" } return x }
	function sh(x) { gsub(/'"'"'/, "'"'"'\\'"'"''"'"'", x); return "'"'"'" x "'"'"'" }
	function hash(s, m, p,    h, i) {
		h = 0
		for (i = 1; i <= length(s); i++) h = (h * m + ord[substr(s, i, 1)]) % p
		return h
	}
	BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
	NR == FNR { hash_of[$1 "\t" $2] = $3; next }
	{ name[++nd] = $1; option[nd] = $2; prefix[nd] = $3; n[nd] = values($4, v)
	  for (i = 1; i <= n[nd]; i++) {
		x = val[nd, i] = v[i]
		flag[nd, i] = prefix[nd] == "" && x == "yes" && option[nd] ~ /^--(timing-only|overlap-data)$/
		word[nd, i] = sh(option[nd]) (flag[nd, i] ? "" : " " sh(prefix[nd] x))
		reads = option[nd] " " prefix[nd] x " " hash_of[option[nd] "\t" x]
		h1[nd, i] = hash(reads, 131, 2147483647); h2[nd, i] = hash(reads, 257, 2147483629)
	  } }
	END {
		total = 1; for (d = 1; d <= nd; d++) total *= n[d]
		b1 = hash(binary, 131, 2147483647); b2 = hash(binary, 257, 2147483629)
		for (p = 0; p < total; p++) {
			rest = p; swept = ""; one = ""; words = ""; id1 = b1; id2 = b2
			for (d = nd; d >= 1; d--) {
				i = rest % n[d] + 1; rest = int(rest / n[d]); x = val[d, i]
				if (n[d] > 1)
					swept = csv(x) (swept != "" ? "," : "") swept
				else
					one = csv(x) (one != "" ? "," : "") one
				words = word[d, i] (words != "" ? " " : "") words
				id1 = (id1 * 65599 + h1[d, i]) % 2147483647
				id2 = (id2 * 65537 + h2[d, i]) % 2147483629
			}
			cells = swept (swept != "" && one != "" ? "," : "") one
			printf "%d-%d\037%s\037%s\n", id1, id2, cells, words
		}
	}' "$hashes" "$dims")
header=$(awk -F '\t' "$splitter"'
	{ if (values($4, v) > 1) swept = swept (swept != "" ? "," : "") $1
	  else one = one (one != "" ? "," : "") $1 }
	END { print swept (swept != "" && one != "" ? "," : "") one }' "$dims")
total=$(printf '%s\n' "$grid" | grep -c .)

# Points already in a finished chunk (its table written) are done; the others
# go into new chunks of --chunk points (default: about four per job).
for names in "$points"/*.ids; do
	[ -e "$names" ] && [ -e "${names%.ids}.csv" ] && cat "$names"
done > "$ids"
printf '%s\n' "$grid" | awk -F '\037' 'FILENAME == ARGV[1] { done[$0] = 1; next } !($1 in done)' "$ids" - > "$todo"
left=$(grep -c . "$todo" || true)
[ -n "$chunk" ] || chunk=$(( (left + 4 * jobs - 1) / (4 * jobs) ))
[ "$chunk" -gt 0 ] || chunk=1
# Each chunk: NAME.lines (its batch) and NAME.ids, named by its points; the
# job runs the batch into NAME.csv, atomically.  No job line ends in a blank
# (xargs would join the next line to it).
awk -F '\037' -v size="$chunk" -v dir="$points" -v runner="$runner" -v dexsim="$dexsim" '
	function sh(x) { gsub(/'"'"'/, "'"'"'\\'"'"''"'"'", x); return "'"'"'" x "'"'"'" }
	function flush() {
		if (n == 0) return
		base = dir "/chunk-" first "-" n
		printf "%s", names > (base ".ids"); close(base ".ids")
		printf "%s", lines > (base ".lines"); close(base ".lines")
		print sh(runner), sh(dexsim), sh(base)
		n = 0; names = ""; lines = ""
	}
	{ if (n == 0) first = $1
	  names = names $1 "\n"; lines = lines $3 "\n"
	  if (++n == size) flush() }
	END { flush() }' "$todo" > "$joblist"

if [ -t 2 ]; then
	start=$(date +%s)
	( while :; do
		done_n=$(cat "$points"/*.csv 2>/dev/null | grep -c . || true)
		el=$(( $(date +%s) - start ))
		awk -v d="$done_n" -v t="$left" -v e="$el" 'BEGIN {
			r = e > 0 ? d / e : 0; eta = r > 0 ? (t - d) / r : 0
			printf "\rsweep: %d / %d points, %.1f/s, ETA %ds   ", d, t, r, eta }' >&2
		sleep 0.5
	done ) &
	progress=$!
fi
if [ -s "$joblist" ]; then
	if [ "${SWEEP_RUNNER:-}" != xargs ] && command -v parallel > /dev/null; then
		parallel --will-cite -j "$jobs" ${logins:+--sshloginfile "$logins"} < "$joblist" || true
	else
		[ -z "$logins" ] || fail "--sshloginfile needs GNU parallel"
		xargs -P "$jobs" -L 1 sh -c 'exec "$@"' sh < "$joblist" || true
	fi
fi
if [ -n "${progress:-}" ]; then
	kill "$progress" 2>/dev/null || true
	progress=
	echo >&2
fi

# FILE.csv: the header, then the points in grid order, unless a chunk did not
# finish (its dexsim killed by a signal, or failing): then no table, exit 1,
# and running the sweep again retries its points.  Each finished chunk's table
# gives its points' summary cells, by column name, and status.
for names in "$points"/*.ids; do
	[ -e "$names" ] && [ -e "${names%.ids}.csv" ] && printf '%s\n' "${names%.ids}"
done > "$ids"
tmp="$out.tmp.$$"
if ! printf '%s\n' "$grid" | awk -F '\037' -v header="$header" '
	# One CSV record into f[1..n], quotes undone.
	function parse(line, f,    n, i, c, cur, quoted) {
		n = 0; cur = ""; quoted = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (quoted) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") { cur = cur c; i++ }
				else if (c == "\"") quoted = 0
				else cur = cur c
			} else if (c == "\"") quoted = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
	function csv(x) { if (x ~ /[,"]/) { gsub(/"/, "\"\"", x); return "\"" x "\"" } return x }
	FILENAME == ARGV[1] {
		base = $0
		while ((getline name < (base ".ids")) > 0) names[++count] = name
		close(base ".ids")
		getline line < (base ".csv")
		nh = parse(line, head)
		for (r = 1; r <= count; r++) {
			getline line < (base ".csv")
			parse(line, cell)
			for (c = 1; c <= nh; c++)
				if (head[c] !~ /^--/) value[names[r], head[c]] = cell[c]
		}
		close(base ".csv")
		if (columns == "")
			for (c = 1; c <= nh; c++)
				if (head[c] !~ /^--/ && head[c] != "status") summary[++ns] = head[c]
		columns = ns
		count = 0
		next
	}
	FNR == 1 {
		nn = header == "" ? 0 : split(header, named, ",")
		for (i = 1; i <= nn; i++) is_named[named[i]] = 1
		line = header
		for (i = 1; i <= ns; i++)
			if (!(summary[i] in is_named)) line = line (line != "" ? "," : "") summary[i]
		print line ",status"
	}
	{
		if (!(($1, "status") in value)) { missing++; next }
		line = $2
		for (i = 1; i <= ns; i++)
			if (!(summary[i] in is_named))
				line = line (line != "" ? "," : "") csv(value[$1, summary[i]])
		print line "," csv(value[$1, "status"])
	}
	END { exit missing > 0 }' "$ids" - > "$tmp"; then
	rm -f "$tmp"
	missing=$(printf '%s\n' "$grid" | awk -F '\037' 'FILENAME == ARGV[1] { while ((getline n < ($0 ".ids")) > 0) done[n] = 1; next } !($1 in done)' "$ids" - | grep -c . || true)
	echo "sweep: $missing of $total points did not finish; run the sweep again to retry them" >&2
	exit 1
fi
mv "$tmp" "$out"
