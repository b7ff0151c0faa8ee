# Plots examples/dex-sweep's CSV: columns channels, resolution, then the
# summary (found by name); rows whose status is not "ok" are skipped.
set datafile separator ','
set terminal pngcairo size 1200,400 font ',10'
set output out
set multiplot layout 1,3 title 'SimpleNet on the MAX78000: DEX channels x input resolution'
set key top left
set xlabel 'DEX channels'
set grid
ok(v) = strcol('status') eq 'ok' ? v : NaN
set ylabel 'latency (us)'
plot for [r in '32 40 45'] data using (column('resolution') == r + 0 ? ok(column('channels')) : NaN):'latency_us' \
	with linespoints pointsize 0.5 title r.'x'.r
set ylabel 'ProcUtil (%)'
plot for [r in '32 40 45'] data using (column('resolution') == r + 0 ? ok(column('channels')) : NaN):'proc_util_pct' \
	with linespoints pointsize 0.5 title r.'x'.r
set ylabel 'InfoRatio'
plot for [r in '32 40 45'] data using (column('resolution') == r + 0 ? ok(column('channels')) : NaN):'info_ratio' \
	with linespoints pointsize 0.5 title r.'x'.r
unset multiplot
