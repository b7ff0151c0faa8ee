#!/bin/sh
# scripts/validate: the MAX78000 rows of the vendor's measurements are within
# 0.1 %, the MAX78002's energies within 5 %; a row outside its tolerance exits 1 and is marked; bad input exits 2.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
validate="$PYTHON $SRCDIR/scripts/validate --dexsim $DEXSIM"
m="$SRCDIR/tests/validation/measured.csv"

{ head -1 "$m"; grep '^MAX78000,' "$m"; } > "$tmp/max78000.csv"
check "MAX78000 rows within 0.1 %" sh -c "$validate --measured $tmp/max78000.csv > $tmp/ok.out"
check "both rows counted" grep -q "validate: 2 passed, 0 failed" "$tmp/ok.out"

# MNIST measured 1410 us; written as 1425 it is 1.1 % away from dexsim's 1409.8.
{ head -1 "$m"; grep '^MAX78000,mnist,' "$m" | sed 's/,50,none,1410,/,50,none,1425,/'; } > "$tmp/off.csv"
$validate --measured "$tmp/off.csv" > "$tmp/off.out"
check "a row outside its tolerance exits 1" test $? -eq 1
check "and is marked" grep -q "mnist .*OUTSIDE" "$tmp/off.out"

# The row's stated precision widens the limit: +-20 us on 1425 us is 1.4 %.
sed 's/+-1 us/+-20 us/' "$tmp/off.csv" > "$tmp/loose.csv"
check "a stated precision widens the limit" sh -c "$validate --measured $tmp/loose.csv > /dev/null"

# The energy model against the vendor's nine measured energies (AN7664): each
# within 5 %.  (Its constants were calibrated on these rows; the check keeps a
# change to the timing, the statistics or the model from moving them.)
{ head -1 "$m"; grep '^MAX78002,' "$m" | awk -F, '$10 != ""'; } > "$tmp/energy.csv"
$validate --measured "$tmp/energy.csv" > "$tmp/energy.out"
check "nine energy rows" test "$(grep -c ' energy uJ ' "$tmp/energy.out")" -eq 9
check "each within 5 %" sh -c "! grep ' energy uJ .*OUTSIDE' $tmp/energy.out"

$validate --measured "$tmp/nosuch.csv" > /dev/null 2>&1
check "a missing file exits 2" test $? -eq 2
finish
